import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {copyFile, chmod, mkdir, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterEach, describe, expect, it} from 'vitest'
import {exePath, makeTempDir} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/server.js'

// What only the single executable has (npm run test:exe; the e2e files of the exe project run the rest against it).
const root = fileURLToPath(new URL('../..', import.meta.url))
const API_KEY = 'exeapikey00000000000000000000aaa'
let server: TestServer | undefined
const dirs: string[] = []
afterEach(async () => {
  await server?.close()
  server = undefined
  for (const dir of dirs.splice(0)) await rm(dir, {recursive: true, force: true})
})

async function tempDir(): Promise<string> {
  const dir = await makeTempDir('ddcli-exe-')
  dirs.push(dir)
  return dir
}

/** Runs `command` with exactly `env` (nothing inherited) in `cwd`; stdin from `stdin`. */
function run(command: string, args: string[], env: Record<string, string>, cwd: string, stdin = ''): Promise<{code: number | null, stdout: string, stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {env, cwd, stdio: ['pipe', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdin.on('error', () => {})
    child.stdin.end(stdin)
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}

const exe = exePath!

describe('the single executable alone', () => {
  it('makes a real call from an empty folder with env -i, no Node on PATH and no node_modules anywhere near', async () => {
    server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}))
    const dir = await tempDir()
    const home = join(dir, 'home')
    const alone = join(dir, 'bin')
    await mkdir(home)
    await mkdir(alone)
    await copyFile(exe, join(alone, 'ddcli'))
    await chmod(join(alone, 'ddcli'), 0o755)
    const result = await run('/usr/bin/env', ['-i', 'PATH=/nonexistent', `HOME=${home}`, `DD_API_KEY=${API_KEY}`, join(alone, 'ddcli'), 'call', 'GET', '/api/v1/validate', '--api-url', server.url], {}, alone)
    expect(result).toEqual({code: 0, stdout: '{"valid":true}', stderr: ''})
    const [request] = await server.expectRequests(1)
    expect(request!.headers['dd-api-key']).toBe(API_KEY)
    expect(request!.headers['user-agent']).toMatch(/^ddcli\/\d+\.\d+\.\d+ \(node v20/)
    expect(await readdir(alone)).toEqual(['ddcli'])
  }, 60_000)

  it('reads env, argv, cwd and stdin of the run, not of the build that made its snapshot', async () => {
    server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json'}, body: '{"ok":1}'}))
    const dir = await tempDir()
    await writeFile(join(dir, 'body.json'), '{"from":"cwd"}')
    const env = {PATH: '/nonexistent', HOME: dir, DD_API_KEY: API_KEY, DD_API_URL: server.url, DD_APP_KEY: 'exeappkey0000000000000000000000000000bbb'}
    const fromFile = await run(exe, ['call', 'POST', '/api/v1/x', '--input', 'body.json'], env, dir)
    const fromStdin = await run(exe, ['call', 'POST', '/api/v1/y', '--input', '-'], env, dir, '{"from":"stdin"}')
    expect([fromFile.code, fromFile.stderr, fromStdin.code, fromStdin.stderr]).toEqual([0, '', 0, ''])
    const requests = await server.expectRequests(2)
    expect(requests.map((request) => [request.path, request.body.toString(), request.headers['dd-application-key']])).toEqual([
      ['/api/v1/x', '{"from":"cwd"}', env.DD_APP_KEY],
      ['/api/v1/y', '{"from":"stdin"}', env.DD_APP_KEY],
    ])
    // The site, from the env of this run, through oclif's script.
    const site = await run(exe, ['auth', 'status'], {...env, DD_API_URL: '', DD_SITE: 'datadoghq.eu'}, dir)
    expect(site.stdout).toMatch(/^site\tdatadoghq\.eu\tDD_SITE$/m)
  }, 60_000)
})

