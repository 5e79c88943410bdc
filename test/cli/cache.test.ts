import {chmod, mkdtemp, readdir, readFile, rm, stat, utimes} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {evict} from '../../src/call/cache-store.js'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

// gh api --cache: an identical GET within the TTL is answered from a local cache. Every run gets a fresh HOME, so
// the cache lives under an XDG_CACHE_HOME the runs share.

const API_KEY = 'cacheapikey00000000000000000e5f6'
const APP_KEY = 'cacheappkey00000000000000000000000000a7b8'
const OTHER_APP_KEY = 'otherappkey00000000000000000000000000c9d0'

let server: TestServer
let xdg: string
let env: Record<string, string>
beforeEach(async () => {
  xdg = await mkdtemp(join(tmpdir(), 'ddcli-cache-'))
  env = {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY, XDG_CACHE_HOME: xdg}
})
afterEach(async () => {
  await server?.close()
  await rm(xdg, {recursive: true, force: true})
})

const dir = () => join(xdg, 'ddcli', 'responses')
const entries = async () => (await readdir(dir())).filter((name) => /^[0-9a-f]{64}$/.test(name))
const json = (body: string, headers: Record<string, string> = {}) => ({status: 200, headers: {'content-type': 'application/json', 'x-answer': 'live', ...headers}, body})
const call = (args: string[], extra: Record<string, string> = {}) => run(['call', ...args, '--api-url', server.url], {env: {...env, ...extra}})

