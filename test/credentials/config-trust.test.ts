import {execFileSync} from 'node:child_process'
import {chmod, chown, mkdir, readFile, rm, stat, symlink, utimes, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {API_KEY, configDir, type ConfigDir} from '../commands/config-dir.js'
import {startServer, type TestServer} from '../helpers/server.js'

// A config that another user could replace is refused on read as on write, as ssh refuses its config: its api-url
// would otherwise receive the credentials of the environment. Paths that are not regular files are refused without
// blocking. In process, as the user running the tests (root here, so another owner is made with chown).
const isRoot = process.getuid?.() === 0
let config: ConfigDir
let server: TestServer
beforeEach(async () => {
  config = await configDir()
  server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}))
})
afterEach(async () => {
  await server.close()
  await config.cleanup()
})

/** A config whose api-url is the test server: a request arriving there would carry the env's key. */
const pointing = () => JSON.stringify({profiles: {default: {apiUrl: server.url}}})
const call = () => config.run(['call', 'GET', '/api/v1/validate'], {env: {DD_API_KEY: API_KEY}, timeoutMs: 5000})

describe('a config others could replace', () => {
  it.each([
    {name: 'a file writable by group and others', prepare: () => chmod(config.file, 0o666), line: /^ddcli: config file .* can be written by other users, who could point its api-url elsewhere; run chmod 600 '.*config\.json'\n$/},
    {name: 'a file writable by its group', prepare: () => chmod(config.file, 0o620), line: /can be written by other users/},
    ...(isRoot ? [{name: 'a file of another user', prepare: () => chown(config.file, 4321, 4321), line: /^ddcli: config file .* belongs to another user \(uid 4321\), who could point its api-url elsewhere; use a config of your own \(DDCLI_CONFIG_DIR\) or chown it\n$/}] : []),
    {name: 'a folder others can write to', prepare: () => chmod(config.dir, 0o777), line: /^ddcli: config folder .* can be written by other users, who could replace the config; run chmod 700 '.*'\n$/},
    ...(isRoot ? [{name: 'a folder of another user', prepare: () => chown(config.dir, 4321, 4321), line: /^ddcli: config folder .* belongs to another user \(uid 4321\)/}] : []),
  ])('is refused on read, before any request: $name', async ({prepare, line}) => {
    await config.write(pointing())
    await prepare()
    const result = await call()
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 3, stderr: expect.stringMatching(line)})
    expect(server.requests).toHaveLength(0)
  })

  it('is read from a sticky folder others can write to, when the file is ours and only ours', async () => {
    await config.write(pointing())
    await chmod(config.dir, 0o1777)
    const result = await call()
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 0, stderr: ''})
    expect(server.requests).toHaveLength(1)
    // Writing there is still refused: a file that is absent could be planted first.
    const set = await config.run(['config', 'set', 'site', 'datadoghq.eu'])
    expect(set.code).toBe(3)
    expect(set.stderr).toMatch(/can be written by other users/)
  })
})

// Whoever can write to a folder on the way to the config can rename the config folder away and put a link in its place,
// to a folder of the user's that holds a config.json they wrote (a repository the user cloned): every folder above the
// config, on its path as given and on its real path, is checked as ssh checks them. Others-writable folders without
// the sticky bit are refused; /tmp (sticky) and the user's own folders are not.
describe('a folder above the config that others can write to', () => {
  it('is refused on read, before any request', async () => {
    await config.write(pointing())
    await chmod(dirname(config.dir), 0o777)
    const result = await call()
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 3, stderr: `ddcli: folder ${dirname(config.dir)} above the config can be written by other users, who could replace the config folder; run chmod o-w '${dirname(config.dir)}'\n`})
    expect(server.requests).toHaveLength(0)
  })

  it('is refused on read when it is above the real folder a link to the config folder leads to', async () => {
    const shared = join(dirname(config.dir), 'shared')
    await mkdir(join(shared, 'real'), {recursive: true, mode: 0o700})
    await chmod(shared, 0o777)
    await writeFile(join(shared, 'real', 'config.json'), pointing(), {mode: 0o600})
    await symlink(join(shared, 'real'), config.dir)
    const result = await call()
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 3, stderr: expect.stringContaining(`ddcli: folder ${shared} above the config can be written by other users`)})
    expect(server.requests).toHaveLength(0)
  })

  it('is refused on write too, and nothing is written', async () => {
    await chmod(dirname(config.dir), 0o777)
    const result = await config.run(['config', 'set', 'site', 'datadoghq.eu'])
    expect(result.code).toBe(3)
    await expect(stat(config.file)).rejects.toThrow(/ENOENT/)
  })
})