describe('start-up', () => {
  it('uses its snapshot and its code cache: with DEBUG it says nothing of compiling from source', async () => {
    const dir = await tempDir()
    const result = await run(exe, ['config', 'path'], {PATH: '/nonexistent', HOME: dir, DEBUG: '1'}, dir)
    expect(result.code).toBe(0)
    expect(result.stderr).not.toMatch(/compiling everything from source/)
  })

  it('a build without the snapshot and the code cache says so on stderr with DEBUG, and only then', async () => {
    const dir = await tempDir()
    const slow = join(dir, 'ddcli-no-snapshot')
    const built = await run(process.execPath, [join(root, 'scripts', 'exe.mjs'), '--no-snapshot', '--out', slow], {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir}, root)
    expect(built.code, built.stderr).toBe(0)
    const debug = await run(slow, ['config', 'path'], {PATH: '/nonexistent', HOME: dir, DEBUG: '1'}, dir)
    expect(debug.stderr).toContain('ddcli: this executable has no start-up snapshot; compiling everything from source\n')
    expect(debug.stderr).toContain('ddcli: the code cache of oclif.cjs is missing or was rejected by V8; compiling everything from source\n')
    const quiet = await run(slow, ['config', 'path'], {PATH: '/nonexistent', HOME: dir}, dir)
    expect(quiet).toEqual({code: 0, stdout: `${join(dir, '.config', 'ddcli', 'config.json')}\n`, stderr: ''})
  }, 180_000)
})

describe('the keychain module', () => {
  const env = (home: string) => ({PATH: '/nonexistent', HOME: home, DDCLI_CONFIG_DIR: join(home, 'config')})

  it('is written once to a 0700 folder of this user, under a name made of its hash', async () => {
    const home = await tempDir()
    const set = await run(exe, ['auth', 'set-api-key'], env(home), home, `${API_KEY}\n`)
    expect(set.code).toBe(0)
    // No D-Bus here: the module loaded and said so; the key went to the 0600 file with the usual note.
    expect(set.stderr).toMatch(/^ddcli: note: no OS keychain available \(no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set\); storing in /)
    const native = join(home, '.cache', 'ddcli', 'native')
    expect((await stat(native)).mode & 0o777).toBe(0o700)
    const [file, ...others] = await readdir(native)
    expect(others).toEqual([])
    expect(file).toMatch(/^keyring-[0-9a-f]{32}\.node$/)
    expect((await stat(join(native, file!))).mode & 0o777).toBe(0o600)
  }, 30_000)

  it.skipIf(!existsSync('/usr/bin/prlimit'))('on a full disk (a file size limit) stores in the 0600 file with the note, and leaves no partial copy', async () => {
    const home = await tempDir()
    const set = await run('/usr/bin/prlimit', ['--fsize=1000000', exe, 'auth', 'set-api-key'], env(home), home, `${API_KEY}\n`)
    expect(set.code).toBe(0)
    expect(set.stderr).toMatch(/^ddcli: note: no OS keychain available \(the keychain module did not load \(EFBIG: file too large, write\)\); storing in /)
    expect(await readdir(join(home, '.cache', 'ddcli', 'native'))).toEqual([])
    expect(JSON.parse(await readFile(join(home, 'config', 'config.json'), 'utf8'))).toMatchObject({profiles: {default: {apiKey: API_KEY}}})
  }, 30_000)

  it('is not loaded from a folder others can write: the key goes to the 0600 file, saying why', async () => {
    const home = await tempDir()
    const native = join(home, '.cache', 'ddcli', 'native')
    await mkdir(native, {recursive: true})
    await chmod(native, 0o777)
    const set = await run(exe, ['auth', 'set-api-key'], env(home), home, `${API_KEY}\n`)
    expect(set.code).toBe(0)
    expect(set.stderr).toContain(`ddcli: note: no OS keychain available (the keychain module did not load (${native} is open to other users (mode 777)))`)
    expect(await readdir(native)).toEqual([])
  }, 30_000)
})
