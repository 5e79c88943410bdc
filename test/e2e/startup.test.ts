import {readdirSync, readFileSync} from 'node:fs'
import {readFile, rm, writeFile} from 'node:fs/promises'
import {join, relative} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {binPath, makeTempDir, runNode} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/server.js'

// What `ddcli call` loads decides its start-up time (npm run bench measures it); these guard the choices.
const root = fileURLToPath(new URL('../..', import.meta.url))
const callBundle = readFileSync(join(root, 'dist', 'launch-call.cjs'), 'utf8')
const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, {flags: Record<string, unknown>, args: Record<string, unknown>}>}
const trace = pathToFileURL(join(root, 'test', 'helpers', 'load-trace.mjs')).href

/** Every command id, from the files under src/commands/ (`auth/set-pat.ts` is `auth:set-pat`). */
function commandIds(dir = join(root, 'src', 'commands')): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const file = join(dir, entry.name)
    if (entry.isDirectory()) return commandIds(file)
    return entry.name.endsWith('.ts') ? [relative(join(root, 'src', 'commands'), file).replace(/\.ts$/, '').split('/').join(':')] : []
  })
}

describe('the call bundle', () => {
  it('includes got, and neither conf, ajv nor the operations index', () => {
    expect(callBundle).toContain('node_modules/got/')
    expect(callBundle).not.toContain('node_modules/conf/')
    expect(callBundle).not.toContain('node_modules/ajv')
    expect(callBundle).not.toContain('OPERATIONS_JSON')
    expect(callBundle).not.toContain('node_modules/yaml/')
  })

  it('is ASCII, so V8 holds it as a one-byte string (one other character doubles its size in memory)', () => {
    expect(callBundle.match(/[^\0-\x7f]/g) ?? []).toEqual([])
  })
})

describe('oclif.manifest.json', () => {
  it('lists exactly the commands under src/commands', () => {
    expect(Object.keys(manifest.commands).sort()).toEqual(commandIds().sort())
  })

  it.each(commandIds().map((id) => ({id})))('has the flags and args of $id as its class defines them', async ({id}) => {
    const {default: command} = await import(/* @vite-ignore */ pathToFileURL(join(root, 'dist', 'commands', `${id.split(':').join('/')}.js`)).href) as {default: {baseFlags?: object, flags?: object, args?: object}}
    expect(Object.keys(manifest.commands[id]!.flags).sort()).toEqual(Object.keys({...command.baseFlags, ...command.flags}).sort())
    expect(Object.keys(manifest.commands[id]!.args)).toEqual(Object.keys(command.args ?? {}))
  })
})

/** A server that answers every call as Datadog answers /api/v1/validate, and a folder for trace files. */
let server: TestServer
let dir: string
beforeAll(async () => {
  server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}))
  dir = await makeTempDir()
})
afterAll(async () => {
  await server?.close()
  await rm(dir, {recursive: true, force: true})
})

/** The modules a run of bin/run.js with args loaded, as test/helpers' load trace writes them, and its output. */
async function loadedBy(args: string[], name: string, env: Record<string, string> = {}): Promise<{loaded: string, stdout: string, stderr: string}> {
  const file = join(dir, `${name.replace(/\W+/g, '-')}.txt`)
  const result = await runNode(['--import', trace, binPath, ...args, '--api-url', server.url], {env: {DD_API_KEY: 'apikey0000000000000000000000aaaa', DDCLI_LOAD_TRACE: file, ...env}})
  return {loaded: await readFile(file, 'utf8'), stdout: result.stdout.toString(), stderr: result.stderr.toString()}
}

