import {spawn} from 'node:child_process'
import {chmod, readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {cliCommand, cliPrefix, cliShell, makeTempDir} from '../helpers/cli.js'
import {run} from '../helpers/in-process.js'
import {startServer, type RecordedRequest, type TestServer} from '../helpers/server.js'

const API_KEY = 'apikey0000000000000000000000aaaa'
const APP_KEY = 'appkey00000000000000000000000000000000bb'
const env = {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}

const servers: TestServer[] = []
async function server(answers?: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(answers)
  servers.push(s)
  return s
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const ok = {status: 200, headers: {'content-type': 'application/json'}, body: '{"ok":true}'}
const hasCredentials = (r: RecordedRequest) => r.headers['dd-api-key'] === API_KEY && r.headers['dd-application-key'] === APP_KEY

describe('redirects', () => {
  it.each([301, 302, 303, 307, 308])('follows a same-origin %i on GET with credentials', async (status) => {
    const api = await server([{status, headers: {location: '/api/v1/moved?x=1'}}, ok])
    const result = await run(['call', 'GET', '/api/v1/old', '--api-url', api.url], {env})
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe('{"ok":true}')
    const [, second] = await api.expectRequests(2)
    expect(second!.url).toBe('/api/v1/moved?x=1')
    expect(hasCredentials(second!)).toBe(true)
  })

  it.each([
    {status: 301, method: 'GET', body: 0},
    {status: 302, method: 'GET', body: 0},
    {status: 303, method: 'GET', body: 0},
    {status: 307, method: 'POST', body: 9},
    {status: 308, method: 'POST', body: 9},
  ])('turns a same-origin $status after POST into $method', async ({status, method, body}) => {
    const api = await server([{status, headers: {location: '/api/v1/moved'}}, ok])
    const result = await run(['call', 'POST', '/api/v1/old', '-f', 'a=b', '--api-url', api.url], {env})
    expect(result.code).toBe(0)
    const [first, second] = await api.expectRequests(2)
    expect(first!.body.toString()).toBe('{"a":"b"}')
    expect(second!.method).toBe(method)
    expect(second!.body.length).toBe(body)
    expect(hasCredentials(second!)).toBe(true)
  })

  it.each([
    {status: 301, method: 'GET'}, {status: 302, method: 'GET'}, {status: 303, method: 'GET'}, {status: 307, method: 'GET'}, {status: 308, method: 'GET'},
    {status: 301, method: 'POST'}, {status: 302, method: 'POST'}, {status: 303, method: 'POST'}, {status: 307, method: 'POST'}, {status: 308, method: 'POST'},
  ])('does not follow a $status on $method to another origin', async ({status, method}) => {
    const other = await server([ok])
    const api = await server([{status, headers: {location: `${other.url}/steal`}, body: 'moved'}])
    const result = await run(['call', method, '/api/v1/x', '-f', 'a=b', '-H', 'X-Custom: 1', '--api-url', api.url], {env})
    expect(result.code).toBe(1)
    expect(result.stdout.toString()).toBe('moved')
    expect(result.stderr).toContain(`redirect to ${other.url} not followed`)
    await api.expectRequests(1)
    expect(other.requests).toHaveLength(0)
  })

  it('stops after five same-origin redirects with exit 5', async () => {
    const api = await server(() => ({status: 302, headers: {location: '/again'}}))
    const result = await run(['call', 'GET', '/api/v1/x', '--api-url', api.url], {env})
    expect(result.code).toBe(5)
    expect(api.requests).toHaveLength(6)
  })
})

describe('a user name or password chosen by the server', () => {
  // got turns the user and password of a URL into `Authorization: Basic`, replacing the PAT: a server could pick
  // the credentials of the next request. Every source of a next URL is covered; none may send such a request.
  const PAT = 'ddpat_redirecttest00000000000000000'
  const json = (body: unknown) => ({status: 200, headers: {'content-type': 'application/json'}, body: JSON.stringify(body)})
  it.each([
    {name: 'a same-origin 302 whose Location has user:password@', args: ['call', 'GET', '/api/v1/old'],
      answer: (origin: string) => ({status: 302, headers: {location: origin.replace('//', '//attacker:s3cretpw@') + '/api/v1/moved'}}),
      code: 5, requests: 1, stderr: /^ddcli: HTTP 302 redirect from 127\.0\.0\.1:\d+ has a user name or password in its Location, which ddcli does not follow \(it would replace your credentials\); the server sent a bad redirect\n$/},
    {name: 'a same-origin 307 after POST whose Location has a user name only', args: ['call', 'POST', '/api/v1/old', '-f', 'a=b'],
      answer: (origin: string) => ({status: 307, headers: {location: origin.replace('//', '//attacker@') + '/api/v1/moved'}}),
      code: 5, requests: 1, stderr: /^ddcli: HTTP 307 redirect from [^\n]* has a user name or password in its Location, which ddcli does not follow/},
    {name: 'a scheme-relative Location with user:password@ on the same host', args: ['call', 'GET', '/api/v1/old'],
      answer: (origin: string) => ({status: 301, headers: {location: `//attacker:s3cretpw@${new URL(origin).host}/api/v1/moved`}}),
      code: 5, requests: 1, stderr: /^ddcli: HTTP 301 redirect from [^\n]* has a user name or password in its Location/},
    {name: 'a redirect with user:password@ between pages of --paginate', args: ['call', 'GET', '/api/v2/unknown', '--paginate'],
      answer: (origin: string, n: number) => (n === 1 ? json({data: [1], links: {next: '/api/v2/unknown?page=2'}}) : {status: 302, headers: {location: origin.replace('//', '//attacker:s3cretpw@') + '/api/v2/unknown?page=3'}}),
      code: 5, requests: 2, stdout: '1\n', stderr: /^ddcli: HTTP 302 redirect from [^\n]* has a user name or password in its Location[^\n]*; stopped at page 2 after 1 item; resume with \/api\/v2\/unknown\?page=2\n$/},
    {name: 'a links.next with user:password@ on the same origin', args: ['call', 'GET', '/api/v2/unknown', '--paginate'],
      answer: (origin: string) => json({data: [1], links: {next: origin.replace('//', '//attacker:s3cretpw@') + '/api/v2/unknown?page=2'}}),
      code: 1, requests: 1, stdout: '1\n', stderr: /^ddcli: links\.next has a user name or password, which ddcli does not follow \(it would replace your credentials\); stopped at page 1 after 1 item\n$/},
    {name: 'a cursor that looks like user:password@host, sent as a query value only', args: ['call', 'GET', '/api/v2/unknown', '--paginate'],
      answer: (_origin: string, n: number) => json(n === 1 ? {data: [1], meta: {page: {after: 'attacker:s3cretpw@evil.example'}}} : {data: []}),
      code: 0, requests: 2, stdout: '1\n', stderr: /^$/},
    {name: 'a same-origin 302 with user:password@ in batch', args: ['batch', '--retries', '0'], stdin: '{"id":1,"method":"GET","path":"/api/v1/old"}\n',
      answer: (origin: string) => ({status: 302, headers: {location: origin.replace('//', '//attacker:s3cretpw@') + '/api/v1/moved'}}),
      code: 1, requests: 1, stdout: /^\{"id":1,"line":1,"error":"HTTP 302 redirect from 127\.0\.0\.1:\d+ has a user name or password in its Location, which ddcli does not follow \(it would replace your credentials\); the server sent a bad redirect"\}\n$/, stderr: /^ddcli: 1 of 1 request failed/},
  ])('never sends $name', async ({args, answer, code, requests, stdout, stderr, stdin}) => {
    let count = 0
    const api = await server(() => answer(api.url, ++count))
    const result = await run([...args, '--api-url', api.url], {env: {DD_BEARER_TOKEN: PAT}, stdin})
    expect({code: result.code, stderr: result.stderr}).toEqual({code, stderr: expect.stringMatching(stderr)})
    if (stdout instanceof RegExp) expect(result.stdout.toString()).toMatch(stdout)
    else expect(result.stdout.toString()).toBe(stdout ?? '')
    await new Promise((resolve) => setTimeout(resolve, 50))
    const seen = await api.expectRequests(requests)
    expect(seen.map((r) => r.headers.authorization)).toEqual(seen.map(() => `Bearer ${PAT}`))
    for (const text of [result.stdout.toString(), result.stderr]) {
      expect(text).not.toContain('s3cretpw')
      expect(text).not.toContain(PAT)
    }
  })
})

describe('rate limits and retries', () => {
  it('waits for X-RateLimit-Reset on a 429 and retries, even a POST', async () => {
    const api = await server([{status: 429, headers: {'x-ratelimit-reset': '1', 'x-ratelimit-name': 'monitors'}, body: '{"errors":["Too many requests"]}'}, ok])
    const started = Date.now()
    const result = await run(['call', 'POST', '/api/v1/monitor', '-f', 'a=b', '--verbose', '--api-url', api.url, '--no-validate'], {env})
    expect(result.code).toBe(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    const requests = await api.expectRequests(2)
    expect(requests.map((r) => r.body.toString())).toEqual(['{"a":"b"}', '{"a":"b"}'])
    expect(result.stderr).toContain('* rate limited (monitors), retrying in 1 s (1/3)')
    expect(result.stdout.toString()).toBe('{"ok":true}')
  })

  it('does not announce retries on a piped stderr without --verbose', async () => {
    const api = await server([{status: 429, headers: {'retry-after': '0'}}, ok])
    const result = await run(['call', 'GET', '/api/v1/x', '--api-url', api.url], {env})
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
  })

  it('reports a reset longer than --max-wait instead of sleeping', async () => {
    const api = await server([{status: 429, headers: {'x-ratelimit-reset': '120', 'x-ratelimit-name': 'logs'}, body: '{"errors":["slow down"]}'}])
    const started = Date.now()
    const result = await run(['call', 'GET', '/api/v1/x', '--max-wait', '5', '--api-url', api.url], {env})
    expect(Date.now() - started).toBeLessThan(5000)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('ddcli: HTTP 429 Too Many Requests: slow down; rate limited (logs); the limit resets in 120 s, longer than --max-wait 5 s\n')
    expect(api.requests).toHaveLength(1)
  })

  it.each([
    {maxWait: '2m', shown: '120 s', reset: '600'}, {maxWait: '1500ms', shown: '1.5 s', reset: '120'}, {maxWait: '1m30s', shown: '90 s', reset: '120'},
  ])('takes --max-wait $maxWait with its unit and names it as $shown', async ({maxWait, shown, reset}) => {
    const api = await server([{status: 429, headers: {'x-ratelimit-reset': reset, 'x-ratelimit-name': 'logs'}, body: '{"errors":["slow down"]}'}])
    const result = await run(['call', 'GET', '/api/v1/x', '--max-wait', maxWait, '--api-url', api.url], {env})
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`ddcli: HTTP 429 Too Many Requests: slow down; rate limited (logs); the limit resets in ${reset} s, longer than --max-wait ${shown}\n`)
    expect(api.requests).toHaveLength(1)
  })

  it('sleeps a reset within a --max-wait given in minutes, then retries', async () => {
    const api = await server([{status: 429, headers: {'x-ratelimit-reset': '1'}}, ok])
    const result = await run(['call', 'GET', '/api/v1/x', '--max-wait', '1m', '--api-url', api.url], {env})
    expect(result.code).toBe(0)
    expect(api.requests).toHaveLength(2)
  })

  it('retries a GET on 503 three times, then exits 1 with the last status', async () => {
    const api = await server(() => ({status: 503, headers: {'retry-after': '0'}, body: '{"errors":["down"]}'}))
    const result = await run(['call', 'GET', '/api/v1/x', '--api-url', api.url], {env})
    expect(result.code).toBe(1)
    expect(api.requests).toHaveLength(4)
    expect(result.stderr).toMatch(/^ddcli: HTTP 503 Service Unavailable: down; gave up after 4 attempts\n$/)
  })

  it.each([
    {name: 'POST on 503 is sent once', args: ['POST'], count: 1},
    {name: 'PATCH on 502 is sent once', args: ['PATCH'], count: 1},
    {name: 'POST with --retry-unsafe is retried', args: ['POST', '--retry-unsafe'], count: 4},
    {name: 'GET with --retries 0 is sent once', args: ['GET', '--retries', '0'], count: 1},
    {name: 'GET with --retries 1 is sent twice', args: ['GET', '--retries', '1'], count: 2},
  ])('$name', async ({args, count}) => {
    const api = await server(() => ({status: args[0] === 'PATCH' ? 502 : 503, headers: {'retry-after': '0'}}))
    const [method, ...rest] = args
    const result = await run(['call', method!, '/api/v1/x', ...rest, '--api-url', api.url], {env})
    expect(result.code).toBe(1)
    expect(api.requests).toHaveLength(count)
  })

  it('never retries a POST that got a 404', async () => {
    const api = await server(() => ({status: 404, body: '{"errors":["Not found"]}'}))
    const result = await run(['call', 'POST', '/api/v1/nothing-here', '--retries', '5', '--api-url', api.url], {env})
    expect(result.code).toBe(1)
    expect(api.requests).toHaveLength(1)
  })

  it('retries a GET after a connection reset', async () => {
    let first = true
    const api = await server()
    const {createServer} = await import('node:http')
    const flaky = createServer((req, res) => {
      if (first) {
        first = false
        req.socket.destroy()
        return
      }
      res.end('{"ok":true}')
    })
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve))
    const port = (flaky.address() as {port: number}).port
    const result = await run(['call', 'GET', '/api/v1/x', '--verbose', '--api-url', `http://127.0.0.1:${port}`], {env})
    flaky.closeAllConnections()
    flaky.close()
    await api.close()
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/connection reset \(ECONNRESET\), retrying in \d+ ms \(1\/3\)/)
    expect(result.stdout.toString()).toBe('{"ok":true}')
  })
})