describe('a config path that is not a regular file', () => {
  it.each([
    {name: 'a fifo', make: async () => execFileSync('mkfifo', [config.file])},
    {name: 'a link to a device that never ends', make: () => symlink('/dev/zero', config.file)},
    {name: 'a link to /dev/null', make: () => symlink('/dev/null', config.file)},
  ])('is refused at once, not read: $name', async ({make}) => {
    await mkdir(config.dir, {recursive: true, mode: 0o700})
    await make()
    const started = Date.now()
    const result = await call()
    expect(Date.now() - started).toBeLessThan(3000)
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 3, stderr: expect.stringMatching(/^ddcli: config file .* is not a regular file \(a fifo, socket or device\); fix it by hand or move it away/)})
    expect(server.requests).toHaveLength(0)
  })

  it('is a directory: said as such', async () => {
    await mkdir(config.file, {recursive: true})
    const result = await call()
    expect(result.stderr).toMatch(/^ddcli: config file .* is a directory; /)
    expect(result.code).toBe(3)
  })
})

describe('a lock path that is a folder', () => {
  it('is a configuration error at once, naming what to remove, and the config is kept', async () => {
    await config.write(JSON.stringify({profiles: {default: {site: 'datadoghq.eu'}}}))
    await mkdir(`${config.file}.lock`)
    const started = Date.now()
    const result = await config.run(['config', 'set', 'site', 'us5.datadoghq.com'])
    expect(Date.now() - started).toBeLessThan(3000)
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 3, stderr: `ddcli: cannot lock config file ${config.file}: ${config.file}.lock is not a lock file of ddcli (a folder or other special file); remove it\n`})
    expect(JSON.parse(await readFile(config.file, 'utf8'))).toEqual({profiles: {default: {site: 'datadoghq.eu'}}})
    expect((await stat(`${config.file}.lock`)).isDirectory()).toBe(true)
    await rm(`${config.file}.lock`, {recursive: true})
  })
})

describe('folders named like the files a killed writer leaves', () => {
  it('are left alone, and the write goes on', async () => {
    await config.write('{}')
    for (const name of ['config.json.tmp-1234', 'config.json.lock.old']) await mkdir(join(config.dir, name))
    const old = new Date(Date.now() - 3_600_000)
    await utimes(join(config.dir, 'config.json.lock.old'), old, old)
    const result = await config.run(['config', 'set', 'site', 'datadoghq.eu'])
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 0, stderr: `ddcli: set site to datadoghq.eu in ${config.file} [profile default]\n`})
    for (const name of ['config.json.tmp-1234', 'config.json.lock.old']) expect((await stat(join(config.dir, name))).isDirectory()).toBe(true)
  })
})

// A config written by ddcli itself is 0600 in a 0700 folder: the checks above never refuse it.
it('accepts the config ddcli writes', async () => {
  expect((await config.run(['config', 'set', 'api-url', server.url])).code).toBe(0)
  const result = await call()
  expect({code: result.code, stderr: result.stderr}).toEqual({code: 0, stderr: ''})
  await writeFile(join(config.dir, 'unrelated'), 'x')
})

describe('a config that is a link', () => {
  it('is refused when the folder of its target is one others can write to', async () => {
    const elsewhere = join(config.dir, '..', 'shared')
    await mkdir(elsewhere, {mode: 0o777})
    await chmod(elsewhere, 0o777)
    await writeFile(join(elsewhere, 'config.json'), pointing(), {mode: 0o600})
    await mkdir(config.dir, {recursive: true, mode: 0o700})
    await symlink(join(elsewhere, 'config.json'), config.file)
    const result = await call()
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 3, stderr: expect.stringMatching(/^ddcli: config folder .*shared can be written by other users/)})
    expect(server.requests).toHaveLength(0)
  })

  it('is read when its target is safe too', async () => {
    const elsewhere = join(config.dir, '..', 'mine')
    await mkdir(elsewhere, {mode: 0o700})
    await writeFile(join(elsewhere, 'config.json'), pointing(), {mode: 0o600})
    await mkdir(config.dir, {recursive: true, mode: 0o700})
    await symlink(join(elsewhere, 'config.json'), config.file)
    const result = await call()
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 0, stderr: ''})
  })
})