describe('what a call loads', () => {
  it.each([
    {name: 'a call to a plain path', args: ['call', 'GET', '/api/v1/validate']},
    {name: 'a call by operationId', args: ['call', 'Validate']},
    {name: 'a POST to a path the index does not know', args: ['call', 'POST', '/api/v1/no-such-thing', '-f', 'a=b']},
  ])('$name loads neither conf, ajv, the operations index, the body check nor oclif’s command loading', async ({name, args}) => {
    const {loaded, stdout} = await loadedBy(args, name)
    expect(stdout).toBe('{"valid":true}')
    expect(loaded).toContain('import file://') // the trace works: bin/run.js itself is in it
    for (const unwanted of ['/conf/', '/ajv', 'operations.generated', '@oclif/core', 'typescript', '/yaml/', 'sink.js', 'string-width', '.verdict', 'spec/check.js', 'spec/schemas']) {
      expect(loaded, unwanted).not.toContain(unwanted)
    }
  })

  it('loads the yaml library and the format code only for -o yaml', async () => {
    const {loaded, stdout} = await loadedBy(['call', 'GET', '/api/v1/validate', '-o', 'yaml'], 'output-yaml')
    expect(stdout).toBe('valid: true\n')
    expect(loaded).toContain('/yaml/')
    expect(loaded).toContain('yaml-sink.js')
    expect(loaded).not.toContain('table-sink.js')
  })
})

describe('what a call with a checked body loads', () => {
  it('judges a clean body with its operation\'s verdict function alone, and loads the checker for a body it refuses', async () => {
    const {loaded, stderr} = await loadedBy(['call', 'POST', '/api/v1/monitor', '-F', 'type=metric alert', '-F', 'query=q', '--dry-run'], 'clean-body')
    expect(stderr).toContain("the body matches CreateMonitor's request schema")
    expect(loaded).toContain('script ' + join(root, 'dist', 'spec', 'verdicts', 'v1', 'CreateMonitor.verdict'))
    // The body check's own code is in the call bundle: the call starts no ES module loader for it.
    expect(loaded).not.toContain('call/validate.js')
    expect(loaded).not.toContain('spec/verdicts.js')
    expect(loaded).not.toContain('spec/check.js')
    expect(loaded).not.toContain('spec/schemas.js')
    expect(loaded).not.toContain('/ajv')
    const wrong = await loadedBy(['call', 'POST', '/api/v1/monitor', '-F', 'type=metric-alert', '-F', 'query=q', '--dry-run'], 'wrong-body')
    expect(wrong.stderr).toContain('did you mean "metric alert"?')
    const loadedWrong = wrong.loaded
    expect(loadedWrong).toContain('spec/check.js')
    // The schema reader is in the call bundle too (an operation without a schema asks it as well).
    expect(loadedWrong).not.toContain('spec/schemas.js')
    expect(loadedWrong).not.toContain('/ajv')
  })

  it('finds the verdict function on oclif\'s path too (DEBUG), where the call code is bundled into dist/call/run.js', async () => {
    const {loaded, stderr} = await loadedBy(['call', 'POST', '/api/v1/monitor', '-F', 'type=metric alert', '-F', 'query=q', '--dry-run'], 'clean-body-oclif', {DEBUG: 'ddcli:none'})
    expect(stderr).toContain("the body matches CreateMonitor's request schema")
    expect(loaded).toContain('@oclif/core') // oclif ran it
    expect(loaded).not.toContain('launch-call.cjs') // without first reading the fast path's bundle, which would refuse it
    expect(loaded).toContain('script ' + join(root, 'dist', 'spec', 'verdicts', 'v1', 'CreateMonitor.verdict'))
    expect(loaded).not.toContain('spec/schemas.js')
  })
})

