import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {makeTempDir} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/server.js'

// What a user gets from `npm pack`: the tarball is installed globally into a temp prefix (dependencies from the npm
// cache, else the registry) and the installed `ddcli` is run from outside the checkout. Needs npm run build; depends
// on nothing of dist's layout. Slow (an npm install), so all checks share one install.

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
let dir: string
let ddcli: string
let packed: {filename: string, size: number, unpackedSize: number, files: Array<{path: string}>}
let server: TestServer | undefined

/** Runs the installed ddcli from the temp dir, with a clean env (no DD_* from the developer). */
async function installed(args: string[], env: Record<string, string> = {}) {
  return run(ddcli, args, {cwd: dir, env: {PATH: `${join(dir, 'prefix', 'bin')}:${process.env.PATH ?? ''}`, HOME: dir, DDCLI_CONFIG_DIR: join(dir, 'config'), ...env}, timeout: 30_000})
}

beforeAll(async () => {
  dir = await makeTempDir('ddcli-package-')
  // --ignore-scripts: the test packs the build under test instead of letting prepack rebuild it.
  const {stdout} = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {cwd: root, timeout: 60_000})
  packed = (JSON.parse(stdout) as typeof packed[])[0]!
  await run('npm', ['install', '--global', '--prefix', join(dir, 'prefix'), '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev', join(dir, packed.filename)], {cwd: dir, timeout: 240_000})
  ddcli = join(dir, 'prefix', 'bin', 'ddcli')
}, 300_000)

afterAll(async () => {
  await server?.close()
  await rm(dir, {recursive: true, force: true})
})

describe('the npm package', () => {
  it('ships the launcher, the compiled code, the oclif manifest and the README', () => {
    const files = packed.files.map((file) => file.path)
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/run.js', 'bin/launch.js', 'bin/package.json', 'oclif.manifest.json']))
    expect(files.some((file) => file.startsWith('dist/') && file.endsWith('.js'))).toBe(true)
    // The request body schemas and the verdict functions the body check reads (see README, "How it ships").
    expect(files).toEqual(expect.arrayContaining(['dist/spec/schemas/v1/CreateDashboard.json', 'dist/spec/verdicts/v1/CreateDashboard.verdict', 'dist/spec/verdicts/v1/UpdateDashboard.verdict']))
  })

  it.each([
    {name: 'no tests', bad: (file: string) => file.startsWith('test/') || /\.test\./.test(file)},
    {name: 'no TypeScript sources', bad: (file: string) => file.startsWith('src/') || (file.endsWith('.ts') && !file.endsWith('.d.ts'))},
    {name: 'no source maps', bad: (file: string) => file.endsWith('.map')},
    {name: 'no development launcher, scripts or CI files', bad: (file: string) => file === 'bin/dev.js' || file.startsWith('scripts/') || file.startsWith('.ci/')},
    {name: 'no config of the checkout', bad: (file: string) => /^(\.npmrc|\.gitignore|tsconfig.*|vitest\.config\..*|eslint\.config\..*)$/.test(file)},
  ])('ships $name', ({bad}) => {
    expect(packed.files.map((file) => file.path).filter(bad)).toEqual([])
  })

  it('ships no compiled file left over from a source that was moved or removed', () => {
    // dist/ outlives renames (src/auth/*.ts became src/credentials/*.ts): a stale dist/commands/x.js would even be a
    // live command in the manifest. Every compiled dist/*.js must come from a src/*.ts (bundles, caches and help texts
    // the build generates have other extensions).
    const stale = packed.files.map((file) => file.path)
      .filter((file) => file.startsWith('dist/') && file.endsWith('.js'))
      .filter((file) => !existsSync(join(root, file.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'))))
    expect(stale).toEqual([])
  })

  it('installs a ddcli that prints its version', async () => {
    const {version} = (await import('../../package.json', {with: {type: 'json'}})).default
    const {stdout} = await installed(['--version'])
    expect(stdout).toMatch(new RegExp(`^ddcli/${version.replace(/\./g, '\\.')} `))
  })

  it('installs a ddcli that prints the help of call', async () => {
    const {stdout} = await installed(['call', '--help'])
    expect(stdout).toContain('$ ddcli call METHOD [PATH]')
  })

  it('installs a ddcli that sends a call to a local server', async () => {
    server = await startServer([{status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}])
    const {stdout, stderr} = await installed(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {DD_API_KEY: 'packagetest00000000000000000aaaa'})
    const [request] = await server.expectRequests(1)
    expect(request).toMatchObject({method: 'GET', url: '/api/v1/validate'})
    expect(request!.headers['dd-api-key']).toBe('packagetest00000000000000000aaaa')
    expect({stdout, stderr}).toEqual({stdout: '{"valid":true}', stderr: ''})
  })

  it('installs a ddcli that reads the generated spec index', async () => {
    const {stdout} = await installed(['api', 'show', 'ListMonitors', '--json'])
    expect(JSON.parse(stdout)).toMatchObject([{operationId: 'ListMonitors', method: 'GET', path: '/api/v1/monitor'}])
  })

  it('installs a ddcli whose hooks are shipped: an unknown command is one ddcli: line and exit 2', async () => {
    const error = await installed(['monitors']).then(() => undefined, (e: unknown) => e as {code: number, stderr: string})
    expect(error).toMatchObject({code: 2, stderr: 'ddcli: unknown command "monitors"; ddcli help lists the commands\n'})
  })

  it('installs a ddcli that completes from its own commands and spec index', async () => {
    const {stdout} = await installed(['__complete', 'call', 'GET', '/api/v1/monitor/sea'])
    expect(stdout).toBe('/api/v1/monitor/search\n')
  })
})
