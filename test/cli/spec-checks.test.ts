import {mkdir, rm, truncate, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {makeTempDir} from '../helpers/cli.js'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

// What the spec settles before anything is sent (issues 18 and 21): placeholders only in the path, a method the path
// does not have, a body that is not JSON; and what --no-validate and `config set validate false` let through.

const API_KEY = 'speccheckapikey00000000000000c9d0'
const env = {DD_API_KEY: API_KEY, DD_APP_KEY: 'speccheckappkey0000000000000000000000e1f2'}

let server: TestServer
let dir: string
beforeEach(async () => { dir = await makeTempDir('ddcli-spec-checks-') })
afterEach(async () => {
  await server?.close()
  await rm(dir, {recursive: true, force: true})
})

const ok = (body = '{"ok":true}') => ({status: 200, headers: {'content-type': 'application/json'}, body})
const call = (args: string[], options: {stdin?: string | Buffer, env?: Record<string, string>} = {}) =>
  run(['call', ...args, '--api-url', server.url], {env: {...env, ...options.env}, stdin: options.stdin})
const batch = (lines: unknown[], args: string[] = []) =>
  run(['batch', '--api-url', server.url, ...args], {env, stdin: lines.map((line) => `${typeof line === 'string' ? line : JSON.stringify(line)}\n`).join('')})
const results = (stdout: Buffer) => stdout.toString().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)

const METRIC_QUERY = '/api/v1/query?from=1&to=2&query=avg:system.cpu.user{*}by{host}'

describe('placeholders are filled in the path only; the query string is sent as typed', () => {
  it.each([
    {name: 'METHOD PATH', args: ['GET', METRIC_QUERY], url: METRIC_QUERY},
    {name: 'the path alone', args: [METRIC_QUERY], url: METRIC_QUERY},
    {name: 'a path placeholder filled next to braces in the query', args: ['GET', '/api/v1/monitor/{monitor_id}?group_states={all}', '-p', 'monitor_id=5'], url: '/api/v1/monitor/5?group_states={all}'},
    {name: 'braces in a fragment-free query with fields added', args: ['GET', '/api/v1/query?query=avg:x{*}by{host}', '-f', 'from=1'], url: '/api/v1/query?query=avg:x{*}by{host}&from=1'},
    {name: 'an operationId whose field holds braces', args: ['QueryMetrics', '-f', 'from=1', '-f', 'to=2', '-f', 'query=avg:x{*}by{host}'], url: '/api/v1/query?from=1&to=2&query=avg%3Ax%7B*%7Dby%7Bhost%7D'},
  ])('sends $name', async ({args, url}) => {
    server = await startServer([ok()])
    const result = await call(args)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect((await server.expectRequests(1))[0]!.url).toBe(url)
  })

  it('sends a URL on the API host with braces in its query', async () => {
    server = await startServer([ok()])
    const result = await call(['GET', `${server.url}${METRIC_QUERY}`])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect((await server.expectRequests(1))[0]!.url).toBe(METRIC_QUERY)
  })

  it.each([
    {name: '--dry-run', flag: '--dry-run', shows: `GET ORIGIN${METRIC_QUERY}\n`},
    {name: '--curl', flag: '--curl', shows: `'ORIGIN${METRIC_QUERY}'`},
  ])('shows the query as typed with $name, sending nothing', async ({flag, shows}) => {
    server = await startServer([])
    const result = await call(['GET', METRIC_QUERY, flag])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toContain(shows.replace('ORIGIN', server.url))
    expect(server.requests).toHaveLength(0)
  })

  it('keeps the query as typed on every page of --paginate', async () => {
    server = await startServer((request) => {
      const cursor = new URLSearchParams(request.query).get('page[cursor]')
      return ok(cursor ? '{"data":[2]}' : '{"data":[1],"meta":{"page":{"after":"c2"}}}')
    })
    const result = await call(['GET', '/api/v2/logs/events?filter[query]=@tags:{a,b}', '--paginate', '--page-size', '1'])
    expect(result.stderr).toBe('')
    expect(result.stdout.toString()).toBe('1\n2\n')
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v2/logs/events?filter[query]=@tags:{a,b}&page%5Blimit%5D=1',
      '/api/v2/logs/events?filter[query]=@tags:{a,b}&page%5Blimit%5D=1&page%5Bcursor%5D=c2',
    ])
  })

  it('sends a batch line whose path has braces in its query', async () => {
    server = await startServer([ok()])
    const result = await batch([{id: 1, method: 'GET', path: METRIC_QUERY}])
    expect(result.code).toBe(0)
    expect(results(result.stdout)[0]).toMatchObject({id: 1, status: 200})
    expect((await server.expectRequests(1))[0]!.url).toBe(METRIC_QUERY)
  })

  it.each([
    {name: 'an unfilled placeholder in the path', args: ['GET', '/api/v1/monitor/{monitor_id}?q={x}'], message: 'ddcli: PATH has unfilled placeholders monitor_id; pass each with -p name=value\n'},
    {name: '-p for a name only the query holds', args: ['GET', '/api/v1/query?query={host}', '-p', 'host=web'], message: 'ddcli: PATH has no path parameter host; write {host} in PATH where it goes, or drop -p host\n'},
  ])('still refuses $name, sending nothing', async ({args, message}) => {
    server = await startServer([])
    const result = await call(args)
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 2, stderr: message})
    expect(server.requests).toHaveLength(0)
  })
})

