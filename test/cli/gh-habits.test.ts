import {afterEach, describe, expect, it} from 'vitest'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

const API_KEY = 'habitsapikey0000000000000000e5f6'
const APP_KEY = 'habitsappkey000000000000000000000000a7b8'
const env = {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}

let server: TestServer
afterEach(async () => server?.close())

const ok = (body = '{"ok":true}') => ({status: 200, headers: {'content-type': 'application/json'}, body})
const call = (args: string[]) => run(['call', ...args, '--api-url', server.url], {env})

describe('what gh api users paste', () => {

  it.each([
    {name: 'the path alone is a GET', args: ['/api/v1/validate'], method: 'GET', url: '/api/v1/validate', body: ''},
    {name: 'the path alone with fields is a POST with a JSON body', args: ['/api/v1/events', '-f', 'title=deploy', '--no-validate'], method: 'POST', url: '/api/v1/events', body: '{"title":"deploy"}'},
    {name: '-X sets the method of the path alone', args: ['-X', 'delete', '/api/v1/monitor/12'], method: 'DELETE', url: '/api/v1/monitor/12', body: ''},
    {name: '--method agreeing with METHOD is fine', args: ['--method', 'GET', 'GET', '/api/v1/validate'], method: 'GET', url: '/api/v1/validate', body: ''},
    {name: 'DELETE of an operation with a JSON body gets one from the fields', args: ['DELETE', '/api/v1/dashboard', '-f', 'data[][id]=abc-def', '-f', 'data[][type]=dashboard'], method: 'DELETE', url: '/api/v1/dashboard', body: '{"data":[{"id":"abc-def","type":"dashboard"}]}'},
    {name: 'key[] alone is an empty array', args: ['POST', '/api/v1/events', '-f', 'title=t', '-f', 'tags[]', '--no-validate'], method: 'POST', url: '/api/v1/events', body: '{"title":"t","tags":[]}'},
    {name: '-F key=[] is an empty array', args: ['POST', '/api/v1/events', '-F', 'tags=[]', '--no-validate'], method: 'POST', url: '/api/v1/events', body: '{"tags":[]}'},
    {name: 'key[] then key[]=v appends to it', args: ['POST', '/api/v1/events', '-f', 'tags[]', '-f', 'tags[]=a', '--no-validate'], method: 'POST', url: '/api/v1/events', body: '{"tags":["a"]}'},
    {name: 'DELETE of a path the index does not know keeps fields in the query', args: ['DELETE', '/api/v2/nothing/here', '-f', 'a=1'], method: 'DELETE', url: '/api/v2/nothing/here?a=1', body: ''},
  ])('$name', async ({args, method, url, body}) => {
    server = await startServer([ok()])
    const result = await call(args)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.method).toBe(method)
    expect(request!.url).toBe(url)
    expect(request!.body.toString()).toBe(body)
  })

  it('says in --dry-run where fields went for a path the index does not know', async () => {
    server = await startServer([])
    const result = await call(['DELETE', '/api/v2/nothing/here', '-f', 'a=1', '--dry-run'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toMatch(/^DELETE http:\/\/127\.0\.0\.1:\d+\/api\/v2\/nothing\/here\?a=1\n/)
    expect(result.stderr).toBe('ddcli: fields went to the query string: DELETE /api/v2/nothing/here is not in the spec index; send a JSON body with --input instead\n')
    expect(server.requests).toHaveLength(0)
  })

  it('sends both values of a repeated -H name', async () => {
    server = await startServer([ok()])
    await call(['GET', '/api/v1/validate', '-H', 'X-Trace: one', '-H', 'x-trace: two', '-H', 'Accept: text/plain'])
    const [request] = await server.expectRequests(1)
    expect(request!.headers['x-trace']).toBe('one, two')
    expect(request!.headers.accept).toBe('text/plain')
  })

  it('shows request and response bodies with --verbose, masked and cut at 4 KiB', async () => {
    const big = `{"echo":"${API_KEY}","pad":"${'x'.repeat(5000)}"}`
    server = await startServer([ok(big)])
    const result = await call(['POST', '/api/v1/events', '-f', `title=${APP_KEY}`, '--verbose', '--no-validate'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe(big)
    expect(result.stderr).toContain('> {"title":"****a7b8"}\n')
    expect(result.stderr).toContain('< {"echo":"****e5f6","pad":"xxx')
    expect(result.stderr).toContain('< [cut at 4096 bytes]\n')
    expect(result.stderr).not.toContain(API_KEY)
    expect(result.stderr).not.toContain(APP_KEY)
  })

  it.each([
    {name: 'message and a string errors', body: '{"message":"Invalid query","errors":"unknown facet @foo"}', line: 'ddcli: HTTP 400 Bad Request: Invalid query; unknown facet @foo\n'},
    {name: 'message and an errors list', body: '{"message":"Bad","errors":["a","b"]}', line: 'ddcli: HTTP 400 Bad Request: Bad; a; b\n'},
    {name: 'an errors list alone', body: '{"errors":["a"]}', line: 'ddcli: HTTP 400 Bad Request: a\n'},
  ])('shows $name in the error line', async ({body, line}) => {
    server = await startServer([{status: 400, headers: {'content-type': 'application/json'}, body}])
    const result = await call(['GET', '/api/v1/validate'])
    expect(result.code).toBe(1)
    expect(result.stdout.toString()).toBe(body)
    expect(result.stderr).toBe(line)
  })

  it('answers an identical GET from the cache with --cache, as gh api --cache (more in test/cli/cache.test.ts)', async () => {
    const {mkdtemp, rm} = await import('node:fs/promises')
    const {tmpdir} = await import('node:os')
    const {join} = await import('node:path')
    const xdg = await mkdtemp(join(tmpdir(), 'ddcli-gh-cache-'))
    try {
      server = await startServer([ok('{"n":1}'), ok('{"n":2}')])
      const cached = (args: string[]) => run(['call', ...args, '--api-url', server.url], {env: {...env, XDG_CACHE_HOME: xdg}})
      const first = await cached(['GET', '/api/v1/monitor', '--cache', '1h', '-i'])
      const second = await cached(['GET', '/api/v1/monitor', '--cache', '1h', '-i'])
      expect(second.stdout.equals(first.stdout)).toBe(true)
      expect((await cached(['GET', '/api/v1/monitor'])).stdout.toString()).toBe('{"n":2}')
      await server.expectRequests(2)
    } finally {
      await rm(xdg, {recursive: true, force: true})
    }
  })
})

describe('what gh api and curl users type for output', () => {
  const USERS = '{"data":[{"id":"u1","type":"users","attributes":{"email":"a@x.io","name":"Ann"}}]}'

  it.each([
    {name: 'curl\'s -o FILE says to redirect stdout', args: ['-o', 'users.json'], code: 2, stdout: '', stderr: /^ddcli: -o\/--output takes a format \(json, yaml, table, csv or tsv\), not a file: ddcli writes the body to stdout, so redirect it with > FILE\n$/},
    {name: 'gh\'s --jq then a table of its outputs', args: ['--jq', '.data[] | {id, email: .attributes.email}', '-o', 'table'], code: 0, stdout: 'ID  EMAIL\nu1  a@x.io\n', stderr: /^$/},
    {name: 'gh\'s --jq @tsv habit, as -o tsv --columns', args: ['-o', 'tsv', '--columns', 'id,email'], code: 0, stdout: 'id\temail\nu1\ta@x.io\n', stderr: /^$/},
  ])('$name', async ({args, code, stdout, stderr}) => {
    server = await startServer([ok(USERS)])
    const result = await call(['GET', '/api/v2/users', ...args])
    expect(result.code).toBe(code)
    expect(result.stdout.toString()).toBe(stdout)
    expect(result.stderr).toMatch(stderr)
  })
})
