import {afterEach, describe, expect, it} from 'vitest'
import {CREDENTIALS} from '../../src/credentials/credentials.js'
import {SECURITY_SCHEMES} from '../../src/spec/index.js'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

const API_KEY = 'apikey0000000000000000000000aaaa'
const APP_KEY = 'appkey00000000000000000000000000000000bb'
const PAT = 'ddpat_token000000000000000000cccc'

let server: TestServer
afterEach(async () => server?.close())
const ok = {status: 200, headers: {'content-type': 'application/json'}, body: '{}'}

describe('auth from the spec', () => {
  it('takes every credential header and env var from securitySchemes', () => {
    for (const def of CREDENTIALS) {
      const scheme = SECURITY_SCHEMES.find((s) => s.name === def.scheme)!
      expect(def.env[0]).toBe(scheme.envName)
      if (scheme.kind === 'header') expect(def.header).toBe(scheme.header)
      else expect([scheme.kind, def.header, def.prefix]).toEqual(['bearer', 'Authorization', 'Bearer '])
    }
    expect(CREDENTIALS.map((d) => d.env[0])).toEqual(['DD_BEARER_TOKEN', 'DD_API_KEY', 'DD_APP_KEY'])
  })
})

describe('hosts and --dry-run', () => {
  it.each([
    {name: 'logs v2 goes to the logs intake of the site', args: ['POST', '/api/v2/logs', '--site', 'datadoghq.eu'], line: 'POST https://http-intake.logs.datadoghq.eu/api/v2/logs'},
    {name: 'logs v1 goes to the logs intake', args: ['SubmitLog', '--site', 'us5.datadoghq.com'], line: 'POST https://http-intake.logs.us5.datadoghq.com/api/v2/logs'},
    {name: 'v1:SubmitLog is the v1 intake', args: ['v1:SubmitLog'], line: 'POST https://http-intake.logs.datadoghq.com/v1/input'},
    {name: 'events v2 go to the event intake', args: ['POST', '/api/v2/events'], line: 'POST https://event-management-intake.datadoghq.com/api/v2/events'},
    {name: 'IP ranges go to their host', args: ['GetIPRanges', '--site', 'ap1.datadoghq.com'], line: 'GET https://ip-ranges.ap1.datadoghq.com/'},
    {name: 'On-Call pages go to the regional On-Call host', args: ['POST', '/api/v2/on-call/pages', '--site', 'datadoghq.eu'], line: 'POST https://beige.oncall.datadoghq.eu/api/v2/on-call/pages'},
    {name: 'an ordinary operation goes to the API host', args: ['GET', '/api/v1/monitor', '--site', 'us3.datadoghq.com'], line: 'GET https://api.us3.datadoghq.com/api/v1/monitor'},
    {name: 'an explicit --api-url wins over the spec host', args: ['POST', '/api/v2/logs', '--api-url', 'https://proxy.example.com'], line: 'POST https://proxy.example.com/api/v2/logs'},
  ])('$name', async ({args, line}) => {
    const result = await run(['call', ...args, '--dry-run'], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}})
    expect(result.code).toBe(0)
    expect(result.stdout.toString().split('\n')[0]).toBe(line)
  })

  it('prints the headers masked and the body, and sends nothing', async () => {
    server = await startServer([ok])
    const result = await run(['call', 'POST', '/api/v1/monitor', '-F', 'name=x', '-F', 'priority=1', '--dry-run', '--api-url', server.url], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY, DD_BEARER_TOKEN: PAT}})
    expect(result.code).toBe(0)
    const out = result.stdout.toString()
    expect(out).toContain(`POST ${server.url}/api/v1/monitor\n`)
    expect(out).toContain('Authorization: Bearer ****cccc\n')
    expect(out).toContain('DD-API-KEY: ****aaaa\n')
    expect(out).toContain('DD-APPLICATION-KEY: ****00bb\n')
    expect(out.endsWith('\n\n{"name":"x","priority":1}\n')).toBe(true)
    expect(out).not.toContain(API_KEY)
    expect(server.requests).toHaveLength(0)
  })
})

