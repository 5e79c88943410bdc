import {chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {privateNativeFile} from '../../src/sea/keyring.js'

const dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, {recursive: true, force: true})
})

async function home(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ddcli-native-'))
  dirs.push(dir)
  return dir
}

const bytes = Buffer.from('not really a native module')

describe('the single executable\'s private native folder', () => {
  it('writes the file once, 0600 in a 0700 folder, named by its hash, and finds it the next time', async () => {
    const dir = await home()
    const file = privateNativeFile(bytes, 'keyring', {HOME: dir})
    expect(file).toMatch(new RegExp(`^${dir}/\\.cache/ddcli/native/keyring-[0-9a-f]{32}\\.node$`))
    expect((await stat(join(dir, '.cache', 'ddcli', 'native'))).mode & 0o777).toBe(0o700)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    const before = (await stat(file)).mtimeMs
    expect(privateNativeFile(bytes, 'keyring', {HOME: dir})).toBe(file)
    expect((await stat(file)).mtimeMs).toBe(before)
  })

  it('uses an absolute XDG_CACHE_HOME, and ignores a relative one', async () => {
    const dir = await home()
    expect(privateNativeFile(bytes, 'keyring', {HOME: dir, XDG_CACHE_HOME: join(dir, 'xdg')}).startsWith(join(dir, 'xdg', 'ddcli', 'native'))).toBe(true)
    expect(privateNativeFile(bytes, 'keyring', {HOME: dir, XDG_CACHE_HOME: 'xdg'}).startsWith(join(dir, '.cache', 'ddcli', 'native'))).toBe(true)
  })

  it('rewrites a file whose bytes were changed before it is loaded', async () => {
    const dir = await home()
    const file = privateNativeFile(bytes, 'keyring', {HOME: dir})
    await writeFile(file, 'tampered')
    expect(privateNativeFile(bytes, 'keyring', {HOME: dir})).toBe(file)
    expect(await readFile(file)).toEqual(bytes)
  })

  it.each([
    {name: 'a folder others can enter', plant: async (native: string) => { await mkdir(native, {recursive: true}); await chmod(native, 0o755) }, error: /is open to other users \(mode 755\)/},
    {name: 'a link in place of the folder', plant: async (native: string, dir: string) => { await mkdir(join(dir, 'elsewhere'), {mode: 0o700}); await mkdir(join(native, '..'), {recursive: true}); await symlink(join(dir, 'elsewhere'), native) }, error: /is not what the keychain module needs/},
  ])('refuses $name and writes nothing there', async ({plant, error}) => {
    const dir = await home()
    const native = join(dir, '.cache', 'ddcli', 'native')
    await plant(native, dir)
    expect(() => privateNativeFile(bytes, 'keyring', {HOME: dir})).toThrow(error)
    expect((await readdir(native)).filter((name) => name.endsWith('.node'))).toEqual([])
  })

  it('refuses a file others can write, even holding the right bytes', async () => {
    const dir = await home()
    const file = privateNativeFile(bytes, 'keyring', {HOME: dir})
    await chmod(file, 0o666)
    expect(() => privateNativeFile(bytes, 'keyring', {HOME: dir})).toThrow(/is open to other users \(mode 666\)/)
  })

  it('needs an absolute home: a relative HOME is an error, not a folder under the current one', () => {
    expect(() => privateNativeFile(bytes, 'keyring', {HOME: 'relative'})).toThrow(/no absolute HOME or XDG_CACHE_HOME/)
  })
})
