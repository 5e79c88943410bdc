import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {chmod, cp, mkdir, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {binPath, makeTempDir, runCli, runNode, type RunResult} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/server.js'

// `call`, --version and piped --help run on the fast launcher (src/launch/, bin/launch.js) without oclif's
// command loading; DDCLI_NO_FAST_PATH=1 sends the same argv through oclif. Both must print the same bytes and exit
// with the same code.
const API_KEY = 'apikey0000000000000000000000aaaa'
const helpTexts = JSON.parse(readFileSync(new URL('../../dist/launch-help.json', import.meta.url), 'utf8')) as Record<string, string>

let server: TestServer
beforeAll(async () => {
  server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}))
})
afterAll(async () => server?.close())

const both = async (args: string[], env: Record<string, string> = {}): Promise<[RunResult, RunResult]> =>
  Promise.all([runCli(args, {env}), runCli(args, {env: {...env, DDCLI_NO_FAST_PATH: '1'}})])

function expectSame([fast, oclif]: [RunResult, RunResult]) {
  expect({code: fast.code, stdout: fast.stdout.toString(), stderr: fast.stderr}).toEqual({code: oclif.code, stdout: oclif.stdout.toString(), stderr: oclif.stderr})
}

describe('the fast launcher prints what oclif prints', () => {
  it.each([
    {name: '--version', args: ['--version']},
    {name: 'no arguments (root help)', args: []},
    {name: 'a help flag after --, which is an argument', args: ['call', 'GET', '--', '--help']},
    {name: 'help asked in the middle of a call', args: ['call', 'GET', '--help', '/api/v1/validate']},
    {name: 'help for a hidden command (__complete), which help refuses', args: ['__complete', '--help']},
  ])('for $name', async ({args}) => {
    expectSame(await both(args))
  })

  it('serves no help text that is empty (the build skips what oclif refuses)', () => {
    expect(Object.entries(helpTexts).filter(([, text]) => text.trim() === '')).toEqual([])
  })

  it.each(Object.keys(helpTexts).map((words) => ({name: `ddcli ${words} --help`.replace(/ +/g, ' '), words})))('for $name', async ({words}) => {
    const args = [...words.split(' ').filter(Boolean), '--help']
    const [fast, oclif] = await both(args)
    expectSame([fast, oclif])
    expect(fast.stdout.toString()).toBe(helpTexts[words])
  })

  it.each([
    {name: 'a call with no method', args: ['call']},
    {name: 'an unknown flag', args: ['call', 'GET', '/api/v1/validate', '--nope']},
    {name: 'a flag without its value', args: ['call', 'GET', '/api/v1/validate', '--timeout']},
    {name: 'a third argument', args: ['call', 'GET', '/api/v1/validate', 'extra']},
    {name: 'an unknown method', args: ['call', 'FETCH', '/api/v1/validate']},
    {name: 'a method without a path', args: ['call', 'GET']},
    {name: 'an unknown operation', args: ['call', 'NoSuchOperation']},
    {name: 'no credentials', args: ['call', 'GET', '/api/v1/validate'], env: {}},
    {name: 'a secret flag in a parse error, masked', args: ['call', 'GET', '/x', '--api-key', 'secretkey0000000000000000000000zz', '--nope']},
    {name: 'a bad --timeout', args: ['call', 'GET', '/api/v1/validate', '--timeout', 'soon']},
    {name: 'a misspelled secret flag, its value masked', args: ['call', 'GET', '/x', '--api_key=secretkey0000000000000000000000zz']},
    {name: 'a key without its flag, masked', args: ['call', 'GET', '/x', 'secretkey0000000000000000000000zz']},
    {name: 'a blob: PATH', args: ['call', 'GET', 'blob:http://127.0.0.1:1/api/v1/validate']},
    {name: 'a --max-items that is not a number', args: ['call', 'GET', '/api/v1/monitor', '--paginate', '--max-items', 'abc']},
    {name: 'a --page-size with an exponent', args: ['call', 'GET', '/api/v1/monitor', '--paginate', '--page-size', '1e3']},
    {name: 'a NO_PROXY range beyond /32', args: ['call', 'GET', '/api/v1/validate'], env: {DD_API_KEY: API_KEY, HTTPS_PROXY: 'http://127.0.0.1:1', NO_PROXY: '10.0.0.0/99'}},
    {name: 'a proxy that refuses the connection', args: ['call', 'GET', '/api/v1/validate', '--api-url', 'https://127.0.0.1:9', '--retries', '0'], env: {DD_API_KEY: API_KEY, HTTPS_PROXY: 'http://u:proxy-password@127.0.0.1:1'}},
    {name: 'a batch --concurrency in hex', args: ['batch', '--concurrency', '0x10'], env: {DD_API_KEY: API_KEY}},
  ] as Array<{name: string, args: string[], env?: Record<string, string>}>)('for $name', async ({args, env}) => {
    expectSame(await both(args, env ?? {DD_API_KEY: API_KEY}))
  })

  it.each([
    {name: 'a call by method and path', args: ['call', 'GET', '/api/v1/validate']},
    {name: 'a call by operationId', args: ['call', 'Validate']},
    {name: 'a dry run', args: ['call', 'POST', '/api/v1/monitor', '-F', 'name=cpu', '--dry-run']},
    {name: 'a call with the status line and headers', args: ['call', 'GET', '/api/v1/validate', '-i']},
  ])('for $name against a server', async ({args}) => {
    const [fast, oclif] = await both([...args, '--api-url', server.url], {DD_API_KEY: API_KEY})
    // The Date header differs from run to run.
    const noDate = (result: RunResult) => ({...result, stdout: Buffer.from(result.stdout.toString().replace(/^date: .*$/im, 'date: -'))})
    expectSame([noDate(fast), noDate(oclif)])
    expect(fast.code).toBe(0)
  })
})

