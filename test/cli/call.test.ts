import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {makeTempDir} from '../helpers/cli.js'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

const API_KEY = 'apikey0000000000000000000000aaaa'
const APP_KEY = 'appkey00000000000000000000000000000000bb'
const PAT = 'ddpat_token000000000000000000cccc'

let server: TestServer
afterEach(async () => server?.close())

const json = (body: unknown, status = 200) => ({status, headers: {'content-type': 'application/json'}, body: JSON.stringify(body)})

async function configDir(profiles: Record<string, Record<string, string>>): Promise<string> {
  const dir = await makeTempDir()
  await mkdir(dir, {recursive: true})
  await writeFile(join(dir, 'config.json'), JSON.stringify({profiles}), {mode: 0o600})
  return dir
}

describe('ddcli call against a local server', () => {

  it('sends every configured credential and prints the body exactly as received', async () => {
    server = await startServer([{status: 200, headers: {'content-type': 'application/json'}, body: '{"valid": true,\n  "x":1}'}])
    const result = await run(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY, DD_BEARER_TOKEN: PAT}})
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe('{"valid": true,\n  "x":1}')
    expect(result.stderr).toBe('')
    const [request] = await server.expectRequests(1)
    expect(request!.method).toBe('GET')
    expect(request!.url).toBe('/api/v1/validate')
    expect(request!.headers['dd-api-key']).toBe(API_KEY)
    expect(request!.headers['dd-application-key']).toBe(APP_KEY)
    expect(request!.headers.authorization).toBe(`Bearer ${PAT}`)
    expect(request!.headers.accept).toBe('application/json')
    expect(request!.headers['user-agent']).toMatch(/^ddcli\/\d+\.\d+\.\d+ \(node v\d+\.\d+\.\d+; os \w+; arch \w+\)$/)
  })

  it('sends no empty application key header when only the API key is set', async () => {
    server = await startServer([json({valid: true})])
    await run(['call', 'get', 'api/v1/validate', '--api-url', server.url], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: '  '}})
    const [request] = await server.expectRequests(1)
    expect(request!.url).toBe('/api/v1/validate')
    expect(request!.headers).not.toHaveProperty('dd-application-key')
    expect(request!.headers).not.toHaveProperty('authorization')
  })

  it.each([
    {name: 'the flag beats env and config', args: ['--api-key', 'flagkey000000001'], env: {DD_API_KEY: 'envkey0000000002'}, expected: 'flagkey000000001'},
    {name: 'env beats config', args: [], env: {DD_API_KEY: 'envkey0000000002'}, expected: 'envkey0000000002'},
    {name: 'an empty env value falls back to config', args: [], env: {DD_API_KEY: ''}, expected: 'cfgkey0000000003'},
    {name: 'a named profile is read with --profile', args: ['--profile', 'work'], env: {}, expected: 'workkey000000004'},
    {name: 'a named profile is read with DD_PROFILE', args: [], env: {DD_PROFILE: 'work'}, expected: 'workkey000000004'},
  ] as Array<{name: string, args: string[], env: Record<string, string>, expected: string}>)('picks the API key: $name', async ({args, env, expected}) => {
    server = await startServer([json({})])
    const dir = await configDir({default: {apiKey: 'cfgkey0000000003'}, work: {apiKey: 'workkey000000004'}})
    const result = await run(['call', 'GET', '/api/v1/validate', '--api-url', server.url, ...args], {env: {...env, DDCLI_CONFIG_DIR: dir}})
    expect(result.stderr).toBe('')
    const [request] = await server.expectRequests(1)
    expect(request!.headers['dd-api-key']).toBe(expected)
  })

  it.each([
    {name: 'the classic shape', body: {errors: ['Forbidden']}, line: 'ddcli: HTTP 403 Forbidden: Forbidden; '},
    {name: 'the JSON:API shape', body: {errors: [{title: 'Bad', detail: 'no such monitor'}]}, line: 'ddcli: HTTP 403 Forbidden: Bad: no such monitor; '},
  ])('prints the body and one stderr line on HTTP 403 ($name)', async ({body, line}) => {
    server = await startServer([json(body, 403)])
    const result = await run(['call', 'GET', '/api/v1/monitor', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(1)
    expect(result.stdout.toString()).toBe(JSON.stringify(body))
    const last = result.stderr.trimEnd().split('\n').at(-1)!
    expect(last.startsWith(line)).toBe(true)
    expect(last.slice(line.length)).toMatch(/^sent the API key from DD_API_KEY \(no PAT, no application key\) to 127\.0\.0\.1:\d+ \(API URL from --api-url\); ddcli auth status --check tests each one$/)
  })

  it('exits 4 before sending anything when no credential is set', async () => {
    server = await startServer([json({})])
    const result = await run(['call', 'GET', '/api/v1/validate', '--api-url', server.url])
    expect(result.code).toBe(4)
    expect(result.stderr).toMatch(/DD_API_KEY.*DD_BEARER_TOKEN.*ddcli auth set-pat/)
    expect(server.requests).toHaveLength(0)
  })

  it('refuses an absolute URL on another host and names it', async () => {
    server = await startServer([json({})])
    const result = await run(['call', 'GET', 'https://evil.example.com/api/v1/validate', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('evil.example.com')
    expect(server.requests).toHaveLength(0)
  })

  it('accepts an absolute URL on the API origin', async () => {
    server = await startServer([json({})])
    const result = await run(['call', 'GET', `${server.url}/api/v1/validate?x=1`, '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.url).toBe('/api/v1/validate?x=1')
  })

  it('turns fields into query parameters for GET, keys as given, after the existing query', async () => {
    server = await startServer([json({})])
    await run(['call', 'GET', '/api/v2/logs/events?sort=-timestamp', '-f', 'filter[query]=service:web env:prod', '-F', 'page[limit]=5', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    const [request] = await server.expectRequests(1)
    expect(request!.path).toBe('/api/v2/logs/events')
    const params = new URLSearchParams(request!.query)
    expect(request!.query.startsWith('sort=-timestamp&')).toBe(true)
    expect(params.get('filter[query]')).toBe('service:web env:prod')
    expect(params.get('page[limit]')).toBe('5')
  })

  it('builds a typed, nested JSON body for POST', async () => {
    server = await startServer([json({id: 1})])
    const result = await run(['call', 'POST', '/api/v1/monitor', '-F', 'name=cpu', '-F', 'priority=2', '-F', 'options[notify_no_data]=true', '-f', 'tags[]=a', '-f', 'tags[]=b', '-f', 'raw=true', '--api-url', server.url, '--no-validate'], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}})
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.method).toBe('POST')
    expect(request!.headers['content-type']).toBe('application/json')
    expect(JSON.parse(request!.body.toString())).toEqual({name: 'cpu', priority: 2, options: {notify_no_data: true}, tags: ['a', 'b'], raw: 'true'})
  })

  it('sends --input - from stdin as the raw body', async () => {
    server = await startServer([json({})])
    const body = '{"title":"deploy","text":"é"}'
    await run(['call', 'POST', '/api/v1/events', '--input', '-', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}, stdin: body})
    const [request] = await server.expectRequests(1)
    expect(request!.body.toString()).toBe(body)
    expect(request!.headers['content-type']).toBe('application/json')
  })

  it.each([
    {name: 'DELETE with a body from stdin, unchecked, is chunked', method: 'DELETE', stdin: true, extra: ['--no-validate'], chunked: true},
    {name: 'DELETE with a body from stdin, checked as JSON (read whole), has its length', method: 'DELETE', stdin: true, extra: [], chunked: false},
    {name: 'DELETE with a body from a file has its length', method: 'DELETE', stdin: false, extra: [], chunked: false},
    {name: 'OPTIONS with a body from stdin, unchecked, is chunked', method: 'OPTIONS', stdin: true, extra: ['--no-validate'], chunked: true},
  ])('frames a streamed body: $name', async ({method, stdin, extra, chunked}) => {
    // Node sends DELETE and OPTIONS bodies of unknown length unframed; the replay of real traffic caught it.
    server = await startServer([json({deleted: true}), json({})])
    const dir = await makeTempDir()
    const body = '{"dashboards":[{"id":"x4b","type":"custom_timeboard"}]}'
    await writeFile(join(dir, 'body.json'), body)
    const result = await run(['call', method, '/api/v2/dashboard/lists/manual/1/dashboards', '--input', stdin ? '-' : join(dir, 'body.json'), ...extra, '--api-url', server.url], {env: {DD_API_KEY: API_KEY}, stdin: body})
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe('{"deleted":true}')
    const [request] = await server.expectRequests(1)
    expect(request!.method).toBe(method)
    expect(request!.body.toString()).toBe(body)
    expect(request!.headers[chunked ? 'transfer-encoding' : 'content-length']).toBe(chunked ? 'chunked' : String(body.length))
  })

  it('sends an --input file with the content type -H sets', async () => {
    server = await startServer([json({})])
    const dir = await makeTempDir()
    await writeFile(join(dir, 'body.txt'), 'plain text body')
    await run(['call', 'PUT', '/api/v1/x', '--input', join(dir, 'body.txt'), '-H', 'Content-Type: text/plain', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    const [request] = await server.expectRequests(1)
    expect(request!.body.toString()).toBe('plain text body')
    expect(request!.headers['content-type']).toBe('text/plain')
  })

  it('lets -H override a default header', async () => {
    server = await startServer([json({})])
    await run(['call', 'GET', '/api/v1/x', '-H', 'accept: text/csv', '-H', 'X-Trace: 1', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    const [request] = await server.expectRequests(1)
    expect(request!.headers.accept).toBe('text/csv')
    expect(request!.headers['x-trace']).toBe('1')
  })

  it('prints the status line and headers with -i', async () => {
    server = await startServer([{status: 201, statusText: 'Created', headers: {'content-type': 'application/json', 'x-ratelimit-remaining': '9'}, body: '{}'}])
    const result = await run(['call', 'POST', '/api/v1/x', '-i', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    const out = result.stdout.toString()
    expect(out).toMatch(/^HTTP\/1\.1 201 Created\n/)
    expect(out).toContain('x-ratelimit-remaining: 9\n')
    expect(out.endsWith('\n\n{}')).toBe(true)
  })

  it('prints no body with --silent', async () => {
    server = await startServer([json({a: 1})])
    const result = await run(['call', 'GET', '/api/v1/x', '--silent', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(0)
    expect(result.stdout.length).toBe(0)
  })

  it('exits 5 with the host and cause when nothing listens', async () => {
    server = await startServer()
    const url = server.url
    await server.close()
    const result = await run(['call', 'GET', '/api/v1/x', '--retries', '0', '--api-url', url], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(5)
    expect(result.stderr).toBe(`ddcli: no response from ${new URL(url).host}: connection refused (ECONNREFUSED)\n`)
  })

  it('exits 5 on a timeout', async () => {
    server = await startServer(() => new Promise(() => {}))
    const result = await run(['call', 'GET', '/api/v1/x', '--timeout', '0.5', '--retries', '0', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(5)
    expect(result.stderr).toMatch(/timed out/)
  })

  it.each(['300ms', '0.3s'])('takes --timeout %s as 300 milliseconds, not 300 seconds', async (timeout) => {
    server = await startServer(() => new Promise(() => {}))
    const started = Date.now()
    const result = await run(['call', 'GET', '/api/v1/x', '--timeout', timeout, '--retries', '0', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(5)
    expect(result.stderr).toMatch(/timed out/)
    expect(Date.now() - started).toBeLessThan(3000)
  })
})
