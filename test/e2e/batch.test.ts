import {spawn} from 'node:child_process'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {cliCommand, cliPrefix, exePath, makeTempDir} from '../helpers/cli.js'
import {run} from '../helpers/in-process.js'
import {startServer, type CannedResponse, type Handler, type RecordedRequest, type TestServer} from '../helpers/server.js'
import {haveScript, runInTerminal} from '../helpers/terminal.js'

const API_KEY = 'batchapikey0000000000000000000k1'
const APP_KEY = 'batchappkey00000000000000000000000000a2'
const PAT = 'batchpat000000000000000000000000p3'
const SECRETS = [API_KEY, APP_KEY, PAT]

let servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()))
  servers = []
})

async function server(handler: Handler): Promise<TestServer> {
  const s = await startServer(handler)
  servers.push(s)
  return s
}

const ok = (body: unknown = {ok: true}, headers: Record<string, string> = {}): CannedResponse => ({status: 200, headers: {'content-type': 'application/json', ...headers}, body: JSON.stringify(body)})
const ndjson = (...requests: unknown[]) => requests.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n'
const results = (stdout: Buffer) => stdout.toString('utf8').trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function batch(api: TestServer, args: string[], stdin: string, env: Record<string, string> = {}) {
  return run(['batch', '--api-url', api.url, ...args], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY, ...env}, stdin, timeoutMs: 60_000})
}

function expectNoSecrets(...texts: string[]) {
  for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret)
}

