import {afterEach, describe, expect, it} from 'vitest'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

// The operation a call checks (implicit method, method on the path, body, read-only) is the one the server routes
// to: `%6d` is `m` to a server (RFC 3986), so `/api/v1/%6donitor` is /api/v1/monitor; an encoded slash or an empty
// segment is routed either way by servers, so it is refused before anything is sent.

const env = {DD_API_KEY: 'serverpathapikey000000000000a1b2', DD_APP_KEY: 'serverpathappkey000000000000000000000c3d4'}

let server: TestServer
afterEach(async () => { await server?.close() })

const ok = {status: 200, headers: {'content-type': 'application/json'}, body: '{"ok":true}'}
const call = (args: string[]) => run(['call', ...args, '--api-url', server.url], {env})

describe('an encoded slash or an empty segment in PATH is refused, nothing sent', () => {
  it.each([
    {name: 'an encoded slash with -X', args: ['-X', 'DELETE', '/api/v1/monitor%2F123'], line: /^ddcli: PATH has %2F, an encoded "\/", which servers may route as a "\/": \/api\/v1\/monitor%2F123; write "\/" between segments, or put \{name\} in PATH and the value with -p name=VALUE\n$/},
    {name: 'an encoded slash in lower case, fields and no method', args: ['/api/v1/monitor%2f123', '-f', 'name=x'], line: /^ddcli: PATH has %2F/},
    {name: 'an encoded slash with METHOD PATH', args: ['PUT', '/api/v1/monitor%2F123', '-f', 'name=x'], line: /^ddcli: PATH has %2F/},
    {name: 'an empty segment with METHOD PATH', args: ['GET', '/api/v1//monitor'], line: /^ddcli: PATH has an empty segment \("\/\/"\), which servers may merge with its neighbour: \/api\/v1\/\/monitor; write \/api\/v1\/monitor\n$/},
    {name: 'an empty segment, fields and no method (gh would POST)', args: ['/api/v1//monitor', '-f', 'name=x'], line: /^ddcli: PATH has an empty segment/},
    {name: 'an empty segment at the end', args: ['GET', '/api/v1/monitor//'], line: /^ddcli: PATH has an empty segment .*; write \/api\/v1\/monitor\/\n$/},
    {name: 'an empty segment with --no-validate', args: ['POST', '/api/v1//monitor', '-f', 'name=x', '--no-validate'], line: /^ddcli: PATH has an empty segment/},
    {name: 'an empty segment with --dry-run', args: ['POST', '/api/v1//monitor', '--dry-run'], line: /^ddcli: PATH has an empty segment/},
  ])('$name', async ({args, line}) => {
    server = await startServer([ok])
    const result = await call(args)
    expect(result.stderr).toMatch(line)
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('')
    expect(server.requests).toHaveLength(0)
  })

  it('refuses an empty segment in a URL on the API host', async () => {
    server = await startServer([ok])
    const result = await call(['GET', `${server.url}/api/v1//monitor`])
    expect(result.stderr).toMatch(/^ddcli: PATH has an empty segment/)
    expect(result.code).toBe(2)
    expect(server.requests).toHaveLength(0)
  })

  it('refuses a batch line whose path has an empty segment, and sends the others', async () => {
    server = await startServer([ok])
    const lines = [{id: 1, method: 'GET', path: '/api/v1//monitor'}, {id: 2, method: 'GET', path: '/api/v1/validate'}]
    const result = await run(['batch', '--api-url', server.url], {env, stdin: lines.map((line) => `${JSON.stringify(line)}\n`).join('')})
    const requests = await server.expectRequests(1)
    expect(requests.map((request) => request.url)).toEqual(['/api/v1/validate'])
    expect(result.stdout.toString()).toMatch(/PATH has an empty segment/)
  })
})

describe('percent-encoded letters, digits and -._~ in PATH are what the server reads', () => {
  it('settles the implicit method of /api/v1/%6donitor as of /api/v1/monitor: refused, nothing created', async () => {
    server = await startServer([ok])
    const result = await call(['/api/v1/%6donitor', '-f', 'name=cpu'])
    expect(result.stderr).toMatch(/^ddcli: \/api\/v1\/monitor has both ListMonitors \(GET\) and CreateMonitor \(POST\); with fields, say which/)
    expect(result.code).toBe(2)
    expect(server.requests).toHaveLength(0)
  })

  it('refuses a method the decoded path does not have', async () => {
    server = await startServer([ok])
    const result = await call(['-X', 'DELETE', '/api/v1/%6D%6Fnitor'])
    expect(result.stderr).toMatch(/^ddcli: the spec has no DELETE \/api\/v1\/monitor/)
    expect(result.code).toBe(2)
    expect(server.requests).toHaveLength(0)
  })

  it('checks the body against the decoded path\'s operation', async () => {
    server = await startServer([ok])
    const result = await call(['-X', 'POST', '/api/v1/%6donitor', '-f', 'name=cpu', '-f', 'type=metric-alert', '-f', 'query=avg(last_5m):avg:system.cpu.user{*} > 90'])
    expect(result.stderr).toMatch(/^ddcli: \/type: expected one of .*"metric-alert".*did you mean "metric alert"\?/m)
    expect(result.code).toBe(2)
    expect(server.requests).toHaveLength(0)
  })

  it('refuses a write at the decoded path in read-only mode', async () => {
    server = await startServer([ok])
    const result = await call(['-X', 'POST', '/api/v1/%6donitor', '-f', 'name=cpu', '--read-only', '--no-validate'])
    expect(result.stderr).toMatch(/^ddcli: read-only mode refuses CreateMonitor \(POST \/api\/v1\/monitor\)/)
    expect(result.code).toBe(2)
    expect(server.requests).toHaveLength(0)
  })

  it.each([
    {name: 'letters', path: '/api/v1/%6donitor', url: '/api/v1/monitor'},
    {name: 'upper-case hex and a digit', path: '/api/v1/%6D%6Fnitor/%31', url: '/api/v1/monitor/1'},
    {name: 'the query string left as typed', path: '/api/v1/%6donitor?name=%6d%2Fx', url: '/api/v1/monitor?name=%6d%2Fx'},
    {name: 'other escapes left as typed', path: '/api/v1/user/test%40datadoghq.com', url: '/api/v1/user/test%40datadoghq.com'},
    {name: 'a placeholder filled after decoding', path: '/api/v1/%6donitor/{monitor_id}', params: ['-p', 'monitor_id=a/b'], url: '/api/v1/monitor/a%2Fb'},
  ])('sends $name decoded', async ({path, params, url}) => {
    server = await startServer([ok])
    const result = await call(['GET', path, ...(params ?? [])])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect((await server.expectRequests(1))[0]!.url).toBe(url)
  })
})