/** Spawns the CLI with a handle on the process, for signals and pipes. */
function spawnCli(args: string[], extraEnv: Record<string, string>, configDir: string) {
  const child = spawn(cliCommand, [...cliPrefix, ...args], {env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: configDir, DDCLI_CONFIG_DIR: configDir, ...extraEnv}, stdio: ['ignore', 'pipe', 'pipe']})
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  child.stdout.resume()
  const done = new Promise<{code: number | null}>((resolve) => child.on('close', (code) => resolve({code})))
  return {child, done, stderr: () => stderr}
}

describe('interrupts', () => {
  it.each([
    {signal: 'SIGINT' as const, code: 130},
    {signal: 'SIGTERM' as const, code: 143},
  ])('$signal aborts a hanging request, leaves the config as it was and exits $code', async ({signal, code}) => {
    const api = await server(() => new Promise(() => {}))
    const dir = await makeTempDir()
    const config = JSON.stringify({profiles: {default: {appKey: APP_KEY}}})
    await writeFile(join(dir, 'config.json'), config, {mode: 0o600})
    const run = spawnCli(['call', 'GET', '/api/v1/x', '--api-url', api.url], {DD_API_KEY: API_KEY}, dir)
    await api.expectRequests(1, 10_000)
    run.child.kill(signal)
    const {code: exit} = await run.done
    expect(exit).toBe(code)
    expect(run.stderr()).not.toMatch(/\n\s+at /)
    expect(await readFile(join(dir, 'config.json'), 'utf8')).toBe(config)
  })
})

