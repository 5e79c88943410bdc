import {afterEach, describe, expect, it} from 'vitest'
import {run} from '../helpers/in-process.js'
import {item, listHandler} from '../helpers/list-server.js'
import {startServer, type CannedResponse, type TestServer} from '../helpers/server.js'

const API_KEY = 'paginateapikey000000000000000a1b2'
const APP_KEY = 'paginateappkey0000000000000000000000c3d4'
const env = {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}

let server: TestServer
afterEach(async () => server?.close())

const compact = (i: number) => item(i).replace(/ /g, '')
const lines = (from: number, to: number) => Array.from({length: to - from}, (_, i) => `${compact(from + i)}\n`).join('')
const call = (args: string[]) => run(['call', ...args, '--api-url', server.url], {env})

describe('ddcli call --paginate', () => {

  it.each([
    {name: 'a query cursor (meta.page.after into page[cursor])', args: ['GET', '/api/v2/audit/events', '--page-size', '10'], pages: 3, first: '/api/v2/audit/events?page%5Blimit%5D=10'},
    {name: 'a cursor in the POST body (body.page.cursor)', args: ['POST', '/api/v2/audit/events/search', '--page-size', '10'], pages: 3, first: '/api/v2/audit/events/search'},
    {name: 'page numbers over a top-level array, by operationId', args: ['ListMonitors', '--page-size', '10'], pages: 3, first: '/api/v1/monitor?page_size=10'},
    {name: 'offsets over indented JSON', args: ['GET', '/api/v1/slo/correction', '-f', 'limit=10'], pages: 3, first: '/api/v1/slo/correction?limit=10'},
  ])('walks $name and prints each item as one compact JSON line, 64-bit numbers exact', async ({args, pages, first}) => {
    server = await startServer(listHandler(25))
    const result = await call([...args, '--paginate'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe(lines(0, 25))
    const requests = await server.expectRequests(pages)
    expect(requests[0]!.url).toBe(first)
  })

  it.each([
    {name: 'in the query', args: ['GET', '/api/v2/audit/events'], limit: (r: {url: string}) => new URL(r.url, 'http://x').searchParams.get('page[limit]')},
    {name: 'in the JSON body', args: ['POST', '/api/v2/audit/events/search'], limit: (r: {body: Buffer}) => String((JSON.parse(r.body.toString()) as {page: {limit: number}}).page.limit)},
  ])("asks for the spec's largest page (1000 audit events) and walks 95 in one request: $name", async ({args, limit}) => {
    server = await startServer(listHandler(95))
    const result = await call([...args, '--paginate'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe(lines(0, 95))
    const requests = await server.expectRequests(1)
    expect(limit(requests[0]! as never)).toBe('1000')
  })

  it('loses no item when the server serves fewer than the spec maximum, going on by the cursor', async () => {
    // A server that caps pages at 100 whatever is asked, and, as Datadog does, gives a cursor even on the last page.
    const data = (from: number, to: number) => Array.from({length: to - from}, (_, i) => item(from + i)).join(',')
    server = await startServer((request) => {
      const from = Number(new URLSearchParams(request.query).get('page[cursor]') ?? 0)
      const to = Math.min(from + 100, 250)
      return {status: 200, headers: {'content-type': 'application/json'}, body: `{"data":[${data(from, to)}],"meta":{"page":{"after":"${to}"}}}`}
    })
    const result = await call(['GET', '/api/v2/audit/events', '--paginate'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe(lines(0, 250))
    const requests = await server.expectRequests(4)
    expect(requests.map((r) => new URLSearchParams(r.query).get('page[limit]'))).toEqual(['1000', '1000', '1000', '1000'])
  })

  it.each([
    {name: '--page-size', args: ['--page-size', '30'], limit: '30', requests: 4},
    {name: 'a limit field', args: ['-f', 'page[limit]=30'], limit: '30', requests: 4},
    {name: '--max-items below the maximum', args: ['--max-items', '12'], limit: '12', requests: 1},
  ])('asks for the page size the user set with $name', async ({args, limit, requests}) => {
    server = await startServer(listHandler(95))
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', ...args])
    expect(result.code).toBe(0)
    const sent = await server.expectRequests(requests)
    expect(new URLSearchParams(sent[0]!.query).get('page[limit]')).toBe(limit)
  })

  it.each([
    {name: '--page-size above the maximum', args: ['GET', '/api/v2/audit/events', '--page-size', '5000'], line: 'ddcli: --page-size 5000 is above the largest page ListAuditLogs serves (page[limit] at most 1000); give --page-size 1000 or less, or leave it out for the largest page (--no-validate sends it anyway)\n'},
    {name: '--page-size above the maximum of a limit in the JSON body', args: ['POST', '/api/v2/audit/events/search', '--page-size', '1001'], line: 'ddcli: --page-size 1001 is above the largest page SearchAuditLogs serves (page.limit at most 1000); give --page-size 1000 or less, or leave it out for the largest page (--no-validate sends it anyway)\n'},
    {name: 'a limit field in the JSON body above the maximum', args: ['POST', '/api/v2/audit/events/search', '-F', 'page[limit]=1001'], line: 'ddcli: /page/limit: expected at most 1000, got 1001\nddcli: the body does not match SearchAuditLogs\'s request schema (1 problem above); nothing sent; fix it, or pass --no-validate to send it unchecked\n'},
    {name: 'a limit field above the maximum', args: ['GET', '/api/v2/audit/events', '-f', 'page[limit]=5000'], line: 'ddcli: page[limit]=5000 is above the largest page ListAuditLogs serves (at most 1000); give 1000 or less, or leave it out for the largest page (--no-validate sends it anyway)\n'},
  ])('refuses $name before sending anything', async ({args, line}) => {
    server = await startServer(listHandler(95))
    const result = await call([...args, '--paginate'])
    expect(result.stderr).toBe(line)
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('')
    expect(server.requests).toHaveLength(0)
  })

  it.each([
    {name: '--dry-run with --page-size above the maximum', args: ['GET', '/api/v2/audit/events', '--page-size', '5000', '--dry-run'], line: /^ddcli: --page-size 5000 is above the largest page ListAuditLogs serves \(page\[limit\] at most 1000\)/},
    {name: '--curl with a limit field above the maximum', args: ['GET', '/api/v2/audit/events', '-f', 'page[limit]=5000', '--curl'], line: /^ddcli: page\[limit\]=5000 is above the largest page ListAuditLogs serves/},
    {name: '--dry-run of a call that does not return pages', args: ['GET', '/api/v1/validate', '--dry-run'], line: /^ddcli: Validate does not return pages; drop --paginate/},
  ])('refuses $name as the walk would, printing nothing', async ({args, line}) => {
    server = await startServer([])
    const result = await call([...args, '--paginate'])
    expect(result.stderr).toMatch(line)
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('')
    expect(server.requests).toHaveLength(0)
  })

  it('prints the first request of a walk with --dry-run when the page size is allowed', async () => {
    server = await startServer([])
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', '--page-size', '1000', '--dry-run'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/api\/v2\/audit\/events\n/)
    expect(server.requests).toHaveLength(0)
  })

  it.each([
    {name: 'the maximum itself', args: ['--page-size', '1000'], limit: '1000'},
    {name: 'a page size above the maximum with --no-validate', args: ['--page-size', '5000', '--no-validate'], limit: '5000'},
    {name: 'a limit field above the maximum with --no-validate', args: ['-f', 'page[limit]=5000', '--no-validate'], limit: '5000'},
  ])('sends $name as given', async ({args, limit}) => {
    server = await startServer(listHandler(95))
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', ...args])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe(lines(0, 95))
    expect(new URLSearchParams((await server.expectRequests(1))[0]!.query).get('page[limit]')).toBe(limit)
  })

  it('sends the body cursor and limit of the next pages inside the JSON body, keeping the other fields', async () => {
    server = await startServer(listHandler(25))
    const result = await call(['POST', '/api/v2/audit/events/search', '-f', 'filter[query]=x', '--paginate', '--page-size', '20'])
    expect(result.code).toBe(0)
    const requests = await server.expectRequests(2)
    expect(requests.map((r) => JSON.parse(r.body.toString()))).toEqual([
      {filter: {query: 'x'}, page: {limit: 20}},
      {filter: {query: 'x'}, page: {limit: 20, cursor: '20'}},
    ])
    expect(requests[1]!.headers['content-type']).toBe('application/json')
  })

  it.each([
    {name: '--max-items stops early, mid-page', args: ['--max-items', '12'], stdout: lines(0, 12), requests: 2},
    {name: '--slurp prints one JSON array', args: ['--slurp'], stdout: `[${lines(0, 25).trim().split('\n').join(',')}]\n`, requests: 3},
    {name: '--jq applies to each item, strings raw', args: ['--jq', '.id'], stdout: Array.from({length: 25}, (_, i) => `${i}\n`).join(''), requests: 3},
    {name: '--jq-json keeps strings quoted', args: ['--jq', '.id', '--jq-json', '--max-items', '2'], stdout: '"0"\n"1"\n', requests: 1},
    {name: '--slurp --jq applies to the whole array', args: ['--slurp', '--jq', 'length, (map(.n)|.[0])'], stdout: '25\n12345678901234567891\n', requests: 3},
  ])('$name', async ({args, stdout, requests}) => {
    server = await startServer(listHandler(25))
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', '--page-size', '10', ...args])
    expect(result.stderr).toBe('')
    expect(result.stdout.toString()).toBe(stdout)
    expect(result.code).toBe(0)
    await server.expectRequests(requests)
  })

  it('waits for a rate limit on a later page, then goes on', async () => {
    const list = listHandler(25)
    let seen = 0
    server = await startServer((request) => (++seen === 2 ? {status: 429, headers: {'x-ratelimit-reset': '1', 'x-ratelimit-name': 'audit'}} : list(request)))
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', '--page-size', '10'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe(lines(0, 25))
    const requests = await server.expectRequests(4)
    expect(requests[1]!.url).toBe(requests[2]!.url)
  })

  it('keeps the items printed when a page fails, and says where it stopped and how to resume', async () => {
    const list = listHandler(25)
    const failure: CannedResponse = {status: 500, headers: {'content-type': 'application/json'}, body: '{"errors":["boom"]}'}
    server = await startServer((request) => (request.query.includes('cursor%5D=20') ? failure : list(request)))
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', '--page-size', '10', '--retries', '0'])
    expect(result.code).toBe(1)
    expect(result.stdout.toString()).toBe(lines(0, 20))
    expect(result.stderr).toBe(`{"errors":["boom"]}\nddcli: HTTP 500 Internal Server Error: boom; stopped at page 3 after 20 items; resume with -f 'page[cursor]=20'\n`)
  })

  it('says which credentials were sent when a later page answers 403, as a single call does', async () => {
    const list = listHandler(25)
    const denied: CannedResponse = {status: 403, headers: {'content-type': 'application/json'}, body: '{"errors":["Forbidden"]}'}
    server = await startServer((request) => (request.query.includes('cursor%5D=10') ? denied : list(request)))
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', '--page-size', '10'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^\{"errors":\["Forbidden"\]\}\nddcli: HTTP 403 Forbidden: Forbidden; sent the API key from DD_API_KEY, the application key from DD_APP_KEY \(no PAT\) to 127\.0\.0\.1:\d+ \(API URL from --api-url\); ddcli auth status --check tests each one; stopped at page 2 after 10 items; resume with -f 'page\[cursor\]=10'\n$/)
    for (const secret of [API_KEY, APP_KEY]) expect(result.stderr).not.toContain(secret)
  })

  it('exits 5 with the resume point when the server goes away mid-way', async () => {
    const list = listHandler(25)
    let seen = 0
    server = await startServer((request) => {
      if (++seen === 2) void server.close()
      return list(request)
    })
    const result = await call(['ListMonitors', '--paginate', '--page-size', '10', '--retries', '0'])
    expect(result.code).toBe(5)
    expect(result.stdout.toString()).toBe(lines(0, 10))
    expect(result.stderr).toMatch(/^ddcli: no response from .*; stopped at page 2 after 10 items; resume with -f 'page=1'\n$/)
  })

  it.each([
    {name: 'meta.page.after', page: (from: number) => `{"data":[${from}],"meta":{"page":{"after":${from < 2 ? `"c${from + 1}"` : '""'}}}}`},
    {name: 'links.next', page: (from: number) => `{"data":[${from}],"links":{"next":${from < 2 ? `"/api/v2/unknown?page%5Bcursor%5D=c${from + 1}"` : 'null'}}}`},
    {name: 'meta.pagination.next_cursor', page: (from: number) => `{"data":[${from}],"meta":{"pagination":{"next_cursor":${from < 2 ? `"c${from + 1}"` : 'null'}}}}`},
  ])('follows $name on a path the index does not know', async ({page}) => {
    server = await startServer((request) => {
      const cursor = new URLSearchParams(request.query).get('page[cursor]')
      return {status: 200, headers: {'content-type': 'application/json'}, body: page(cursor ? Number(cursor.slice(1)) : 0)}
    })
    const result = await call(['GET', '/api/v2/unknown', '--paginate'])
    expect(result.stderr).toBe('')
    expect(result.stdout.toString()).toBe('0\n1\n2\n')
    const requests = await server.expectRequests(3)
    expect(requests.map((r) => r.url)).toEqual(['/api/v2/unknown', '/api/v2/unknown?page%5Bcursor%5D=c1', '/api/v2/unknown?page%5Bcursor%5D=c2'])
  })

  it('stops with an error when a server repeats the same page forever', async () => {
    server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json'}, body: '[{"id":1}]'}))
    const result = await call(['ListMonitors', '--paginate', '--page-size', '1'])
    expect(result.code).toBe(1)
    expect(result.stdout.toString()).toBe('{"id":1}\n')
    expect(result.stderr).toMatch(/page 2 repeats page 1.*stopped at page 2 after 1 item; resume with -f 'page=1'/)
  })

  it.each([
    {name: 'a spec cursor that cycles A, B, A', args: ['GET', '/api/v2/audit/events', '--page-size', '1'], page: (cursor: string | null) => `{"data":[{"id":"${cursor ?? 'first'}"}],"meta":{"page":{"after":"${cursor === 'A' ? 'B' : 'A'}"}}}`},
    {name: 'a links.next that cycles', args: ['GET', '/api/v2/unknown'], page: (cursor: string | null) => `{"data":[{"id":"${cursor ?? 'first'}"}],"links":{"next":"/api/v2/unknown?page%5Bcursor%5D=${cursor === 'A' ? 'B' : 'A'}"}}`},
  ])('stops with an error at $name instead of walking the loop forever', async ({args, page}) => {
    server = await startServer((request) => ({status: 200, headers: {'content-type': 'application/json'}, body: page(new URLSearchParams(request.query).get('page[cursor]'))}))
    const result = await call([...args, '--paginate'])
    expect(result.code).toBe(1)
    expect(result.stdout.toString()).toBe('{"id":"first"}\n{"id":"A"}\n{"id":"B"}\n')
    expect(result.stderr).toMatch(/^ddcli: page 3 leads back to page 2 \(the server's cursors loop\); stopped at page 3 after 3 items\n$/)
    await server.expectRequests(3)
  })

  it('traces each page\'s body with --verbose, on stderr only', async () => {
    server = await startServer(listHandler(3))
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', '--page-size', '2', '--verbose'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe(lines(0, 3))
    expect(result.stderr).toContain(`< {"data":[${item(0)},${item(1)}],"meta":{"page":{"after":"2"}}}\n`)
    expect(result.stderr).toContain(`< {"data":[${item(2)}],"meta":{"page":{}}}\n`)
    expect(result.stderr).toContain('> GET http://127.0.0.1:')
  })

  it('exits 2 when a path the index does not know answers with no list', async () => {
    server = await startServer([{status: 200, headers: {'content-type': 'application/json'}, body: '{"id":1}'}])
    const result = await call(['GET', '/api/v2/unknown/1', '--paginate'])
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('')
    expect(result.stderr).toBe('ddcli: page 1 has no list (no data array); drop --paginate; stopped at page 1 after 0 items\n')
  })

  it('refuses a links.next on another origin, after printing the first page', async () => {
    server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json'}, body: '{"data":[1],"links":{"next":"https://evil.example/steal"}}'}))
    const result = await call(['GET', '/api/v2/unknown', '--paginate'])
    expect(result.code).toBe(1)
    expect(result.stdout.toString()).toBe('1\n')
    expect(result.stderr).toMatch(/links.next points to https:\/\/evil.example, another origin; not followed/)
    await server.expectRequests(1)
  })
})
