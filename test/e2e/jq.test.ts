import {spawnSync} from 'node:child_process'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/server.js'

const env = {DD_API_KEY: 'jqapikey000000000000000000000c9d0', DD_APP_KEY: 'jqappkey00000000000000000000000000000e1f2'}
const hasJq = spawnSync('jq', ['--version']).status === 0

let server: TestServer
afterEach(async () => server?.close())

const ok = (body: string) => ({status: 200, headers: {'content-type': 'application/json'}, body})
const call = (args: string[]) => runCli(['call', ...args, '--api-url', server.url], {env})
const USERS = '{"data":[{"id":"u1","attributes":{"name":"Ana","email":"ana@example.com","n":12345678901234567891}},{"id":"u2","attributes":{"name":"Bo","email":null}}]}'

describe('ddcli call --jq', () => {
  beforeAll(async () => {
    const {code} = await runCli(['--version'])
    expect(code, 'run npm run build before the e2e tests').toBe(0)
  })

  it.skipIf(!hasJq).each([
    {name: 'ids, raw', filter: '.data[].id'},
    {name: 'objects, compact', filter: '.data[] | {id, name: .attributes.name}'},
    {name: 'strings joined with a tab', filter: '.data[] | [.id, .attributes.name] | @tsv'},
    {name: 'null and select', filter: '.data[] | select(.attributes.email == null) | .id'},
  ])('prints $name exactly as jq -r does', async ({filter}) => {
    server = await startServer([ok(USERS)])
    const result = await call(['GET', '/api/v2/users', '--jq', filter])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const expected = spawnSync('jq', ['-r', '-c', filter], {input: USERS, encoding: 'utf8'}).stdout
    expect(result.stdout.toString()).toBe(expected)
  })

  it('keeps a 64-bit number exact (jq 1.7 and later do; Debian 12\'s jq 1.6 rounds it)', async () => {
    server = await startServer([ok(USERS)])
    const result = await call(['GET', '/api/v2/users', '--jq', '.data[0].attributes.n'])
    expect(result.stdout.toString()).toBe('12345678901234567891\n')
  })

  it('keeps strings quoted with --jq-json', async () => {
    server = await startServer([ok(USERS)])
    const result = await call(['GET', '/api/v2/users', '--jq', '.data[].id', '--jq-json'])
    expect(result.stdout.toString()).toBe('"u1"\n"u2"\n')
  })

  it('does not filter an error: the body goes to stderr with the error line, stdout stays empty', async () => {
    server = await startServer([{status: 403, headers: {'content-type': 'application/json'}, body: '{"errors":["Forbidden"]}'}])
    const result = await call(['GET', '/api/v2/users', '--jq', '.data[].id'])
    expect(result.code).toBe(1)
    expect(result.stdout.toString()).toBe('')
    // The 403 line goes on with the credentials hint (which keys went where), as for any call.
    expect(result.stderr).toMatch(/^\{"errors":\["Forbidden"\]\}\nddcli: HTTP 403 Forbidden: Forbidden; sent the API key from DD_API_KEY[^\n]*\n$/)
    expect(result.stderr).not.toContain(env.DD_API_KEY)
  })

  it('exits 2 with jq\'s message when the filter fails on the data, after the outputs before it', async () => {
    server = await startServer([ok('{"a":[1,"x",3]}')])
    const result = await call(['GET', '/api/v2/users', '--jq', '.a[] | . + 1'])
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('2\n')
    expect(result.stderr).toBe('ddcli: jq: string ("x") and number (1) cannot be added; check the --jq filter against the data\n')
  })

  it('exits 2 when the response is not JSON', async () => {
    server = await startServer([{status: 200, headers: {'content-type': 'text/plain'}, body: 'hello'}])
    const result = await call(['GET', '/api/v2/users', '--jq', '.'])
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('')
    expect(result.stderr).toMatch(/^ddcli: --jq needs a JSON response, and this one is not JSON \(5 bytes\); drop --jq\n$/)
  })
})
