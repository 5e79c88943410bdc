import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

// The body check end to end, in process, against a local server: a body that breaks the operation's schema is
// never sent; one with a property the schema does not name is sent with a warning.

const API_KEY = 'validateapikey000000000000000k1a'
const APP_KEY = 'validateappkey0000000000000000000000a2b3'
const env = {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}
const ok = {status: 200, headers: {'content-type': 'application/json'}, body: '{"id":1}'}
const goodMonitor = ['-F', 'name=cpu', '-F', 'type=metric alert', '-F', 'query=avg(last_5m):avg:system.cpu.user{*} > 90']

let server: TestServer
let dir: string
beforeEach(async () => {
  server = await startServer([ok, ok, ok])
  dir = await mkdtemp(join(tmpdir(), 'ddcli-validate-'))
})
afterEach(async () => {
  await server.close()
  await rm(dir, {recursive: true, force: true})
})

const call = (args: string[], stdin?: string) => run(['call', ...args, '--api-url', server.url, '--retries', '0'], {env, ...(stdin === undefined ? {} : {stdin})})

describe('call checks a JSON body against the operation schema', () => {
  it('refuses a wrong enum value before sending: one line per problem, a did-you-mean, exit 2', async () => {
    const result = await call(['POST', '/api/v1/monitor', '-F', 'name=cpu', '-F', 'type=metric-alert', '-F', 'query=q'])
    expect(result.code).toBe(2)
    expect(server.requests).toHaveLength(0)
    expect(result.stdout.toString()).toBe('')
    const lines = result.stderr.trim().split('\n')
    expect(lines[0]).toMatch(/^ddcli: \/type: expected one of "composite", .* got "metric-alert"; did you mean "metric alert"\?$/)
    expect(lines.at(-1)).toBe("ddcli: the body does not match CreateMonitor's request schema (1 problem above); nothing sent; fix it, or pass --no-validate to send it unchecked")
  })

  it('finds the operation by operationId too, and names a missing required property', async () => {
    const result = await call(['CreateMonitor', '-F', 'name=cpu', '-F', 'type=metric alert'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('ddcli: /query: expected a string (required), got nothing\n')
    expect(server.requests).toHaveLength(0)
  })

  it('warns about a misspelt property the schema allows, and sends the body as given', async () => {
    const result = await call(['POST', '/api/v1/monitor', ...goodMonitor, '-F', 'nmae=x'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe("ddcli: warning: /nmae is not in CreateMonitor's request schema (sent anyway: the spec can lag the API)\n")
    const [request] = await server.expectRequests(1)
    expect(JSON.parse(request!.body.toString())).toMatchObject({nmae: 'x', type: 'metric alert'})
  })

  it('sends a valid body with nothing on stderr', async () => {
    const result = await call(['POST', '/api/v1/monitor', ...goodMonitor])
    expect([result.code, result.stderr]).toEqual([0, ''])
    await server.expectRequests(1)
  })

  it('sends a refused body unchecked with --no-validate', async () => {
    const result = await call(['POST', '/api/v1/monitor', '-F', 'type=metric-alert', '--no-validate'])
    expect([result.code, result.stderr]).toEqual([0, ''])
    await server.expectRequests(1)
  })

  it('checks --input from a file and from stdin; stdin is sent byte for byte when it passes', async () => {
    const file = join(dir, 'body.json')
    await writeFile(file, '{"type":"metric alert","query":"q","priority":"high"}')
    const fromFile = await call(['POST', '/api/v1/monitor', '--input', file])
    expect(fromFile.code).toBe(2)
    expect(fromFile.stderr).toContain('ddcli: /priority: expected an integer (int64) or null, got "high"\n')
    const body = '{ "type": "metric alert",\n  "query": "q" }'
    const fromStdin = await call(['POST', '/api/v1/monitor', '--input', '-'], body)
    expect(fromStdin.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.body.toString()).toBe(body)
    // Read whole to be checked, so sent with its length.
    expect(request!.headers['content-length']).toBe(String(Buffer.byteLength(body)))
  })

  it('refuses a body that is not JSON for a JSON operation', async () => {
    const result = await call(['POST', '/api/v1/monitor', '--input', '-'], '{"type": ')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^ddcli: --input stdin is not JSON: line 1, column \d+: .+; fix it, or send it as it is with --no-validate/)
    expect(server.requests).toHaveLength(0)
  })

  it.each([
    {name: 'a path the index does not know', args: ['POST', '/api/v1/not-a-thing', '-F', 'type=metric-alert']},
    {name: 'a content type that is not JSON', args: ['POST', '/api/v1/monitor', '-H', 'Content-Type: text/plain', '--input', '-']},
  ])('does not check $name', async ({args}) => {
    const result = await call(args, '{"type":"metric-alert"}')
    expect(result.code).toBe(0)
    await server.expectRequests(1)
  })

  it('--dry-run prints the findings on stderr, the request on stdout, sends nothing and exits 0', async () => {
    const result = await call(['POST', '/api/v1/monitor', '-F', 'nmae=cpu', '-F', 'type=metric-alert', '-F', 'query=q', '--dry-run'])
    expect(result.code).toBe(0)
    expect(server.requests).toHaveLength(0)
    expect(result.stdout.toString()).toContain(`POST ${server.url}/api/v1/monitor\n`)
    const stderr = result.stderr.split('\n')
    expect(stderr[0]).toMatch(/^ddcli: error: \/type: .*did you mean "metric alert"\?$/)
    expect(stderr[1]).toMatch(/^ddcli: warning: \/nmae is not in CreateMonitor's request schema .*did you mean "name"\?$/)
    expect(stderr[2]).toBe("ddcli: the body does not match CreateMonitor's request schema: without --dry-run nothing would be sent (--no-validate sends it unchecked)")
    const clean = await call(['POST', '/api/v1/monitor', ...goodMonitor, '--dry-run'])
    expect(clean.stderr).toBe("ddcli: the body matches CreateMonitor's request schema\n")
  })

  it('never prints a secret found in the body', async () => {
    const result = await call(['POST', '/api/v1/monitor', '-F', 'type=metric alert', '-F', 'query=q', '-F', `priority=${API_KEY}`, '-F', `${APP_KEY}=1`])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('****')
    expect(result.stderr).not.toContain(API_KEY)
    expect(result.stderr).not.toContain(APP_KEY)
  })
})

describe('batch checks each line', () => {
  it('makes a line whose body breaks the schema that line\'s error and sends the others', async () => {
    const lines = [
      JSON.stringify({id: 1, method: 'POST', path: '/api/v1/monitor', body: {type: 'metric-alert', query: 'q'}}),
      JSON.stringify({id: 2, operation: 'CreateMonitor', body: {type: 'metric alert', query: 'q', nmae: 'x'}}),
      JSON.stringify({id: 3, method: 'POST', path: '/api/v1/monitor', body: {type: 'metric alert', query: 'q'}}),
    ].join('\n')
    const result = await run(['batch', '--api-url', server.url, '--retries', '0', '--ordered'], {env, stdin: lines})
    expect(result.code).toBe(1)
    const results = result.stdout.toString().trim().split('\n').map((line) => JSON.parse(line) as {id: number, status?: number, error?: string})
    expect(results.map((r) => [r.id, r.status ?? null])).toEqual([[1, null], [2, 200], [3, 200]])
    expect(results[0]!.error).toMatch(/^the body does not match CreateMonitor's request schema: \/type: expected one of .*did you mean "metric alert"\?; nothing sent; fix it, or pass --no-validate/)
    expect(result.stderr).toContain("ddcli: warning: /nmae is not in CreateMonitor's request schema")
    expect(await server.expectRequests(2)).toHaveLength(2)
  })

  it('with --dry-run prints a refused line as it would be sent, its problems on stderr', async () => {
    const line = JSON.stringify({id: 1, method: 'POST', path: '/api/v1/monitor', body: {type: 'metric-alert', query: 'q'}})
    const result = await run(['batch', '--api-url', server.url, '--dry-run'], {env, stdin: line})
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout.toString())).toMatchObject({id: 1, method: 'POST'})
    expect(result.stderr).toMatch(/^ddcli: error: \/type: expected one of .*did you mean "metric alert"\?\n/m)
    expect(server.requests).toHaveLength(0)
  })

  it('sends every line unchecked with --no-validate', async () => {
    const line = JSON.stringify({id: 1, method: 'POST', path: '/api/v1/monitor', body: {type: 'metric-alert'}})
    const result = await run(['batch', '--api-url', server.url, '--retries', '0', '--no-validate'], {env, stdin: line})
    expect(result.code).toBe(0)
    await server.expectRequests(1)
  })
})