describe('the Node built-ins a call compiles', () => {
  /** The built-ins a run of bin/run.js with args compiled, as process.moduleLoadList names them, and its stderr. */
  async function builtinsOf(args: string[], name: string, env: Record<string, string> = {}): Promise<{loaded: string[], stderr: string}> {
    const file = join(dir, `${name}.txt`)
    const result = await runNode(['-r', join(root, 'test', 'helpers', 'builtins-trace.cjs'), binPath, ...args], {env: {DD_API_KEY: 'apikey0000000000000000000000aaaa', DDCLI_BUILTINS_TRACE: file, ...env}})
    return {loaded: (await readFile(file, 'utf8')).trim().split('\n'), stderr: result.stderr}
  }

  // Each costs 0.5 to 5 ms to compile; Node's own http client needs none of them for a plain-http GET. child_process:
  // the kernel keyring's keyctl needs it (with eight more modules and bindings), a call with its key in env does not.
  const unwanted = ['https', 'tls', 'crypto', 'zlib', 'readline', 'internal/fs/promises', 'internal/modules/esm/translators', 'child_process']

  it('leaves out https, tls, crypto, zlib, readline, fs/promises, child_process, v8 and the ES module loader for a plain-http call', async () => {
    const {loaded, stderr} = await builtinsOf(['call', 'GET', '/api/v1/validate', '--api-url', server.url], 'plain')
    expect(stderr).toBe('')
    expect(loaded).toContain('http') // the trace works
    // v8 too: the bundles' code caches are checked without V8's checksum flag (bin/launch.js cachedDataFor). A body
    // check loads it, for the verdict functions' caches (src/spec/verdicts.ts).
    expect(loaded.filter((name) => unwanted.includes(name) || name === 'v8')).toEqual([])
  })

  // SubmitMetrics and SubmitDistributionPoints take a JSON body (text/json) with no schema to check it against: the
  // check looked for the schema file through dist/spec/schemas.js, the call's first ES module, and found none.
  it.each([
    {name: 'a checked body of an operation without a schema (SubmitMetrics)', args: ['call', 'POST', '/api/v1/series', '-F', 'series[][metric]=a.b']},
    {name: 'a clean checked body (CreateMonitor)', args: ['call', 'POST', '/api/v1/monitor', '-F', 'type=metric alert', '-F', 'query=q']},
  ])('leaves out the ES module loader for $name', async ({name, args}) => {
    const {loaded, stderr} = await builtinsOf([...args, '--api-url', server.url], name.replace(/\W+/g, '-'), {DD_APP_KEY: 'appkey00000000000000000000000000000aaaaa'})
    expect(stderr).toBe('')
    expect(loaded).toContain('http') // the call was sent
    expect(loaded.filter((name) => unwanted.includes(name))).toEqual([])
  })

  it('leaves them out of --version too', async () => {
    const {loaded, stderr} = await builtinsOf(['--version'], 'version')
    expect(stderr).toBe('')
    expect(loaded.filter((name) => unwanted.includes(name) || name === 'http' || name === 'v8')).toEqual([])
  })

  it('still gives got\'s diagnostics subscribers a random request id (the bundle skips it only when none listen)', async () => {
    const preload = join(dir, 'subscriber.cjs')
    await writeFile(preload, "require('node:diagnostics_channel').subscribe('got:request:create', (m) => process.stderr.write('id ' + m.requestId + '\\n'))\n")
    const result = await runNode(['-r', preload, binPath, 'call', 'GET', '/api/v1/validate', '--api-url', server.url], {env: {DD_API_KEY: 'apikey0000000000000000000000aaaa'}})
    expect(result.stdout.toString()).toBe('{"valid":true}')
    expect(result.stderr).toMatch(/^id [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n$/)
  })

  it('loads tls and https for an https URL, where they are needed (the trace would see them)', async () => {
    // Nothing listens on port 9 over TLS: the call fails after loading tls, which is all this checks.
    const {loaded} = await builtinsOf(['call', 'GET', '/api/v1/validate', '--api-url', 'https://127.0.0.1:9', '--retries', '0'], 'https')
    expect(loaded).toEqual(expect.arrayContaining(['https', 'tls']))
  })
})

describe('the code cache the build wrote', () => {
  it('is accepted by V8 for both fast-path bundles (a rejected cache compiles from source, silently slower)', async () => {
    const launcher = pathToFileURL(join(root, 'bin', 'launch.js')).href
    const script = `const {loadScript, scripts} = await import(${JSON.stringify(launcher)}); loadScript('launch'); loadScript('launch-call');
      console.log(JSON.stringify([...scripts].map(([name, {script, id}]) => ({name, id: typeof id, rejected: script.cachedDataRejected}))))`
    const result = await runNode(['--input-type=module', '-e', script])
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout.toString())).toEqual([{name: 'launch', id: 'string', rejected: false}, {name: 'launch-call', id: 'string', rejected: false}])
  })
})
