import {chmod, chown, link, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile} from 'node:fs/promises'
import {createHash} from 'node:crypto'
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

  it('replaces a file others can write, even holding the right bytes, with a private copy', async () => {
    const dir = await home()
    const file = privateNativeFile(bytes, 'keyring', {HOME: dir})
    await chmod(file, 0o666)
    expect(privateNativeFile(bytes, 'keyring', {HOME: dir})).toBe(file)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('replaces a file that has another name (a hard link made elsewhere), leaving that other name alone', async () => {
    const dir = await home()
    const file = privateNativeFile(bytes, 'keyring', {HOME: dir})
    await link(file, join(dir, 'other-name'))
    expect(privateNativeFile(bytes, 'keyring', {HOME: dir})).toBe(file)
    expect((await stat(file)).nlink).toBe(1)
    expect(await readFile(join(dir, 'other-name'))).toEqual(bytes)
  })

  it('replaces a link planted under the file\'s name without following it', async () => {
    const dir = await home()
    const file = privateNativeFile(bytes, 'keyring', {HOME: dir})
    await rm(file)
    await writeFile(join(dir, 'decoy'), bytes)
    await symlink(join(dir, 'decoy'), file)
    expect(privateNativeFile(bytes, 'keyring', {HOME: dir})).toBe(file)
    expect((await stat(file)).nlink).toBe(1)
    expect(await readFile(join(dir, 'decoy'))).toEqual(bytes)
  })

  it.each([
    {name: 'writable by others (a shared XDG_CACHE_HOME)', mode: 0o777, error: /shared is open to other users \(mode 777\)/},
    {name: 'writable by its group', mode: 0o775, error: /shared is open to other users \(mode 775\)/},
  ])('refuses a cache folder whose parent is $name: another user could swap the checked folder before the load', async ({mode, error}) => {
    const dir = await home()
    const shared = join(dir, 'shared')
    await mkdir(shared)
    await chmod(shared, mode)
    expect(() => privateNativeFile(bytes, 'keyring', {HOME: dir, XDG_CACHE_HOME: shared})).toThrow(error)
    expect(await readdir(join(shared, 'ddcli', 'native'))).toEqual([])
  })

  it('accepts a sticky shared parent (as /tmp is) when the folders it holds are this user\'s', async () => {
    const dir = await home()
    const shared = join(dir, 'sticky')
    await mkdir(shared)
    await chmod(shared, 0o1777)
    expect(privateNativeFile(bytes, 'keyring', {HOME: dir, XDG_CACHE_HOME: shared})).toMatch(new RegExp(`^${shared}/ddcli/native/keyring-[0-9a-f]{32}\\.node$`))
  })

  it('checks and returns the folder a link above it resolves to, so the path loaded is the path checked', async () => {
    const dir = await home()
    await mkdir(join(dir, 'real-cache'), {mode: 0o700})
    await symlink(join(dir, 'real-cache'), join(dir, '.cache'))
    expect(privateNativeFile(bytes, 'keyring', {HOME: dir})).toMatch(new RegExp(`^${dir}/real-cache/ddcli/native/keyring-[0-9a-f]{32}\\.node$`))
  })

  it.skipIf(process.getuid?.() !== 0)('refuses a folder above it that belongs to another user (HOME of another user under sudo)', async () => {
    const dir = await home()
    const theirs = join(dir, 'theirs')
    await mkdir(theirs, {mode: 0o755})
    await chown(theirs, 65534, 65534)
    expect(() => privateNativeFile(bytes, 'keyring', {HOME: theirs})).toThrow(`${theirs} belongs to another user`)
  })

  it('leaves no temporary file behind when the file cannot be put in place', async () => {
    const dir = await home()
    const native = join(dir, '.cache', 'ddcli', 'native')
    await mkdir(native, {recursive: true, mode: 0o700})
    // A folder (with something in it) under the file's name: the rename fails.
    const name = `keyring-${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.node`
    await mkdir(join(native, name, 'inside'), {recursive: true})
    expect(() => privateNativeFile(bytes, 'keyring', {HOME: dir})).toThrow(/EISDIR|ENOTEMPTY|EEXIST/)
    expect(await readdir(native)).toEqual([name])
  })

  it('needs an absolute home: a relative HOME is an error, not a folder under the current one', () => {
    expect(() => privateNativeFile(bytes, 'keyring', {HOME: 'relative'})).toThrow(/no absolute HOME or XDG_CACHE_HOME/)
  })
})