describe('--cache, as gh api --cache', () => {
  it('answers the second identical GET from the cache, printing exactly what the live answer printed', async () => {
    server = await startServer([json('{"n":1}', {'x-ratelimit-limit': '100'})])
    const first = await call(['GET', '/api/v1/monitor?x=1', '--cache', '5m', '-i', '--verbose'])
    const second = await call(['GET', '/api/v1/monitor?x=1', '--cache', '5m', '-i', '--verbose'])
    expect(first.code).toBe(0)
    expect(second.code).toBe(0)
    await server.expectRequests(1)
    expect(second.stdout.equals(first.stdout)).toBe(true)
    expect(first.stdout.toString()).toMatch(/^HTTP\/1\.1 200 OK\r?\n[\s\S]*x-answer: live[\s\S]*\{"n":1\}$/)
    expect(first.stderr).toContain('* cache miss\n')
    expect(first.stderr).toMatch(/\* cache: stored 7 bytes\n/)
    expect(second.stderr).toMatch(/\* cache hit: stored \d+(\.\d+)? (ms|s) ago, within --cache 5m; nothing sent\n/)
    expect(second.stderr).toContain('< HTTP/1.1 200 OK (0 ms)\n')
    expect(second.stderr).not.toContain('> GET')
  })

  it('says nothing about the cache without --verbose', async () => {
    server = await startServer([json('{}')])
    expect((await call(['GET', '/api/v1/monitor', '--cache', '1m'])).stderr).toBe('')
    expect((await call(['GET', '/api/v1/monitor', '--cache', '1m'])).stderr).toBe('')
    await server.expectRequests(1)
  })

  it.each<{name: string, second: string[], extra?: Record<string, string>}>([
    {name: 'another query string', second: ['GET', '/api/v1/monitor?x=2']},
    {name: 'another Accept', second: ['GET', '/api/v1/monitor?x=1', '-H', 'Accept: text/plain']},
    {name: 'another header', second: ['GET', '/api/v1/monitor?x=1', '-H', 'X-Trace: 1']},
    {name: 'other credentials', second: ['GET', '/api/v1/monitor?x=1'], extra: {DD_APP_KEY: OTHER_APP_KEY}},
    {name: 'another API URL path', second: ['GET', '/api/v1/monitor/?x=1']},
  ])('sends again for $name', async ({second, extra}) => {
    server = await startServer([json('{"n":1}'), json('{"n":2}')])
    expect((await call(['GET', '/api/v1/monitor?x=1', '--cache', '5m'])).code).toBe(0)
    const again = await call([...second, '--cache', '5m'], extra)
    expect(again.code).toBe(0)
    expect(again.stdout.toString()).toBe('{"n":2}')
    await server.expectRequests(2)
  })

  it('does not serve an entry older than the TTL', async () => {
    server = await startServer([json('{"n":1}'), json('{"n":2}')])
    await call(['GET', '/api/v1/monitor', '--cache', '1h'])
    const [name] = await entries()
    const past = new Date(Date.now() - 61_000)
    await utimes(join(dir(), name!), past, past)
    const stale = await call(['GET', '/api/v1/monitor', '--cache', '1m', '--verbose'])
    expect(stale.stdout.toString()).toBe('{"n":2}')
    expect(stale.stderr).toContain('* cache miss\n')
    // The fresh answer replaced it: a third call within the TTL gets {"n":2}.
    expect((await call(['GET', '/api/v1/monitor', '--cache', '1m'])).stdout.toString()).toBe('{"n":2}')
    await server.expectRequests(2)
  })

  it.each([
    {status: 404, code: 1},
    {status: 500, code: 1},
    {status: 301, code: 1},
    {status: 429, code: 1},
  ])('never stores an HTTP $status', async ({status, code}) => {
    const answer = {status, headers: {'content-type': 'application/json', location: 'https://elsewhere.example/'}, body: '{"errors":["no"]}'}
    server = await startServer([answer, answer])
    const first = await call(['GET', '/api/v1/monitor', '--cache', '5m', '--retries', '0', '--verbose'])
    expect(first.code).toBe(code)
    expect(first.stderr).toMatch(/\* cache: not stored \((HTTP \d+|not the API's answer)\)\n/)
    await call(['GET', '/api/v1/monitor', '--cache', '5m', '--retries', '0'])
    await server.expectRequests(2)
    expect(await entries()).toEqual([])
  })

  it.each([
    {name: 'a POST search', args: ['POST', '/api/v2/logs/events/search', '-F', 'filter[query]=*']},
    {name: 'a DELETE', args: ['DELETE', '/api/v1/monitor/1']},
    {name: 'a HEAD', args: ['HEAD', '/api/v1/validate']},
  ])('never answers nor stores $name', async ({args}) => {
    server = await startServer([json('{}'), json('{}')])
    const first = await call([...args, '--cache', '5m', '--verbose'])
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/\* cache: not used for (POST|DELETE|HEAD)/)
    await call([...args, '--cache', '5m'])
    await server.expectRequests(2)
    expect(await entries()).toEqual([])
  })

  it('writes no secret to any cache file: names are keyed digests, and an answer holding a credential is not stored', async () => {
    server = await startServer([json('{"n":1}'), json(`{"key":"${API_KEY}"}`), json(`{"key":"${API_KEY}"}`), json('{"cookie":1}')])
    await call(['GET', '/api/v1/monitor', '--cache', '5m'])
    const echoed = await call(['GET', '/api/v1/api_key', '--cache', '5m', '--verbose'])
    expect(echoed.stderr).toContain('* cache: not stored (the answer holds a configured secret)\n')
    expect(echoed.stderr).not.toContain(API_KEY)
    await call(['GET', '/api/v1/api_key', '--cache', '5m'])
    await call(['GET', '/api/v1/usage', '--cache', '5m', '-H', 'Cookie: session=sessionsecret0000000000'])
    await server.expectRequests(4)
    const names = await readdir(dir())
    expect((await entries()).length).toBe(2)
    for (const name of names) {
      for (const secret of [API_KEY, APP_KEY, 'sessionsecret0000000000', API_KEY.slice(0, 12), API_KEY.slice(-12)]) expect(name).not.toContain(secret)
      const bytes = await readFile(join(dir(), name))
      for (const secret of [API_KEY, APP_KEY, 'sessionsecret0000000000']) {
        expect(bytes.includes(secret)).toBe(false)
        expect(bytes.includes(Buffer.from(secret).toString('base64'))).toBe(false)
        expect(bytes.includes(Buffer.from(secret).toString('hex'))).toBe(false)
      }
      expect(bytes.includes('/api/v1/')).toBe(false)
    }
  })

  it.each<{name: string, answer: ReturnType<typeof json>}>([
    {name: 'the API key echoed in upper case in the body', answer: json(`{"key":"${API_KEY.toUpperCase()}"}`)},
    {name: 'the application key echoed in upper case in a header', answer: json('{}', {'x-echo': APP_KEY.toUpperCase()})},
    {name: 'a cookie the server sets', answer: json('{}', {'set-cookie': 'dogweb=sessioncookie0000000000; HttpOnly'})},
    {name: 'a credential header in the answer', answer: json('{}', {'dd-api-key': 'someotherkey000000000000000000ff'})},
  ])('does not store an answer holding $name', async ({answer}) => {
    server = await startServer([answer, answer])
    const first = await call(['GET', '/api/v1/monitor', '--cache', '5m', '--verbose'])
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/\* cache: not stored \((the answer holds a configured secret|the answer carries a credential header \(set-cookie, dd-api-key, \.\.\.\))\)\n/)
    expect(await entries()).toEqual([])
    await call(['GET', '/api/v1/monitor', '--cache', '5m'])
    await server.expectRequests(2)
  })

  it('is off, with a note, when its folder is reached through a link into a folder others can write', async () => {
    const {mkdir, symlink} = await import('node:fs/promises')
    const open = join(xdg, 'shared')
    await mkdir(join(open, 'cache'), {recursive: true})
    await chmod(open, 0o777)
    await chmod(join(open, 'cache'), 0o700)
    const link = join(xdg, 'home-cache')
    await symlink(join(open, 'cache'), link)
    server = await startServer([json('{"n":1}'), json('{"n":2}')])
    const first = await call(['GET', '/api/v1/monitor', '--cache', '5m'], {XDG_CACHE_HOME: link})
    expect(first.code).toBe(0)
    expect(first.stderr).toBe(`ddcli: note: --cache is off: folder ${open} above the cache can be written by other users; run chmod o-w '${open}'\n`)
    expect((await call(['GET', '/api/v1/monitor', '--cache', '5m'], {XDG_CACHE_HOME: link})).stdout.toString()).toBe('{"n":2}')
    await server.expectRequests(2)
  })

  it('keeps its folder 0700 and its files 0600', async () => {
    server = await startServer([json('{}')])
    await call(['GET', '/api/v1/monitor', '--cache', '5m'])
    expect((await stat(dir())).mode & 0o777).toBe(0o700)
    expect((await stat(join(xdg, 'ddcli'))).mode & 0o777).toBe(0o700)
    for (const name of await readdir(dir())) expect((await stat(join(dir(), name))).mode & 0o777).toBe(0o600)
  })

  it.each([
    {name: 'others can write', mode: 0o777, why: /can be read or written by other users; run chmod 700/},
    {name: 'others can read', mode: 0o755, why: /can be read or written by other users/},
  ])('is off, with a note, when $name its folder', async ({mode, why}) => {
    server = await startServer([json('{"n":1}'), json('{"n":2}')])
    await call(['GET', '/api/v1/monitor', '--cache', '5m'])
    await chmod(dir(), mode)
    const result = await call(['GET', '/api/v1/monitor', '--cache', '5m'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe('{"n":2}')
    expect(result.stderr).toMatch(/^ddcli: note: --cache is off: cache folder \S+ /)
    expect(result.stderr).toMatch(why)
    await server.expectRequests(2)
  })

  it('ignores an entry whose file others could have written', async () => {
    server = await startServer([json('{"n":1}'), json('{"n":2}')])
    await call(['GET', '/api/v1/monitor', '--cache', '5m'])
    const [name] = await entries()
    await chmod(join(dir(), name!), 0o666)
    expect((await call(['GET', '/api/v1/monitor', '--cache', '5m'])).stdout.toString()).toBe('{"n":2}')
  })

  it('serves nothing from a damaged entry', async () => {
    server = await startServer([json('{"n":1}'), json('{"n":2}')])
    await call(['GET', '/api/v1/monitor', '--cache', '5m'])
    const [name] = await entries()
    const {writeFile} = await import('node:fs/promises')
    await writeFile(join(dir(), name!), 'ddcli-cache 1\n{"status":"x"}\n{}', {mode: 0o600})
    expect((await call(['GET', '/api/v1/monitor', '--cache', '5m'])).stdout.toString()).toBe('{"n":2}')
  })

  it('is safe under concurrent runs: every run prints the whole answer, and one entry remains, no temporary file', async () => {
    const body = JSON.stringify({items: Array.from({length: 2000}, (_, i) => ({i, pad: 'x'.repeat(20)}))})
    server = await startServer(() => json(body))
    const results = await Promise.all(Array.from({length: 8}, () => call(['GET', '/api/v1/monitor', '--cache', '5m'])))
    for (const result of results) {
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(result.stdout.toString()).toBe(body)
    }
    const after = await Promise.all(Array.from({length: 4}, () => call(['GET', '/api/v1/monitor', '--cache', '5m'])))
    for (const result of after) expect(result.stdout.toString()).toBe(body)
    expect(server.requests.length).toBeLessThanOrEqual(8)
    expect(await entries()).toHaveLength(1)
    expect((await readdir(dir())).filter((name) => name.startsWith('.tmp-'))).toEqual([])
  })

  it('caches each page of --paginate', async () => {
    const page1 = {status: 200, headers: {'content-type': 'application/json'}, body: '{"data":[{"id":"1"}],"meta":{"page":{"after":"c2"}}}'}
    const page2 = {status: 200, headers: {'content-type': 'application/json'}, body: '{"data":[{"id":"2"}],"meta":{"page":{}}}'}
    server = await startServer([page1, page2])
    const first = await call(['GET', '/api/v2/logs/events', '--paginate', '--page-size', '1', '--cache', '5m'])
    const second = await call(['GET', '/api/v2/logs/events', '--paginate', '--page-size', '1', '--cache', '5m'])
    expect(first.code).toBe(0)
    expect(second.stdout.toString()).toBe(first.stdout.toString())
    expect(first.stdout.toString()).toBe('{"id":"1"}\n{"id":"2"}\n')
    await server.expectRequests(2)
  })

  it('streams an answer larger than an entry may be, whole, and does not store it', async () => {
    const big = `{"pad":"${'x'.repeat(17 * 1024 * 1024)}"}`
    server = await startServer([json(big), json(big)])
    const first = await call(['GET', '/api/v1/monitor', '--cache', '5m', '--verbose'])
    expect(first.code).toBe(0)
    expect(first.stdout.length).toBe(big.length)
    expect(first.stdout.equals(Buffer.from(big))).toBe(true)
    expect(first.stderr).toContain('* cache: not stored (larger than 16 MiB)\n')
    expect(await entries()).toEqual([])
  })

  it('fails as the live call fails when the body breaks off, and stores nothing', async () => {
    const {createServer} = await import('node:http')
    const broken = createServer((_request, response) => {
      response.writeHead(200, {'content-type': 'application/json', 'content-length': '1000'})
      response.write('{"partial":')
      setTimeout(() => response.destroy(), 20)
    })
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(broken.address() as {port: number}).port}`
    try {
      const live = await run(['call', 'GET', '/api/v1/monitor', '--api-url', url, '--retries', '0'], {env})
      const cached = await run(['call', 'GET', '/api/v1/monitor', '--api-url', url, '--retries', '0', '--cache', '5m'], {env})
      expect(live.code).not.toBe(0)
      expect(cached.code).toBe(live.code)
      expect(cached.stderr).toBe(live.stderr)
      expect(cached.stdout.toString()).toBe(live.stdout.toString())
      expect(await entries()).toEqual([])
    } finally {
      broken.closeAllConnections()
      await new Promise((resolve) => broken.close(resolve))
    }
  })

  it.each(['0', '5x', '-1s', '', '31d', '721h'])('refuses --cache %j before sending, exit 2', async (value) => {
    server = await startServer([])
    const result = await call(['GET', '/api/v1/monitor', '--cache', value])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^ddcli: --cache must be a duration from 1ms to 720h .*; e\.g\. --cache 30s\n$/)
    expect(server.requests).toHaveLength(0)
  })

  it('evicts the oldest entries past its size bound', async () => {
    const {writeFile} = await import('node:fs/promises')
    await (await import('node:fs/promises')).mkdir(dir(), {recursive: true, mode: 0o700})
    for (const [i, age] of [[1, 30], [2, 20], [3, 10]] as const) {
      const file = join(dir(), String(i).repeat(64))
      await writeFile(file, Buffer.alloc(1000), {mode: 0o600})
      const when = new Date(Date.now() - age * 1000)
      await utimes(file, when, when)
    }
    await writeFile(join(dir(), '.tmp-stale'), 'x', {mode: 0o600})
    const old = new Date(Date.now() - 120_000)
    await utimes(join(dir(), '.tmp-stale'), old, old)
    await evict(dir(), 2000)
    expect((await readdir(dir())).sort()).toEqual(['2'.repeat(64), '3'.repeat(64)])
  })
})