describe('credentials checked against the operation', () => {
  it('names what is missing on stderr and still sends the request', async () => {
    server = await startServer([ok])
    const result = await run(['call', 'GET', '/api/v1/monitor', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('ddcli: GET /api/v1/monitor needs DD_API_KEY with DD_APP_KEY, or a PAT\n')
    await server.expectRequests(1)
  })

  it('says nothing when a PAT satisfies the OAuth alternative', async () => {
    server = await startServer([ok])
    const result = await run(['call', 'ListMonitors', '--api-url', server.url], {env: {DD_BEARER_TOKEN: PAT}})
    expect(result.stderr).toBe('')
    const [request] = await server.expectRequests(1)
    expect(request!.url).toBe('/api/v1/monitor')
    expect(request!.headers.authorization).toBe(`Bearer ${PAT}`)
    expect(request!.headers).not.toHaveProperty('dd-application-key')
  })

  it('does not exit 4 for an operation that needs no credentials', async () => {
    server = await startServer([ok])
    const result = await run(['call', 'GetIPRanges', '--api-url', server.url])
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.headers).not.toHaveProperty('dd-api-key')
  })

  it('still exits 4 without credentials for an operation that needs them', async () => {
    server = await startServer([ok])
    const result = await run(['call', 'ListMonitors', '--api-url', server.url])
    expect(result.code).toBe(4)
    expect(server.requests).toHaveLength(0)
  })
})

describe('PATs where bearer tokens are refused', () => {
  it.each([
    {name: 'a key-only operation gets the PAT as DD-APPLICATION-KEY', args: ['GET', '/api/v1/api_key'], env: {DD_API_KEY: API_KEY, DD_BEARER_TOKEN: PAT}, appKey: PAT},
    {name: 'an operation with an OAuth alternative does not', args: ['GET', '/api/v1/monitor'], env: {DD_API_KEY: API_KEY, DD_BEARER_TOKEN: PAT}, appKey: undefined},
    {name: 'a configured application key is never replaced', args: ['GET', '/api/v1/api_key'], env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY, DD_BEARER_TOKEN: PAT}, appKey: APP_KEY},
    {name: 'a path the spec does not know does not', args: ['GET', '/api/v9/unknown'], env: {DD_API_KEY: API_KEY, DD_BEARER_TOKEN: PAT}, appKey: undefined},
  ] as Array<{name: string, args: string[], env: Record<string, string>, appKey?: string}>)('$name', async ({args, env, appKey}) => {
    server = await startServer([ok])
    await run(['call', ...args, '--api-url', server.url], {env})
    const [request] = await server.expectRequests(1)
    expect(request!.headers['dd-application-key']).toBe(appKey)
    expect(request!.headers.authorization).toBe(`Bearer ${PAT}`)
  })
})

describe('operations by name', () => {
  it.each([
    {name: 'an operationId with a path parameter', args: ['GetMonitor', '-p', 'monitor_id=123'], method: 'GET', url: '/api/v1/monitor/123'},
    {name: 'a kebab-case name in any case', args: ['get-MONITOR', '-p', 'monitor_id=7', '-f', 'group_states=all'], method: 'GET', url: '/api/v1/monitor/7?group_states=all'},
    {name: 'a parameter value is URL-encoded', args: ['GetMonitor', '-p', 'monitor_id=a/b c'], method: 'GET', url: '/api/v1/monitor/a%2Fb%20c'},
    {name: 'a {placeholder} in a literal path', args: ['DELETE', '/api/v1/monitor/{monitor_id}', '-p', 'monitor_id=9'], method: 'DELETE', url: '/api/v1/monitor/9'},
  ])('$name', async ({args, method, url}) => {
    server = await startServer([ok])
    const result = await run(['call', ...args, '--api-url', server.url], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}})
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect([request!.method, request!.url]).toEqual([method, url])
  })

  it('sends the body from stdin with --input - for an operationId', async () => {
    server = await startServer([ok])
    const body = '{"public_ids":["abc-def-ghi"]}'
    const result = await run(['call', 'DeleteTests', '--input', '-', '--api-url', server.url], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}, stdin: body})
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect([request!.method, request!.url, request!.body.toString()]).toEqual(['POST', '/api/v1/synthetics/tests/delete', body])
  })

  it('lists the missing required path parameters', async () => {
    const result = await run(['call', 'GetMonitor'], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('ddcli: GetMonitor needs the path parameter monitor_id; pass each with -p name=value\n')
  })
})

describe('hints', () => {
  it('suggests close known paths on a 404 for a path the spec does not know', async () => {
    server = await startServer([{status: 404, headers: {'content-type': 'application/json'}, body: '{"errors":["Not found"]}'}])
    const result = await run(['call', 'GET', '/api/v1/monitors', '--api-url', server.url], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^ddcli: HTTP 404 Not Found: Not found; did you mean: \/api\/v1\/monitor[,\n]/)
    expect(result.stdout.toString()).toBe('{"errors":["Not found"]}')
  })

  it('notes a Preview operation on stderr only', async () => {
    server = await startServer([ok])
    const result = await run(['call', 'GET', '/api/unstable/fleet/agents', '--api-url', server.url], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}})
    expect(result.stderr).toBe('ddcli: note: ListFleetAgents is in Preview (unstable): it may change without notice\n')
    expect(result.stdout.toString()).toBe('{}')
  })

  it('notes a deprecated operation with its sunset date', async () => {
    server = await startServer([ok])
    const result = await run(['call', 'DELETE', '/api/v1/integration/aws/logs', '--api-url', server.url], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}})
    expect(result.stderr).toContain('ddcli: note: DeleteAWSLambdaARN is deprecated; its sunset date is 2027-02-20\n')
  })
})