describe('interrupts of a --jq filter that never ends', () => {
  it.each([
    {filter: 'repeat(1)', signal: 'SIGINT' as const, code: 130},
    {filter: '[range(1e9)]', signal: 'SIGTERM' as const, code: 143},
  ])('$signal stops `--jq $filter` and exits $code (jq runs off the main thread, so the signal is heard)', async ({filter, signal, code}) => {
    const api = await server(() => ({status: 200, headers: {'content-type': 'application/json'}, body: '{"id":1}'}))
    const dir = await makeTempDir()
    const run = spawnCli(['call', 'GET', '/api/v1/x', '--api-url', api.url, '--jq', filter], {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}, dir)
    await api.expectRequests(1, 10_000)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const sent = Date.now()
    run.child.kill(signal)
    const {code: exit} = await run.done
    expect(exit).toBe(code)
    expect(Date.now() - sent).toBeLessThan(5000)
    expect(run.stderr()).not.toMatch(/\n\s+at /)
  }, 20_000)
})

/** Polls a child's peak resident memory (VmHWM, Linux) until stopped; returns it in KiB (0 elsewhere). */
function watchPeakRss(pid: number): {stop: () => number} {
  let peakKb = 0
  const poll = setInterval(() => {
    void readFile(`/proc/${pid}/status`, 'utf8').then((status) => {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status)
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]))
    }, () => {})
  }, 20)
  return {stop: () => (clearInterval(poll), peakKb)}
}