describe('a method the path does not have', () => {
  const DELETE_MONITOR = 'ddcli: the spec has no DELETE /api/v1/monitor: that path has ListMonitors (GET), CreateMonitor (POST); DELETE is at DeleteMonitor: DELETE /api/v1/monitor/{monitor_id}; fix the method or path, or send it anyway with --no-validate\n'

  it.each([
    {name: 'a plain run', extra: []},
    {name: '--dry-run', extra: ['--dry-run']},
    {name: '--curl', extra: ['--curl']},
    {name: '-X with the path alone', extra: [], args: ['-X', 'DELETE', '/api/v1/monitor']},
  ])('is refused before sending, naming the operations nearby: $name', async ({extra, args}) => {
    server = await startServer([ok()])
    const result = await call([...(args ?? ['DELETE', '/api/v1/monitor']), ...extra])
    expect({code: result.code, stdout: result.stdout.toString(), stderr: result.stderr}).toEqual({code: 2, stdout: '', stderr: DELETE_MONITOR})
    expect(server.requests).toHaveLength(0)
  })

  it('names the methods of a path with no operation of that method nearby', async () => {
    server = await startServer([])
    const result = await call(['POST', '/api/v1/validate'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('ddcli: the spec has no POST /api/v1/validate: that path has Validate (GET); fix the method or path, or send it anyway with --no-validate\n')
    expect(server.requests).toHaveLength(0)
  })

  it.each([
    {name: 'HEAD where the path has a GET', args: ['HEAD', '/api/v1/validate'], method: 'HEAD'},
    {name: 'OPTIONS, which the spec never lists', args: ['OPTIONS', '/api/v1/monitor'], method: 'OPTIONS'},
    {name: 'a path the index does not know', args: ['DELETE', '/api/v2/nothing/here'], method: 'DELETE'},
    {name: 'a last segment that only fills a parameter (a literal the spec may lack, recorded with a 2xx)', args: ['POST', '/api/v2/statuspages/p1/degradations/backfill'], method: 'POST'},
    {name: 'an operation the spec lacks, recorded with a 2xx (ListWorkflows)', args: ['GET', '/api/v2/workflows'], method: 'GET'},
  ])('lets through $name', async ({args, method}) => {
    server = await startServer([ok()])
    const result = await call(args)
    expect(result.code).toBe(0)
    expect((await server.expectRequests(1))[0]!.method).toBe(method)
  })

  it.each([
    {name: '--no-validate', extra: ['--no-validate'], config: undefined},
    {name: 'the profile setting validate false', extra: [], config: 'false'},
  ])('is sent with $name, and a 404 then never suggests the path just sent', async ({extra, config}) => {
    server = await startServer([{status: 404, headers: {'content-type': 'application/json'}, body: '{"errors":["Not found"]}'}])
    const configDir = join(dir, 'config')
    if (config) {
      await mkdir(configDir, {recursive: true})
      await writeFile(join(configDir, 'config.json'), JSON.stringify({profiles: {default: {validate: config}}}), {mode: 0o600})
    }
    const result = await call(['DELETE', '/api/v1/monitor', ...extra], config ? {env: {DDCLI_CONFIG_DIR: configDir}} : {})
    expect(result.code).toBe(1)
    expect((await server.expectRequests(1))[0]!.method).toBe('DELETE')
    expect(result.stderr).toBe('ddcli: HTTP 404 Not Found: Not found; the spec has ListMonitors (GET), CreateMonitor (POST) on this path, and DELETE at DeleteMonitor: DELETE /api/v1/monitor/{monitor_id}\n')
  })

  it('answers a 405 for a method a parameter path lacks with the methods the path has', async () => {
    server = await startServer([{status: 405, headers: {'content-type': 'application/json'}, body: '{"errors":["Method Not Allowed"]}'}])
    const result = await call(['PATCH', '/api/v1/monitor/123'])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('ddcli: HTTP 405 Method Not Allowed: Method Not Allowed; the spec has GetMonitor (GET), UpdateMonitor (PUT), DeleteMonitor (DELETE) on this path\n')
  })

  it.each([404, 405])('answers a %i on a path the index does not know with close paths, never the path sent', async (status) => {
    server = await startServer([{status, headers: {'content-type': 'application/json'}, body: '{"errors":["nope"]}'}])
    const result = await call(['GET', '/api/v1/monitors'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/; did you mean: \/api\/v1\/monitor(, |\n)/)
    expect(result.stderr).not.toMatch(/did you mean: [^\n]*\/api\/v1\/monitors[,\n]/)
  })

  it('fails only that line of a batch, and sends it with --no-validate', async () => {
    server = await startServer((request) => ok(`{"m":"${request.method}"}`))
    const lines = [{id: 1, method: 'DELETE', path: '/api/v1/monitor'}, {id: 2, method: 'GET', path: '/api/v1/validate'}]
    const refused = await batch(lines, ['--ordered'])
    expect(refused.code).toBe(1)
    expect(results(refused.stdout)).toEqual([
      {id: 1, line: 1, error: 'the spec has no DELETE /api/v1/monitor: that path has ListMonitors (GET), CreateMonitor (POST); DELETE is at DeleteMonitor: DELETE /api/v1/monitor/{monitor_id}; fix the method or path, or send it anyway with --no-validate'},
      expect.objectContaining({id: 2, status: 200}),
    ])
    expect(server.requests.map((r) => r.method)).toEqual(['GET'])
    const sent = await batch(lines, ['--ordered', '--no-validate'])
    expect(sent.code).toBe(0)
    expect(server.requests.map((r) => r.method).sort()).toEqual(['DELETE', 'GET', 'GET'])
  })
})

describe('a body that is not JSON', () => {
  const fix = "; fix it, or send it as it is with --no-validate (or a non-JSON -H 'Content-Type: ...')\n"

  it.each([
    {name: 'an object with a bare key', body: '{bad', where: 'line 1, column 2: expected a property name in double quotes, found "b"'},
    {name: 'a trailing comma on line 3', body: '{\n  "title": "x",\n  "text": "y",\n}', where: 'line 4, column 1: expected a property name after the comma, found "}" (JSON allows no trailing comma)'},
    {name: 'single quotes', body: "{'title': 'x'}", where: `line 1, column 2: expected a property name in double quotes, found "'"`},
    {name: 'two values', body: '{"a":1}\n{"a":2}\n', where: 'line 2, column 1: expected the end after the JSON value, found "{" (one body holds one value)'},
    {name: 'an empty file', body: '', where: 'line 1, column 1: the body is empty'},
    {name: 'a truncated body', body: '{"title":"deploy', where: 'line 1, column 17: expected the closing double quote of a string, found the end'},
    {name: 'a Latin-1 byte, which Datadog would get as U+FFFD', body: Buffer.from([...Buffer.from('{"title":"caf'), 0xe9, ...Buffer.from('"}')]), where: 'line 1, column 14: byte 0xE9 is not UTF-8, which JSON is sent as (a Latin-1 or Windows-1252 file?); save it as UTF-8'},
    {name: 'UTF-16 text', body: Buffer.from([0xff, 0xfe, ...Buffer.from('{"title":"x"}', 'utf16le')]), where: 'line 1, column 1: the text is UTF-16 (its byte order mark says so), and JSON is sent as UTF-8; save it as UTF-8'},
  ])('refuses $name in an --input file, naming the file, line and column; nothing sent', async ({body, where}) => {
    server = await startServer([ok()])
    const file = join(dir, 'bad.json')
    await writeFile(file, body)
    for (const extra of [[], ['--dry-run'], ['--curl']]) {
      const result = await call(['POST', '/api/v1/events', '--input', file, ...extra])
      expect({code: result.code, stdout: result.stdout.toString(), stderr: result.stderr}).toEqual({code: 2, stdout: '', stderr: `ddcli: --input ${file} is not JSON: ${where}${fix}`})
    }
    expect(server.requests).toHaveLength(0)
  })

  it('refuses a body from stdin, naming stdin', async () => {
    server = await startServer([ok()])
    const result = await call(['POST', '/api/v1/events', '--input', '-'], {stdin: '{"title": "x"\n  "text": "y"}'})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(`ddcli: --input stdin is not JSON: line 2, column 3: expected "," or "}", found "\\""${fix}`)
    expect(server.requests).toHaveLength(0)
  })

  it('never quotes the body in the error, which may hold a secret', async () => {
    server = await startServer([])
    const result = await call(['POST', '/api/v1/events', '--input', '-'], {stdin: `{"key": "${API_KEY}" oops}`})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(`ddcli: --input stdin is not JSON: line 1, column 45: expected "," or "}", found "o"${fix}`)
  })

  it.each([
    {name: 'a non-JSON Content-Type, from a file', args: ['-H', 'Content-Type: text/plain'], stdin: false, type: 'text/plain'},
    {name: 'a non-JSON Content-Type, from stdin, still streamed', args: ['-H', 'content-type: application/x-ndjson'], stdin: true, type: 'application/x-ndjson'},
    {name: '--no-validate, from a file', args: ['--no-validate'], stdin: false, type: 'application/json'},
    {name: '--no-validate, from stdin, still streamed', args: ['--no-validate'], stdin: true, type: 'application/json'},
  ])('sends the bytes as they are with $name', async ({args, stdin, type}) => {
    server = await startServer([ok()])
    const body = '{bad\n{worse'
    const file = join(dir, 'raw.txt')
    await writeFile(file, body)
    const result = await call(['POST', '/api/v1/events', '--input', stdin ? '-' : file, ...args], {stdin: body})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.body.toString()).toBe(body)
    expect(request!.headers['content-type']).toBe(type)
    expect(request!.headers[stdin ? 'transfer-encoding' : 'content-length']).toBe(stdin ? 'chunked' : String(body.length))
  })

  it('checks a +json Content-Type as JSON', async () => {
    server = await startServer([])
    const result = await call(['POST', '/api/v1/events', '--input', '-', '-H', 'Content-Type: application/vnd.api+json; charset=utf-8'], {stdin: '{bad'})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^ddcli: --input stdin is not JSON: line 1, column 2/)
    expect(server.requests).toHaveLength(0)
  })

  it('sends valid JSON from a file by path, and from stdin read whole', async () => {
    server = await startServer([ok(), ok()])
    const body = '{"title":"deploy","text":"é"}\n'
    const file = join(dir, 'ok.json')
    await writeFile(file, body)
    expect((await call(['POST', '/api/v1/events', '--input', file])).code).toBe(0)
    expect((await call(['POST', '/api/v1/events', '--input', '-'], {stdin: body})).code).toBe(0)
    const requests = await server.expectRequests(2)
    expect(requests.map((r) => r.body.toString())).toEqual([body, body])
    expect(requests.map((r) => r.headers['content-length'])).toEqual([String(Buffer.byteLength(body)), String(Buffer.byteLength(body))])
  })

  it('shows a valid file body by name in --curl', async () => {
    server = await startServer([])
    const file = join(dir, 'ok.json')
    await writeFile(file, '{}')
    const result = await call(['POST', '/api/v1/events', '--input', file, '--curl'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toContain(`@${file}`)
  })

  it('refuses a JSON body over 16 MiB from stdin, which cannot be read twice, pointing to --no-validate', async () => {
    server = await startServer([])
    const result = await call(['POST', '/api/v1/events', '--input', '-'], {stdin: Buffer.alloc(16 * 1024 * 1024 + 1, 0x20)})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe("ddcli: --input stdin is larger than 16 MiB, the most ddcli reads to check that a body is JSON; send it unchecked with --no-validate (or a non-JSON -H 'Content-Type: ...')\n")
    expect(server.requests).toHaveLength(0)
  })

  it('streams a file over 16 MiB unchecked, by its size and unread, with a note', async () => {
    server = await startServer([ok()])
    const file = join(dir, 'big.json')
    await writeFile(file, '')
    await truncate(file, 16 * 1024 * 1024 + 1)
    const result = await call(['POST', '/api/v1/events', '--input', file])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(`ddcli: note: --input ${file} is larger than 16 MiB, the most ddcli reads to check that a body is JSON; sent unchecked\n`)
    expect((await server.expectRequests(1))[0]!.headers['content-length']).toBe(String(16 * 1024 * 1024 + 1))
  })

  describe('in a batch line', () => {
    it.each([
      {name: 'a string holding JSON text', body: '{"name":"cpu"}', error: '"body" is a string holding JSON text, which would be sent as one JSON string; give the JSON value itself, not a string (or send the string with --no-validate)'},
      {name: 'a string holding broken JSON', body: '{"name":"cpu",}', error: '"body" is a string and not JSON either (line 1, column 15: expected a property name after the comma, found "}" (JSON allows no trailing comma)); give the JSON value itself, not a string (or send the string with --no-validate)'},
    ])('fails the line of $name, sending nothing for it', async ({body, error}) => {
      server = await startServer([ok()])
      const result = await batch([{id: 1, method: 'POST', path: '/api/v1/events', body}])
      expect(result.code).toBe(1)
      expect(results(result.stdout)).toEqual([{id: 1, line: 1, error}])
      expect(server.requests).toHaveLength(0)
    })

    it('sends a string body as its bytes under a non-JSON Content-Type, and as a JSON string with --no-validate', async () => {
      server = await startServer([ok(), ok()])
      const result = await batch([
        {id: 1, method: 'POST', path: '/api/v2/logs', body: 'plain {text}', headers: {'Content-Type': 'text/plain'}},
      ])
      expect(result.code).toBe(0)
      const unchecked = await batch([{id: 2, method: 'POST', path: '/api/v1/events', body: '{"a":1}'}], ['--no-validate'])
      expect(unchecked.code).toBe(0)
      const requests = await server.expectRequests(2)
      expect(requests.map((r) => [r.headers['content-type'], r.body.toString()])).toEqual([['text/plain', 'plain {text}'], ['application/json', '"{\\"a\\":1}"']])
    })

    it('says at which column a line stops being JSON, without quoting it', async () => {
      server = await startServer([])
      const result = await batch([`{"id":1,"method":"GET","path":"/x","body":{"k":"${API_KEY}",}}`])
      expect(result.code).toBe(1)
      expect(results(result.stdout)).toEqual([{line: 1, error: 'not valid JSON (column 84: expected a property name after the comma, found "}" (JSON allows no trailing comma)); write one JSON object per line'}])
      expect(result.stdout.toString()).not.toContain(API_KEY)
    })
  })
})

describe('a batch line that is not UTF-8', () => {
  it('is that line\'s error, naming the byte and column, and is not sent with U+FFFD in place of the byte', async () => {
    server = await startServer([ok()])
    const line = Buffer.from([...Buffer.from('{"id":1,"method":"POST","path":"/api/v1/events","body":{"title":"caf'), 0xe9, ...Buffer.from('","text":"x"}}\n')])
    const good = Buffer.from('{"id":2,"method":"POST","path":"/api/v1/events","body":{"title":"café","text":"x"}}\n')
    const result = await run(['batch', '--api-url', server.url], {env, stdin: Buffer.concat([line, good])})
    expect(result.code).toBe(1)
    expect(results(result.stdout)).toEqual([
      {line: 1, error: 'column 69: byte 0xE9 is not UTF-8, which JSON is sent as (a Latin-1 or Windows-1252 file?); save it as UTF-8'},
      expect.objectContaining({id: 2, status: 200}),
    ])
    const requests = await server.expectRequests(1)
    expect(requests[0]!.body.toString()).toBe('{"title":"café","text":"x"}')
  })
})

describe('a huge PATH in a refusal', () => {
  it('is cut in the message, and nothing is sent', async () => {
    server = await startServer([])
    const id = 'x'.repeat(200_000)
    const result = await call(['DELETE', `/api/v1/monitor/${id}/downtimes`])
    expect(result.code).toBe(2)
    expect(result.stderr.length).toBeLessThan(600)
    // Cut at a word boundary (a cut word may be part of a secret): the 200,000 x's are one word, left out whole.
    expect(result.stderr).toMatch(/^ddcli: the spec has no DELETE \/api\/v1\/monitor\/\.\.\.: that path has ListMonitorDowntimes \(GET\); DELETE is at DeleteMonitor: /)
    expect(server.requests).toHaveLength(0)
  })
})
