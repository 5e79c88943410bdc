import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {run, runInProcess, spawnReason} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

// The in-process runner (test/helpers/in-process.ts) stands in for the CLI in the unit tests: for every argv it
// accepts, it must print the same bytes and exit with the same code as the built CLI; the argv it cannot run as the
// CLI does (help, --version, unknown words, DEBUG) it refuses, so no test can pass on a difference.

const KEY = 'abcdef0123456789abcdef0123456789'
const GET = ['call', 'GET', '/api/v1/validate']
const REQUEST = '{"id":1,"method":"GET","path":"/api/v1/validate"}\n'
let server: TestServer

beforeAll(async () => {
  server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json', date: 'Sat, 05 Dec 2026 18:00:00 GMT'}, body: '{"ok":true}'}))
})
afterAll(() => server.close())

const rows: Array<{args: string[], env?: Record<string, string>, stdin?: string}> = [
  // flags with =, -- separators, unknown and missing flags and arguments
  {args: [...GET, '--api-url={url}', `--api-key=${KEY}`]},
  {args: ['call', '--api-url={url}', '--', 'GET', '/api/v1/validate'], env: {DD_API_KEY: KEY}},
  {args: ['call', 'GET', '--', '/api/v1/validate', '--no-color'], env: {DD_API_KEY: KEY, DD_API_URL: '{url}'}},
  {args: [...GET, '--bogus'], env: {DD_API_KEY: KEY}},
  {args: [...GET, `--api_key=${KEY}`]},
  {args: [...GET, '--verbse']},
  {args: [...GET, '--api-key']},
  {args: [...GET, 'extra', 'more']},
  {args: ['call', 'GET'], env: {DD_API_KEY: KEY}},
  {args: ['call']},
  {args: [...GET, '--timeout', '0x10'], env: {DD_API_KEY: KEY, DD_API_URL: '{url}'}},
  {args: [...GET, '-X', 'POST'], env: {DD_API_KEY: KEY}},
  {args: ['auth', 'status', '--profile']},
  {args: ['auth', 'status', '--', 'x']},
  {args: ['auth', 'status', '--all', '--profile', 'x']},
  {args: ['config', 'get']},
  {args: ['config', 'set', 'site=datadoghq.eu']},
  {args: ['completion', 'tcsh']},
  {args: ['api', 'show', 'GetMontor']},
  // env-only credentials, stdin, exit codes
  {args: GET, env: {DD_API_KEY: KEY, DD_API_URL: '{url}'}},
  {args: GET, env: {DATADOG_API_KEY: KEY, DD_API_URL: '{url}'}},
  {args: GET},
  {args: [...GET, '--api-url', 'http://127.0.0.1:9', '--api-key', KEY, '--retries', '0']},
  {args: ['call', 'POST', '/api/v1/events', '--input', '-', '--dry-run'], env: {DD_API_KEY: KEY, DD_API_URL: '{url}'}, stdin: '{"a":1}'},
  {args: [...GET, '--jq', '.['], env: {DD_API_KEY: KEY, DD_API_URL: '{url}'}},
  {args: ['auth', 'status', '--json'], env: {DD_API_KEY: KEY}},
  {args: ['auth', 'status', `--pat=${KEY}`]},
  {args: ['auth', 'status'], env: {DD_API_KEY: KEY, DD_PROFILE: 'nope'}},
  {args: ['auth', 'set-api-key', '--profile=p'], stdin: `${KEY}\n`},
  {args: ['auth', 'set-api-key'], stdin: ''},
  {args: ['batch'], env: {DD_API_KEY: KEY, DD_API_URL: '{url}'}, stdin: REQUEST},
  {args: ['batch', '--dry-run'], env: {DD_API_KEY: KEY}, stdin: `${REQUEST}not json\n`},
  {args: ['batch', '--concurrency=0'], stdin: ''},
  // colour: --no-color, NO_COLOR, FORCE_COLOR, and --no-color after --
  {args: GET, env: {FORCE_COLOR: '1'}},
  {args: [...GET, '--no-color'], env: {FORCE_COLOR: '1'}},
  {args: GET, env: {FORCE_COLOR: '1', NO_COLOR: '1'}},
  {args: ['auth', 'status', '--bogus'], env: {FORCE_COLOR: '3'}},
  {args: ['call', 'GET', '--', '/api/v1/validate', '--no-color'], env: {FORCE_COLOR: '1'}},
  {args: ['__complete', 'call', '--site', ''], env: {FORCE_COLOR: '1'}},
  // completion sees every command oclif's manifest lists, help and version included
  {args: ['__complete', '']},
  {args: ['__complete', 'he']},
  {args: ['__complete', 'help', '']},
  {args: ['__complete', 'call', 'GET', '/api/v1/val']},
  {args: ['__complete', '--', 'auth', 'status', '--no']},
  // a home that is blank: the config file is where the CLI puts it, not where the test process's HOME says
  {args: ['config', 'path'], env: {HOME: '', DDCLI_CONFIG_DIR: ''}},
]

describe('the in-process runner prints what the built CLI prints', () => {
  it.each(rows.map((row) => ({...row, name: `${row.args.join(' ')}${row.env ? ` (${Object.keys(row.env).join(', ')})` : ''}`})))('$name', async ({args, env, stdin}) => {
    const fill = (text: string) => text.replace('{url}', server.url)
    const argv = args.map(fill)
    const options = {env: Object.fromEntries(Object.entries(env ?? {}).map(([name, value]) => [name, fill(value)])), stdin}
    const [inProcess, spawned] = [await runInProcess(argv, options), await runCli(argv, options)]
    const shown = (result: typeof spawned) => ({code: result.code, stdout: result.stdout.toString('utf8').replace(/ddcli-home-\w+/g, 'HOME'), stderr: result.stderr.replace(/ddcli-home-\w+/g, 'HOME')})
    expect(shown(inProcess)).toEqual(shown(spawned))
  })
})

describe('the in-process runner refuses what only the CLI process answers', () => {
  it.each([
    {args: ['auth', 'status', 'extra'], why: /oclif/},
    {args: ['auth', 'set-api-key', KEY], why: /oclif/},
    {args: ['call', '--help'], why: /help/},
    {args: ['auth', 'status', '-h'], why: /help/},
    {args: ['config', 'list', '--version'], why: /version/},
    {args: ['help', 'call'], why: /no command/},
    {args: ['version'], why: /no command/},
    {args: ['login'], why: /no command/},
    {args: ['auth', 'status'], env: {DEBUG: '*'}, why: /DEBUG/},
  ])('$args.0 $args.1 $args.2', async ({args, env, why}) => {
    expect(await spawnReason(args, env)).toMatch(why)
    await expect(runInProcess(args, {env})).rejects.toThrow(/spawn it with runCli/)
    // run() spawns them instead, so it answers as the CLI does.
    const [ran, spawned] = [await run(args, {env}), await runCli(args, {env})]
    expect(ran.code).toBe(spawned.code)
    expect(ran.stdout.toString()).toBe(spawned.stdout.toString())
  })
})
