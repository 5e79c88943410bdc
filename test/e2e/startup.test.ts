import {readdirSync, readFileSync} from 'node:fs'
import {readFile, rm} from 'node:fs/promises'
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

describe('what a call loads', () => {
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

  it.each([
    {name: 'a call to a plain path', args: ['call', 'GET', '/api/v1/validate']},
    {name: 'a call by operationId', args: ['call', 'Validate']},
  ])('$name loads neither conf, ajv, the operations index nor oclif’s command loading', async ({name, args}) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.txt`)
    const result = await runNode(['--import', trace, binPath, ...args, '--api-url', server.url], {env: {DD_API_KEY: 'apikey0000000000000000000000aaaa', DDCLI_LOAD_TRACE: file}})
    expect(result.stdout.toString()).toBe('{"valid":true}')
    const loaded = await readFile(file, 'utf8')
    expect(loaded).toContain('import file://') // the trace works: bin/run.js itself is in it
    for (const unwanted of ['/conf/', '/ajv', 'operations.generated', '@oclif/core', 'typescript']) {
      expect(loaded, unwanted).not.toContain(unwanted)
    }
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