describe('the fast launcher reads the config file as oclif\'s path does', () => {
  const configFile = async (dir: string, mode: number) => {
    await writeFile(join(dir, 'config.json'), `{"profiles":{"default":{"apiUrl":"${server.url}"}}}`)
    await chmod(join(dir, 'config.json'), mode)
  }

  it.each([
    {name: 'a config file readable by others (a warning)', make: (dir: string) => configFile(dir, 0o644)},
    {name: 'a config file others can write (refused)', make: (dir: string) => configFile(dir, 0o666)},
    {name: 'a config folder others can write (refused)', make: async (dir: string) => {
      await configFile(dir, 0o600)
      await chmod(dir, 0o777)
    }},
    {name: 'a config file that is a fifo (refused)', make: async (dir: string) => {
      execFileSync('mkfifo', [join(dir, 'config.json')])
    }},
  ])('for a call with $name', async ({make}) => {
    const dir = await makeTempDir('ddcli-config-')
    try {
      await make(dir)
      const [fast, oclif] = await both(['call', 'GET', '/api/v1/validate'], {DD_API_KEY: API_KEY, DDCLI_CONFIG_DIR: dir})
      expectSame([fast, oclif])
      expect(fast.stderr).toMatch(/^ddcli: config (file|folder) /)
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })
})

describe('files oclif itself reads at start-up', () => {
  it.each([
    // A theme that is not a regular file of this user alone is left out, unread (test/e2e/oclif-dirs.test.ts).
    {name: 'a theme file that is a fifo is left out', args: ['config', 'get', 'site'], folder: 'DDCLI_CONFIG_DIR', file: 'theme.json', stderr: /^ddcli: site is not set in /},
    // oclif loads "user plugins" listed in <data dir>/package.json (ddcli has none, and documents none): a fifo
    // there hung every command that oclif runs.
    {name: 'the data folder\'s package.json is not read (ddcli has no user plugins)', args: ['config', 'get', 'site'], folder: 'DDCLI_DATA_DIR', file: 'package.json', stderr: /^ddcli: site is not set in /},
  ])('$name', async ({args, folder, file, stderr}) => {
    const dir = await makeTempDir('ddcli-oclif-dir-')
    try {
      execFileSync('mkfifo', [join(dir, file)])
      const env = {DDCLI_CONFIG_DIR: dir, [folder]: dir}
      const [fast, oclif] = await Promise.all([runCli(args, {env, timeoutMs: 10_000}), runCli(args, {env: {...env, DDCLI_NO_FAST_PATH: '1'}, timeoutMs: 10_000})])
      expectSame([fast, oclif])
      expect({timedOut: fast.timedOut, code: fast.code}).toEqual({timedOut: false, code: 0})
      expect(fast.stderr).toMatch(stderr)
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })
})

describe('a partial or damaged build falls back to oclif quietly', () => {
  const root = new URL('../../', import.meta.url)
  let copy: string
  beforeAll(async () => {
    copy = await makeTempDir('ddcli-install-')
  })
  afterAll(async () => rm(copy, {recursive: true, force: true}))

  /** A fresh copy of the install (bin, dist, manifest; node_modules linked) in `dir`, damaged by `damage`. */
  async function damagedInstall(dir: string, damage: (dist: string) => Promise<void>): Promise<string> {
    const at = join(copy, dir)
    await mkdir(at)
    for (const name of ['bin', 'dist', 'package.json', 'oclif.manifest.json']) await cp(new URL(name, root), join(at, name), {recursive: true})
    await symlink(fileURLToPath(new URL('node_modules', root)), join(at, 'node_modules'))
    await damage(join(at, 'dist'))
    return join(at, 'bin', 'run.js')
  }

  it.each([
    {name: 'the call bundle is missing', args: ['call', 'GET', '/api/v1/validate', '--dry-run'], damage: (dist: string) => rm(join(dist, 'launch-call.cjs'))},
    {name: 'the launcher bundle is cut short', args: ['--version'], damage: async (dist: string) => writeFile(join(dist, 'launch.cjs'), (await readFile(join(dist, 'launch.cjs'), 'utf8')).slice(0, 1000))},
    {name: 'the launcher bundle is empty', args: ['call', 'GET', '/api/v1/validate', '--dry-run'], damage: (dist: string) => writeFile(join(dist, 'launch.cjs'), '')},
    {name: 'the launcher bundle is a directory', args: ['--version'], damage: async (dist: string) => {
      await rm(join(dist, 'launch.cjs'))
      await mkdir(join(dist, 'launch.cjs'))
    }},
    {name: 'the help texts are not JSON', args: ['call', '--help'], damage: (dist: string) => writeFile(join(dist, 'launch-help.json'), '{')},
    {name: 'a code cache is garbage', args: ['call', 'GET', '/api/v1/validate', '--dry-run'], damage: async (dist: string) => {
      for (const file of (await readdir(dist)).filter((name) => name.endsWith('.cache'))) await writeFile(join(dist, file), 'not a code cache')
    }},
    // A flipped bit on disk: V8 checks a code cache's header (length, versions, flags), and its payload only with a
    // checksum, which release builds of Node write and verify only under --verify-snapshot-checksum. Without it,
    // V8 deserialized the damaged bytecode: it aborted the process (a native stack trace, exit 133) or ran altered code.
    // The bundles' cache files hold V8's data twice (bin/launch.js cachedDataFor), and the copies must agree.
    // Damage past V8's own header in one copy (inverted, which V8 aborts on when it reads it; one flipped bit it may
    // run unnoticed), the bundle's bytes intact.
    ...[{copy: 'first', index: 0}, {copy: 'second', index: 1}].map(({copy, index}) => ({
      name: `the ${copy} copy of V8's data in a code cache is damaged`,
      args: ['call', 'GET', '/api/v1/validate', '--dry-run'],
      damage: async (dist: string) => {
        for (const file of (await readdir(dist)).filter((name) => name.endsWith('.cache'))) {
          const bytes = await readFile(join(dist, file))
          const size = bytes.readUInt32LE(8)
          const start = 12 + bytes.readUInt32LE(4) + index * size
          for (let i = start + 64; i < start + size; i++) bytes[i]! ^= 0xff
          await writeFile(join(dist, file), bytes)
        }
      },
    })),
    {name: 'a code cache is damaged past its header', args: ['call', 'GET', '/api/v1/validate', '--dry-run'], damage: async (dist: string) => {
      for (const file of (await readdir(dist)).filter((name) => name.endsWith('.cache'))) {
        const bytes = await readFile(join(dist, file))
        // The header is V8's first 32 bytes or so; everything after it is inverted.
        for (let i = 64; i < bytes.length; i++) bytes[i]! ^= 0xff
        await writeFile(join(dist, file), bytes)
      }
    }},
    // A path that is not a regular file is never read: opened without blocking and checked, it is refused at once.
    ...['launch-call.cjs', 'launch-help.json', 'cache'].map((target) => ({
      name: `the ${target === 'cache' ? 'code cache' : target} is a fifo`,
      args: target === 'launch-help.json' ? ['call', '--help'] : ['call', 'GET', '/api/v1/validate', '--dry-run'],
      damage: async (dist: string) => {
        const files = target === 'cache' ? (await readdir(dist)).filter((name) => name.endsWith('.cache')) : [target]
        for (const file of files) {
          await rm(join(dist, file))
          execFileSync('mkfifo', [join(dist, file)])
        }
      },
    })),
    {name: 'a code cache is a link to a device that never ends', args: ['call', 'GET', '/api/v1/validate', '--dry-run'], damage: async (dist: string) => {
      for (const file of (await readdir(dist)).filter((name) => name.endsWith('.cache'))) {
        await rm(join(dist, file))
        await symlink('/dev/zero', join(dist, file))
      }
    }},
  ])('when $name', async ({name, args, damage}) => {
    const bin = await damagedInstall(name.replace(/\W+/g, '-'), damage)
    const env = {DD_API_KEY: API_KEY}
    const [damaged, intact] = await Promise.all([runNode([bin, ...args], {env}), runCli(args, {env: {...env, DDCLI_NO_FAST_PATH: '1'}})])
    expect({code: damaged.code, stdout: damaged.stdout.toString(), stderr: damaged.stderr}).toEqual({code: intact.code, stdout: intact.stdout.toString(), stderr: intact.stderr})
    expect(damaged.code).toBe(0)
  })

  it.each([
    {name: 'never settles', body: 'new Promise(() => {})', line: 'ddcli: the run stopped before it finished, which is a bug in ddcli; run it again with DEBUG=1 and report what it prints\n'},
    {name: 'fails with an error nothing handled', body: "Promise.reject(new Error('boom apikey0000000000000000000000aaaa'))", line: 'ddcli: unexpected internal error, which is a bug in ddcli; run it again with DEBUG=1 and report what it prints\n'},
  ])('ends with one line and exit 1 when the launcher $name (a bug), without a stack or the error text', async ({name, body, line}) => {
    const bin = await damagedInstall(`launcher-${name.replace(/\W+/g, '-')}`, (dist) => writeFile(join(dist, 'launch-call.cjs'), `(function (exports) { exports.launchFast = () => ${body} })`))
    const result = await runNode([bin, 'call', 'GET', '/api/v1/validate', '--dry-run'], {env: {DD_API_KEY: API_KEY}})
    expect({code: result.code, stdout: result.stdout.toString(), stderr: result.stderr}).toEqual({code: 1, stdout: '', stderr: line})
  })

  it('runs the edited code after an edit below the build id that keeps the length (the cache holds the bundle it was made from)', async () => {
    const bin = await damagedInstall('edited', async (dist) => {
      const file = join(dist, 'launch.cjs')
      const source = await readFile(file, 'utf8')
      const edited = source.replace(/(version: ?")\d+\.\d+\.\d+"/, '$19.9.9"')
      expect(edited.length).toBe(source.length)
      expect(edited.split('\n')[0]).toBe(source.split('\n')[0])
      await writeFile(file, edited)
    })
    const result = await runNode([bin, '--version'])
    expect(result.stdout.toString()).toMatch(/^ddcli\/9\.9\.9 /)
  })

  it('runs the new code after a rebuild that left the previous code cache (V8 checks only the length)', async () => {
    // What scripts/bundle.mjs does on a version bump when the build stops before scripts/code-cache.mjs: same
    // length, new code, new build id on the first line; the previous build's cache files stay.
    const bin = await damagedInstall('rebuilt', async (dist) => {
      const file = join(dist, 'launch.cjs')
      const source = await readFile(file, 'utf8')
      const bumped = source.replace(/(version: ?")\d+\.\d+\.\d+"/, '$19.9.9"').replace(/^\/\/ ddcli-build [0-9a-f]+\n/, '// ddcli-build 0000000000000000\n')
      expect(bumped.length).toBe(source.length)
      await writeFile(file, bumped)
    })
    const result = await runNode([bin, '--version'])
    expect(result.stdout.toString()).toMatch(/^ddcli\/9\.9\.9 /)
  })
})

describe('the fast launcher on odd input and a failing stdout', () => {
  it.each([
    {name: 'a command named like an Object property', args: ['constructor', '--help']},
    {name: 'a command named __proto__', args: ['__proto__', '--help']},
    {name: 'a command and subcommand given as one argument', args: ['auth set-pat', '--help']},
  ])('prints what oclif prints for $name', async ({args}) => {
    expectSame(await both(args))
  })

  /** Runs ddcli with stdout (or stderr) on /dev/full, where every write fails with ENOSPC. */
  const intoFullDisk = (args: string[], stream: 'stdout' | 'stderr', env: Record<string, string> = {}) => {
    const full = "require('node:fs').openSync('/dev/full', 'w')"
    const stdio = stream === 'stdout' ? `['ignore', ${full}, 'inherit']` : `['ignore', 'inherit', ${full}]`
    return runNode(['-e', `require('node:child_process').spawn(process.execPath, ${JSON.stringify([binPath, ...args])}, {stdio: ${stdio}}).on('close', (code) => process.exit(code))`], {env})
  }

  it.each([
    {name: '--version', args: ['--version'], env: {}},
    {name: 'piped --help', args: ['call', '--help'], env: {}},
    {name: '--help on oclif\'s path (rendered without running a command)', args: ['call', '--help'], env: {DDCLI_NO_FAST_PATH: '1'}},
    {name: 'the root --help on oclif\'s path', args: ['--help'], env: {DDCLI_NO_FAST_PATH: '1'}},
    {name: 'a dry run', args: ['call', 'GET', '/api/v1/validate', '--dry-run'], env: {}},
    {name: 'a dry run on oclif\'s path', args: ['call', 'GET', '/api/v1/validate', '--dry-run'], env: {DDCLI_NO_FAST_PATH: '1'}},
  ] as {name: string, args: string[], env: Record<string, string>}[])('reports a full disk in one line with exit 6 for $name', async ({args, env}) => {
    const result = await intoFullDisk(args, 'stdout', {DD_API_KEY: API_KEY, ...env})
    expect(result.stderr).toBe('ddcli: cannot write the output (ENOSPC: no space left on device, write); free disk space or redirect stdout elsewhere\n')
    expect(result.code).toBe(6)
  })

  it.each([
    {name: 'on the fast path', env: {}},
    {name: 'on oclif\'s path', env: {DDCLI_NO_FAST_PATH: '1'}},
  ] as {name: string, env: Record<string, string>}[])('ends with exit 6 when a failure cannot be written to stderr, $name', async ({env}) => {
    const result = await intoFullDisk(['call', 'GET', '/api/v1/validate'], 'stderr', env)
    expect(result.code).toBe(6)
  })

  it.each([
    {name: '--version', args: ['--version']},
    {name: 'piped --help', args: ['call', '--help']},
  ])('ends quietly with exit 0 when the reader has gone, for $name', async ({args}) => {
    // The reader end is closed before ddcli writes: every write fails with EPIPE.
    const script = `const {spawn} = require('node:child_process'); const child = spawn(process.execPath, ${JSON.stringify([binPath, ...args])}, {stdio: ['ignore', 'pipe', 'pipe']}); child.stdout.destroy(); let err = ''; child.stderr.on('data', (d) => { err += d }); child.on('close', (code) => { process.stdout.write(JSON.stringify({code, err})) })`
    const result = await runNode(['-e', script])
    expect(JSON.parse(result.stdout.toString())).toEqual({code: 0, err: ''})
  })
})

describe('bin/dev.js, the development launcher (oclif alone)', () => {
  const dev = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))

  it.each([
    {name: '--version', args: ['--version']},
    {name: 'a command with a usage error', args: ['config', 'get', 'no-such-key']},
  ])('prints what bin/run.js prints for $name (bin/ is CommonJS since bin/package.json)', async ({args}) => {
    const [viaDev, viaRun] = await Promise.all([runNode([dev, ...args]), runCli(args, {env: {DDCLI_NO_FAST_PATH: '1'}})])
    expect({code: viaDev.code, stdout: viaDev.stdout.toString(), stderr: viaDev.stderr}).toEqual({code: viaRun.code, stdout: viaRun.stdout.toString(), stderr: viaRun.stderr})
  })
})