describe('batch: requests in, results out', () => {
  it('answers each request with its id, line, status, headers and parsed body, and exits 0', async () => {
    const api = await server((r) => ok({path: r.url}))
    const {code, stdout, stderr} = await batch(api, [], ndjson({id: 'a', method: 'GET', path: '/api/v1/validate'}, {id: 7, method: 'get', path: '/api/v1/monitor', query: {tags: ['a', 'b'], 'page[size]': 2}}))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const byId = new Map(results(stdout).map((r) => [r.id, r]))
    expect(byId.get('a')).toMatchObject({id: 'a', line: 1, status: 200, body: {path: '/api/v1/validate'}})
    expect(byId.get(7)).toMatchObject({line: 2, status: 200, body: {path: '/api/v1/monitor?tags=a&tags=b&page%5Bsize%5D=2'}})
    expect((byId.get('a')!.headers as Record<string, string>)['content-type']).toBe('application/json')
    const sent = api.requests.find((r) => r.path === '/api/v1/validate')!
    expect(sent.headers['dd-api-key']).toBe(API_KEY)
    expect(sent.headers['dd-application-key']).toBe(APP_KEY)
    expectNoSecrets(stdout.toString(), stderr)
  })

  it('routes an operation through the spec index and sends its JSON body, as call does', async () => {
    const api = await server((r) => ok({method: r.method, path: r.path, body: r.body.toString()}))
    const {code, stdout} = await batch(api, [], ndjson(
      {id: 1, operation: 'GetMonitor', params: {monitor_id: 42}},
      {id: 2, method: 'PUT', path: '/api/v1/monitor/{monitor_id}', params: {monitor_id: 'a/b'}, body: {name: 'x'}},
    ))
    expect(code).toBe(0)
    const byId = new Map(results(stdout).map((r) => [r.id, r.body]))
    expect(byId.get(1)).toEqual({method: 'GET', path: '/api/v1/monitor/42', body: ''})
    expect(byId.get(2)).toEqual({method: 'PUT', path: '/api/v1/monitor/a%2Fb', body: '{"name":"x"}'})
    expect(api.requests.find((r) => r.method === 'PUT')!.headers['content-type']).toBe('application/json')
  })

  it('sends a PAT as the application key for key-only operations, as call does', async () => {
    const api = await server(() => ok())
    const {code} = await run(['batch', '--api-url', api.url], {env: {DD_API_KEY: API_KEY, DD_BEARER_TOKEN: PAT}, stdin: ndjson({method: 'GET', path: '/api/v1/api_key'}, {operation: 'ListMonitors'})})
    expect(code).toBe(0)
    const keyOnly = api.requests.find((r) => r.path === '/api/v1/api_key')!
    const monitors = api.requests.find((r) => r.path === '/api/v1/monitor')!
    expect(keyOnly.headers['dd-application-key']).toBe(PAT)
    expect(monitors.headers['dd-application-key']).toBeUndefined()
    expect(monitors.headers.authorization).toBe(`Bearer ${PAT}`)
  })

  it('keeps a 64-bit number in a JSON body exact and a text body as a string', async () => {
    const api = await server((r) => (r.path === '/big' ? {status: 200, headers: {'content-type': 'application/json'}, body: '{"trace_id": 12345678901234567891,\n "x": [1,\r\n2]}'} : {status: 200, headers: {'content-type': 'text/plain'}, body: 'plain\u009b text'}))
    const {stdout} = await batch(api, ['--ordered'], ndjson({method: 'GET', path: '/big'}, {method: 'GET', path: '/text'}))
    const lines = stdout.toString().trimEnd().split('\n')
    expect(lines[0]).toContain('"body":{"trace_id": 12345678901234567891,  "x": [1, 2]}')
    expect(lines[1]).toContain('"body":"plain\\u009b text"')
  })

  it('skips a UTF-8 byte-order mark at the very start of the input, as jq does, and fails a line that starts with one elsewhere', async () => {
    const api = await server(() => ok())
    const input = '\ufeff{"id":1,"method":"GET","path":"/a"}\n\ufeff{"id":2,"method":"GET","path":"/b"}\n'
    const {code, stdout, stderr} = await batch(api, ['--ordered'], input)
    const out = results(stdout)
    expect(out.map((r) => [r.line, r.id ?? null, r.status ?? 'error'])).toEqual([[1, 1, 200], [2, null, 'error']])
    expect(out[1]!.error).toMatch(/not valid JSON/)
    expect({code, stderr}).toEqual({code: 1, stderr: expect.stringMatching(/^ddcli: 1 of 2 requests failed[^\n]*\n$/)})
    expect(api.requests.map((r) => r.path)).toEqual(['/a'])
  })

  it('gives a malformed line an error result with its line number and goes on; exit 1', async () => {
    const api = await server(() => ok())
    const input = ['{"id":1,"method":"GET","path":"/a"}', 'not json', '', '[1]', '{"id":4,"method":"GET"}', '{"id":5,"operation":"GetMonitor"}', '{"id":6,"method":"GET","path":"/b","pth":1}', '{"id":8,"method":"GET","path":"https://evil.example.com/x"}', '{"id":7,"method":"GET","path":"/c"}'].join('\n')
    const {code, stdout, stderr} = await batch(api, ['--ordered'], `${input}\n`)
    expect(code).toBe(1)
    const out = results(stdout)
    expect(out.map((r) => [r.line, r.status ?? 'error'])).toEqual([[1, 200], [2, 'error'], [4, 'error'], [5, 'error'], [6, 'error'], [7, 'error'], [8, 'error'], [9, 200]])
    expect(out[1]!.error).toMatch(/not valid JSON/)
    expect(out[3]).toMatchObject({id: 4, error: expect.stringMatching(/needs "method" and "path"/)})
    expect(out[4]).toMatchObject({id: 5, error: expect.stringMatching(/monitor_id; give each in "params"/)})
    expect(out[5]!.error).toMatch(/unknown key "pth"/)
    expect(out[6]).toMatchObject({id: 8, error: expect.stringMatching(/refusing to send credentials to https:\/\/evil\.example\.com/)})
    expect(stderr).toMatch(/^ddcli: 6 of 8 requests failed/m)
    expect(api.requests.map((r) => r.path)).toEqual(['/a', '/c'])
  })

  it('fails only its own line for an id or body too deep to write back, a non-ASCII header or a ".." parameter', async () => {
    const api = await server(() => ok())
    const input = [
      `{"id":${'['.repeat(200_000)}${']'.repeat(200_000)},"method":"GET","path":"/a"}`,
      `{"id":2,"method":"POST","path":"/a","body":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
      '{"id":3,"method":"GET","path":"/a","headers":{"X-Name":"caf\u00e9"}}',
      '{"id":4,"method":"DELETE","path":"/api/v1/dashboard/lists/manual/{list_id}/dashboards","params":{"list_id":".."}}',
      '{"id":5,"method":"GET","path":"/ok"}',
    ].join('\n')
    const {code, stdout, stderr} = await batch(api, ['--ordered'], `${input}\n`)
    expect(stderr).not.toMatch(/RangeError| {4}at /)
    expect(code).toBe(1)
    expect(results(stdout).map((r) => [r.line, r.status ?? r.error])).toEqual([
      [1, expect.stringMatching(/"id" is nested deeper than 512 levels/)],
      [2, expect.stringMatching(/"body" is nested deeper than 512 levels/)],
      [3, expect.stringMatching(/not ASCII/)],
      [4, expect.stringMatching(/list_id cannot be "\.\."/)],
      [5, 200],
    ])
    expect(api.requests.map((r) => r.path)).toEqual(['/ok'])
  })

  it('exits 1 when any request got HTTP >= 400, and writes every result', async () => {
    const api = await server((r) => (r.path === '/missing' ? {status: 404, body: '{"errors":["Not found"]}'} : ok()))
    const {code, stdout} = await batch(api, [], ndjson({method: 'GET', path: '/missing'}, {method: 'GET', path: '/fine'}))
    expect(code).toBe(1)
    expect(results(stdout).map((r) => r.status).sort()).toEqual([200, 404])
  })

  it('--dry-run prints each request with secrets masked and sends nothing', async () => {
    const api = await server(() => ok())
    const {code, stdout, stderr} = await batch(api, ['--dry-run'], ndjson({id: 1, method: 'POST', path: '/api/v1/events', body: {title: 'x', text: 'y'}, headers: {Authorization: 'Bearer owntoken0000000000000000zz'}}), {DD_BEARER_TOKEN: PAT})
    expect(code).toBe(0)
    const [line] = results(stdout)
    expect(line).toMatchObject({id: 1, line: 1, method: 'POST', url: `${api.url}/api/v1/events`, body: {title: 'x', text: 'y'}})
    expect((line!.headers as Record<string, string>)['DD-API-KEY']).toBe(`****${API_KEY.slice(-4)}`)
    expect(stdout.toString()).not.toContain('owntoken0000000000000000zz')
    expectNoSecrets(stdout.toString(), stderr)
    expect(api.requests).toHaveLength(0)
  })

  it("masks a request's own credential header when the server echoes it in a response header", async () => {
    const own = 'ownapikey0000000000000000000000zz'
    const api = await server((r) => ok({}, {'x-echo': `key ${String(r.headers['dd-api-key'])}`}))
    const {stdout} = await batch(api, [], ndjson({id: 1, method: 'GET', path: '/a', headers: {'DD-API-KEY': own}}))
    expect(api.requests[0]!.headers['dd-api-key']).toBe(own)
    expect(results(stdout)[0]).toMatchObject({id: 1, status: 200, headers: {'x-echo': 'key ****00zz'}})
  })

  it('masks a secret a server echoes in a response header', async () => {
    const api = await server(() => ok({}, {'x-echo': `key ${API_KEY}`, 'set-cookie': 'session=abcdef0123456789'}))
    const {stdout} = await batch(api, [], ndjson({method: 'GET', path: '/a'}))
    expectNoSecrets(stdout.toString())
    expect(stdout.toString()).not.toContain('abcdef0123456789')
  })
})

describe('batch --jq', () => {
  it.each([
    ['one output becomes the body', '.name', {name: 'cpu', id: 1}, '"cpu"'],
    ['an object built from the body, 64-bit numbers kept', '{id, big}', {name: 'cpu', id: 1, big: 2 ** 53}, '{"id":1,"big":9007199254740993}'],
    ['several outputs become an array', '.tags[]', {tags: ['a', 'b']}, '["a","b"]'],
    ['no output becomes an empty array', 'select(.id == 2)', {id: 1}, '[]'],
  ])('filters each body with the built-in jq: %s', async (_, filter, body, expected) => {
    // JSON.stringify rounds 2^53 + 1 down: the server sends the digits themselves, which jq must keep.
    const api = await server(() => ({status: 200, headers: {'content-type': 'application/json'}, body: JSON.stringify(body).replace('9007199254740992', '9007199254740993')}))
    const {code, stdout, stderr} = await batch(api, ['--jq', filter], ndjson({id: 'a', method: 'GET', path: '/api/v1/monitor/1'}))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout.toString()).toContain(`"status":200,`)
    expect(stdout.toString().trimEnd().endsWith(`"body":${expected}}`)).toBe(true)
  })

  it('makes a result whose body the filter fails on an error result, leaves error responses as received, and goes on', async () => {
    const api = await server((r) => {
      if (r.path.endsWith('/num')) return ok(42)
      if (r.path.endsWith('/gone')) return {status: 404, headers: {'content-type': 'application/json'}, body: '{"errors":["Not found"]}'}
      return ok({name: 'cpu'})
    })
    const {code, stdout} = await batch(api, ['--jq', '.name', '--ordered'], ndjson(
      {id: 1, method: 'GET', path: '/x/num'},
      {id: 2, method: 'GET', path: '/x/ok'},
      {id: 3, method: 'GET', path: '/x/gone'},
    ))
    expect(code).toBe(1)
    const out = results(stdout)
    expect(out[0]).toEqual({id: 1, line: 1, error: expect.stringMatching(/^HTTP 200, then --jq failed on the body: Cannot index number with/)})
    expect(out[1]).toMatchObject({id: 2, status: 200, body: 'cpu'})
    expect(out[2]).toMatchObject({id: 3, status: 404, body: {errors: ['Not found']}})
  })

  it('refuses a filter that does not compile before reading or sending anything', async () => {
    const api = await server(() => ok())
    const {code, stdout, stderr} = await batch(api, ['--jq', '.a |'], ndjson({id: 1, method: 'GET', path: '/a'}))
    expect(code).toBe(2)
    expect(stdout.toString()).toBe('')
    expect(stderr).toMatch(/^ddcli: --jq filter does not compile: .*; check the jq syntax\n$/)
    expect(api.requests).toHaveLength(0)
  })
})

describe('batch: concurrency, order and streaming', () => {
  it('keeps --concurrency requests in flight over as many keep-alive connections', async () => {
    let inflight = 0
    let peak = 0
    const api = await server(async () => {
      peak = Math.max(peak, ++inflight)
      await sleep(5)
      inflight--
      return ok()
    })
    const requests = Array.from({length: 200}, (_, i) => ({id: i, method: 'GET', path: `/api/v1/monitor/${i}`}))
    const {code, stdout} = await batch(api, ['--concurrency', '3'], ndjson(...requests))
    expect(code).toBe(0)
    expect(results(stdout)).toHaveLength(200)
    expect(peak).toBe(3)
    expect(api.connections).toBeLessThanOrEqual(3)
  })

  it('writes a slow answer last in completion order, and first with --ordered', async () => {
    const api = await server(async (r) => {
      if (r.path === '/slow') await sleep(700)
      return ok()
    })
    const input = ndjson({id: 'slow', method: 'GET', path: '/slow'}, {id: 'b', method: 'GET', path: '/b'}, {id: 'c', method: 'GET', path: '/c'})
    const free = await batch(api, [], input)
    expect(results(free.stdout).at(-1)!.id).toBe('slow')
    const ordered = await batch(api, ['--ordered'], input)
    expect(results(ordered.stdout).map((r) => r.id)).toEqual(['slow', 'b', 'c'])
  })

  it('times out a hanging request as an error result while the others go on', async () => {
    const api = await server((r) => (r.path === '/hang' ? new Promise(() => {}) : ok()))
    const {code, stdout} = await batch(api, ['--timeout', '1', '--retries', '0'], ndjson({id: 1, method: 'GET', path: '/hang'}, {id: 2, method: 'GET', path: '/b'}))
    expect(code).toBe(1)
    const out = results(stdout)
    expect(out.map((r) => r.id)).toEqual([2, 1])
    expect(out[1]!.error).toMatch(/^no response from 127\.0\.0\.1:\d+: .*time/i)
  })

  it('sends requests while stdin is still open, and writes results as they come', async () => {
    const api = await server(() => ok())
    const dir = await makeTempDir()
    const child = spawn(cliCommand, [...cliPrefix, 'batch', '--api-url', api.url], {env: {PATH: process.env.PATH ?? '', HOME: dir, DDCLI_CONFIG_DIR: dir, DD_API_KEY: API_KEY}, stdio: ['pipe', 'pipe', 'pipe']})
    let out = ''
    child.stdout.on('data', (c: Buffer) => { out += c.toString() })
    child.stdin.write(ndjson({id: 1, method: 'GET', path: '/one'}, {id: 2, method: 'GET', path: '/two'}))
    await api.expectRequests(2, 10_000)
    for (let i = 0; i < 100 && out.split('\n').length < 3; i++) await sleep(50)
    expect(results(Buffer.from(out)).map((r) => r.id).sort()).toEqual([1, 2])
    child.stdin.end(ndjson({id: 3, method: 'GET', path: '/three'}))
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
    expect(results(Buffer.from(out))).toHaveLength(3)
  })

  // The single executable starts about 40 MB higher and stays flat there (measured: 174 MB for 100,000 and for
  // 300,000 lines, node bin/run.js 135 MB for both): its snapshot's heap and the pages of its blob, not per line.
  const peakLimitMb = exePath ? 200 : 150
  it(`runs 100,000 requests through the pipeline in flat memory (dry run), peak RSS under ${peakLimitMb} MB`, async () => {
    const dir = await makeTempDir()
    const file = join(dir, 'requests.ndjson')
    await writeFile(file, Array.from({length: 100_000}, (_, i) => `{"id":${i},"operation":"GetMonitor","params":{"monitor_id":${i}},"headers":{"X-Pad":"${'p'.repeat(200)}"}}\n`).join(''))
    const child = spawn(cliCommand, [...cliPrefix, 'batch', '--dry-run', '--input', file, '--api-url', 'http://127.0.0.1:9'], {env: {PATH: process.env.PATH ?? '', HOME: dir, DDCLI_CONFIG_DIR: dir, DD_API_KEY: API_KEY}, stdio: ['ignore', 'pipe', 'pipe']})
    let lines = 0
    child.stdout.on('data', (c: Buffer) => { for (const byte of c) if (byte === 10) lines++ })
    let peakKb = 0
    const poll = setInterval(() => {
      void readFile(`/proc/${child.pid}/status`, 'utf8').then((status) => {
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0))
      }, () => {})
    }, 50)
    const code = await new Promise((resolve) => child.on('close', resolve))
    clearInterval(poll)
    expect(code).toBe(0)
    expect(lines).toBe(100_000)
    if (process.platform === 'linux') {
      expect(peakKb).toBeGreaterThan(0)
      expect(peakKb).toBeLessThan(peakLimitMb * 1024)
    }
  }, 120_000)
})

// Rate-limit pacing is tested in process with a clock whose waits take no time: test/batch/pacing.test.ts.

describe('batch: retries and failures', () => {
  it('retries a GET after a 503 as call does, but not a POST', async () => {
    let gets = 0
    const api = await server((r) => {
      if (r.method === 'GET' && ++gets <= 2) return {status: 503, body: 'busy'}
      if (r.method === 'POST') return {status: 503, body: 'busy'}
      return ok()
    })
    const {code, stdout} = await batch(api, ['--ordered'], ndjson({id: 'get', method: 'GET', path: '/a'}, {id: 'post', method: 'POST', path: '/b', body: {}}))
    expect(code).toBe(1)
    expect(results(stdout).map((r) => [r.id, r.status])).toEqual([['get', 200], ['post', 503]])
    expect(api.requests.filter((r) => r.method === 'GET')).toHaveLength(3)
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  }, 30_000)

  it('gives a request with no response an error result naming the cause', async () => {
    const closed = await startServer()
    const url = closed.url
    await closed.close()
    const {code, stdout} = await run(['batch', '--api-url', url, '--retries', '0'], {env: {DD_API_KEY: API_KEY}, stdin: ndjson({id: 1, method: 'GET', path: '/a'})})
    expect(code).toBe(1)
    expect(results(stdout)).toEqual([{id: 1, line: 1, error: expect.stringMatching(/^no response from 127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\)$/)}])
  })

  it('retries a request with no response as call does, then names the cause and the attempts', async () => {
    const closed = await startServer()
    const url = closed.url
    await closed.close()
    const {code, stdout} = await run(['batch', '--api-url', url, '--retries', '1'], {env: {DD_API_KEY: API_KEY}, stdin: ndjson({id: 1, method: 'GET', path: '/a'})})
    expect(code).toBe(1)
    expect(results(stdout)).toEqual([{id: 1, line: 1, error: expect.stringMatching(/^no response from 127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\), gave up after 2 attempts$/)}])
  })

  it('on Ctrl-C writes the in-flight requests as interrupted and exits 130, even with stdin still open', async () => {
    const api = await server(() => new Promise(() => {}))
    const dir = await makeTempDir()
    const child = spawn(cliCommand, [...cliPrefix, 'batch', '--api-url', api.url], {env: {PATH: process.env.PATH ?? '', HOME: dir, DDCLI_CONFIG_DIR: dir, DD_API_KEY: API_KEY}, stdio: ['pipe', 'pipe', 'pipe']})
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => { out += c.toString() })
    child.stderr.on('data', (c: Buffer) => { err += c.toString() })
    child.stdin.write(ndjson({id: 1, method: 'GET', path: '/a'}, {id: 2, method: 'GET', path: '/b'}, {id: 3, method: 'GET', path: '/c'}))
    await api.expectRequests(3, 10_000)
    child.kill('SIGINT')
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code).toBe(130)
    expect(results(Buffer.from(out)).map((r) => [r.id, r.error]).sort()).toEqual([[1, 'interrupted'], [2, 'interrupted'], [3, 'interrupted']])
    expect(err).toBe('ddcli: interrupted\n')
  })
})

describe.skipIf(!haveScript)('batch: progress on a terminal', () => {
  it('shows done/total and in-flight on a terminal stderr, and nothing on a piped one', async () => {
    const api = await server(async () => {
      await sleep(150)
      return ok()
    })
    const dir = await makeTempDir()
    const file = join(dir, 'requests.ndjson')
    await writeFile(file, ndjson(...Array.from({length: 8}, (_, i) => ({id: i, method: 'GET', path: `/p/${i}`}))))
    const {terminal, stdout} = await runInTerminal(['batch', '--input', file, '--concurrency', '2', '--api-url', api.url], {env: {DD_API_KEY: API_KEY}, redirect: 'stdout'})
    expect(terminal).toMatch(/ddcli: [1-7]\/8 done, [0-2] in flight/)
    expect(terminal.replace(/\r/g, '')).not.toMatch(/[^\n]ddcli: 8\/8 done.*\n.*\{/)
    expect((stdout ?? '').trimEnd().split('\n')).toHaveLength(8)
    const piped = await run(['batch', '--input', file, '--api-url', api.url], {env: {DD_API_KEY: API_KEY}})
    expect(piped.code).toBe(0)
    expect(piped.stderr).toBe('')
  }, 30_000)
})

describe.skipIf(!haveScript)('batch: results on a terminal', () => {
  // Valid JSON may carry bidi overrides and zero-width characters raw in its strings; a text body is kept as a string.
  const BIDI = '\u202egnp.exe\u200b'
  const hostile = (request: RecordedRequest): CannedResponse => (request.path === '/json'
    ? {status: 200, headers: {'content-type': 'application/json', 'x-c1': 'a\u009b31m'}, body: `{"name":"${BIDI}"}`}
    : {status: 200, headers: {'content-type': 'text/plain'}, body: `text ${BIDI}`})

  it('escapes the bidi and invisible characters of bodies as \\uXXXX, so each line stays the same JSON', async () => {
    const api = await server(hostile)
    const dir = await makeTempDir()
    const file = join(dir, 'requests.ndjson')
    await writeFile(file, ndjson({id: 1, method: 'GET', path: '/json'}, {id: 2, method: 'GET', path: '/text'}))
    const {terminal, code} = await runInTerminal(['batch', '--input', file, '--ordered', '--api-url', api.url], {env: {DD_API_KEY: API_KEY}, redirect: 'stderr'})
    expect(code).toBe(0)
    const lines = terminal.trimEnd().split('\r\n')
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>).map((r) => r.body)).toEqual([{name: BIDI}, `text ${BIDI}`])
    expect(lines[0]).toContain('"name":"\\u202egnp.exe\\u200b"')
    // Node's test server writes the header as UTF-8, which the client reads as latin1: a C1 CSI after an Â.
    expect(lines[0]).toContain('"x-c1":"a\u00c2\\u009b31m"')
    expect(terminal).not.toMatch(/[\u0080-\u009f\u200b\u202e]/)
  })

  it('keeps them raw when stdout is piped', async () => {
    const api = await server(hostile)
    const {stdout, code} = await batch(api, ['--ordered'], ndjson({id: 1, method: 'GET', path: '/json'}, {id: 2, method: 'GET', path: '/text'}))
    expect(code).toBe(0)
    expect(stdout.toString('utf8').split('\n').slice(0, 2)).toEqual([
      expect.stringContaining(`"body":{"name":"${BIDI}"}`),
      expect.stringContaining(`"body":${JSON.stringify(`text ${BIDI}`)}`),
    ])
  })
})