describe('streams and memory', () => {
  it('streams a 300,000-item response to a pipe whole, with peak RSS under 150 MB', async () => {
    const item = (i: number) => `{"id":${i},"name":"host-${String(i).padStart(6, '0')}","tags":["env:prod","team:sre","region:eu","tier:gold"],"up":true,"v":0.5,"x":1}`
    const api = await server()
    const {createServer} = await import('node:http')
    let expected = 0
    const big = createServer((_req, res) => {
      res.writeHead(200, {'content-type': 'application/json'})
      let i = 0
      res.write('{"data":[')
      expected = '{"data":['.length
      const pump = () => {
        while (i < 300_000) {
          const chunk = (i === 0 ? '' : ',') + item(i)
          expected += Buffer.byteLength(chunk)
          i++
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end(']}')
        expected += 2
      }
      pump()
    })
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve))
    const port = (big.address() as {port: number}).port
    const dir = await makeTempDir()
    const child = spawn(cliCommand, [...cliPrefix, 'call', 'GET', '/api/v1/hosts', '--api-url', `http://127.0.0.1:${port}`], {env: {PATH: process.env.PATH ?? '', HOME: dir, DDCLI_CONFIG_DIR: dir, DD_API_KEY: API_KEY}, stdio: ['ignore', 'pipe', 'pipe']})
    let bytes = 0
    child.stdout.on('data', (chunk: Buffer) => { bytes += chunk.length })
    const rss = watchPeakRss(child.pid!)
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    const peakKb = rss.stop()
    big.closeAllConnections()
    big.close()
    await api.close()
    expect(code).toBe(0)
    expect(expected).toBeGreaterThan(30_000_000)
    expect(bytes).toBe(expected)
    if (process.platform === 'linux') {
      expect(peakKb).toBeGreaterThan(0)
      expect(peakKb).toBeLessThan(150 * 1024)
    }
  }, 60_000)

  it('ends quietly with exit 0 when the reader closes the pipe early', async () => {
    const api = await server(() => ({status: 200, body: `${'line\n'.repeat(2_000_000)}`}))
    const dir = await makeTempDir()
    const script = `${cliShell()} call GET /api/v1/x --api-url ${api.url} | head -1; echo "status=\${PIPESTATUS[0]}" >&2`
    const child = spawn('bash', ['-c', script], {env: {PATH: process.env.PATH ?? '', HOME: dir, DDCLI_CONFIG_DIR: dir, DD_API_KEY: API_KEY}, stdio: ['ignore', 'pipe', 'pipe']})
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => { out += c.toString() })
    child.stderr.on('data', (c: Buffer) => { err += c.toString() })
    await new Promise((resolve) => child.on('close', resolve))
    expect(out).toBe('line\n')
    expect(err).toBe('status=0\n')
  }, 30_000)

  it('streams a large --input file instead of reading it whole', async () => {
    const api = await server(() => ok)
    const dir = await makeTempDir()
    const file = join(dir, 'big.json')
    await writeFile(file, `"${'x'.repeat(120 * 1024 * 1024)}"`)
    const child = spawn(cliCommand, [...cliPrefix, 'call', 'POST', '/api/v1/x', '--input', file, '--api-url', api.url], {env: {PATH: process.env.PATH ?? '', HOME: dir, DDCLI_CONFIG_DIR: dir, DD_API_KEY: API_KEY}, stdio: ['ignore', 'pipe', 'pipe']})
    const rss = watchPeakRss(child.pid!)
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    const peakKb = rss.stop()
    expect(code).toBe(0)
    const [request] = await api.expectRequests(1)
    expect(request!.body.length).toBe(120 * 1024 * 1024 + 2)
    if (process.platform === 'linux') expect(peakKb).toBeLessThan(120 * 1024)
  }, 60_000)
})

describe('config file permissions', () => {
  it('warns with the chmod that fixes a config readable by others', async () => {
    const api = await server([ok])
    const dir = await makeTempDir()
    try {
      const file = join(dir, 'config.json')
      await writeFile(file, '{"profiles":{}}')
      await chmod(file, 0o644)
      const result = await run(['call', 'GET', '/api/v1/x', '--api-url', api.url], {env: {...env, DDCLI_CONFIG_DIR: dir}})
      expect(result.code).toBe(0)
      expect(result.stderr).toBe(`ddcli: config file ${file} is readable by other users; fix: chmod 600 '${file}'\n`)
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })
})
