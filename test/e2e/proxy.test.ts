import {createServer, type Server} from 'node:http'
import net, {type AddressInfo, type Socket} from 'node:net'
import {afterEach, beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {startProxy, type TestProxy} from '../helpers/proxy.js'
import {LOOPBACK_CA, startServer, type TestServer} from '../helpers/server.js'

const API_KEY = 'apikey0000000000000000000000aaaa'
const APP_KEY = 'appkey00000000000000000000000000000000bb'
const PROXY_PASSWORD = 'proxy-s3cret-pw'
const ok = {status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}

let server: TestServer | undefined
let proxy: TestProxy | undefined
afterEach(async () => {
  await server?.close()
  await proxy?.close()
  server = proxy = undefined
})

/** Credentials and the test CA; the API is https on 127.0.0.1, so the request really goes through a CONNECT tunnel. */
const env = (extra: Record<string, string>) => ({DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY, NODE_EXTRA_CA_CERTS: LOOPBACK_CA, ...extra})

describe('ddcli call through a proxy', () => {
  beforeAll(async () => {
    const {code} = await runCli(['--version'])
    expect(code, 'run npm run build before the e2e tests').toBe(0)
  })

  it('tunnels an https call through HTTPS_PROXY with CONNECT, and the proxy sees no credential', async () => {
    server = await startServer([ok], {tls: true})
    proxy = await startProxy()
    const result = await runCli(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {env: env({HTTPS_PROXY: proxy.url})})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe('{"valid":true}')
    const [request] = await server.expectRequests(1)
    expect(request!.headers['dd-api-key']).toBe(API_KEY)
    expect(proxy.records.map((r) => `${r.method} ${r.target}`)).toEqual([`CONNECT ${new URL(server.url).host}`])
    expect(proxy.seen()).not.toMatch(/dd-api-key|dd-application-key|authorization/i)
    expect(proxy.seen()).not.toContain(API_KEY.slice(-8))
  })

  it('sends Proxy-Authorization to the proxy only, and masks the proxy password in --verbose', async () => {
    server = await startServer([ok], {tls: true})
    proxy = await startProxy({user: 'corp-user', password: PROXY_PASSWORD})
    const result = await runCli(['call', 'GET', '/api/v1/validate', '--api-url', server.url, '--verbose'], {env: env({https_proxy: proxy.url})})
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.headers['proxy-authorization']).toBeUndefined()
    expect(proxy.records).toHaveLength(1)
    expect(proxy.records[0]!.headers['proxy-authorization']).toMatch(/^Basic /)
    expect(result.stderr).toContain(`* proxy http://****:****@${new URL(proxy.url).host} (https_proxy), CONNECT tunnel to ${new URL(server.url).host}`)
    expect(result.stderr).not.toContain(PROXY_PASSWORD)
    expect(result.stderr).not.toContain('corp-user')
  })

  it('keeps the proxy user and password out of the DEBUG trace of the proxy agent', async () => {
    server = await startServer([ok], {tls: true})
    proxy = await startProxy({user: 'corp-user', password: PROXY_PASSWORD})
    const result = await runCli(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {env: env({HTTPS_PROXY: proxy.url, DEBUG: '*'})})
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('https-proxy-agent')
    expect(result.stderr).not.toContain(PROXY_PASSWORD)
    expect(result.stderr).not.toContain('corp-user')
  })

  it('exits 1 naming the proxy variable when the proxy refuses the password, and sends nothing to the API', async () => {
    server = await startServer([ok], {tls: true})
    proxy = await startProxy({user: 'corp-user', password: PROXY_PASSWORD})
    const wrong = proxy.url.replace(PROXY_PASSWORD, 'wrong-password-1')
    const result = await runCli(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {env: env({HTTPS_PROXY: wrong})})
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`ddcli: proxy http://****:****@${new URL(proxy.url).host} refused the tunnel: HTTP 407 Proxy Authentication Required; put the proxy's user and password in HTTPS_PROXY, before its host (user:password@host:port)\n`)
    expect(server.requests).toHaveLength(0)
  })

  it('names the proxy, masked, when it cannot be reached', async () => {
    const result = await runCli(['call', 'GET', '/api/v1/validate', '--api-url', 'https://127.0.0.1:9', '--retries', '0'], {env: env({HTTPS_PROXY: `http://u:${PROXY_PASSWORD}@127.0.0.1:1`})})
    expect(result.code).toBe(5)
    expect(result.stderr).toBe('ddcli: no tunnel through proxy http://****:****@127.0.0.1:1 (HTTPS_PROXY): connection refused (ECONNREFUSED); check HTTPS_PROXY\n')
  })

  it('tunnels a plain-http loopback call through HTTP_PROXY with CONNECT too, never as a forwarded request', async () => {
    server = await startServer([ok])
    proxy = await startProxy()
    const result = await runCli(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {env: env({HTTP_PROXY: proxy.url})})
    expect(result.code).toBe(0)
    expect(proxy.records.map((r) => r.method)).toEqual(['CONNECT'])
    expect((await server.expectRequests(1))[0]!.headers['dd-api-key']).toBe(API_KEY)
  })

  it.each([
    {name: 'the exact host', noProxy: '127.0.0.1'},
    {name: 'a wildcard', noProxy: '*'},
    {name: 'a loopback range in lower case no_proxy', noProxy: 'example.com, 127.0.0.0/8', lower: true},
    {name: 'the host with its port', noProxy: 'PORT'},
  ])('goes direct when NO_PROXY lists $name', async ({noProxy, lower}) => {
    server = await startServer([ok], {tls: true})
    proxy = await startProxy()
    const value = noProxy === 'PORT' ? new URL(server.url).host : noProxy
    const result = await runCli(['call', 'GET', '/api/v1/validate', '--api-url', server.url, '--verbose'], {env: env({HTTPS_PROXY: proxy.url, [lower ? 'no_proxy' : 'NO_PROXY']: value})})
    expect(result.code).toBe(0)
    expect(proxy.records).toHaveLength(0)
    await server.expectRequests(1)
    expect(result.stderr).toContain(`* no proxy for ${new URL(server.url).host} (${lower ? 'no_proxy' : 'NO_PROXY'} has `)
  })

  it('uses the proxy when NO_PROXY names the host with another port', async () => {
    server = await startServer([ok], {tls: true})
    proxy = await startProxy()
    const result = await runCli(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {env: env({HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1:1'})})
    expect(result.code).toBe(0)
    expect(proxy.records).toHaveLength(1)
  })
})

describe('ddcli call through a proxy that refuses the tunnel', () => {
  let refusing: Server | undefined
  afterEach(() => new Promise<void>((resolve) => (refusing ? refusing.close(() => resolve()) : resolve())))

  /** A proxy that answers every CONNECT with `status` and an HTML page, as corporate proxies do for blocked hosts. */
  async function startRefusingProxy(status: number, reason: string): Promise<string> {
    refusing = createServer()
    refusing.on('connect', (_req, client: Socket) => {
      const page = '<html>Blocked by policy</html>'
      client.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/html\r\nLocation: https://127.0.0.1:1/login\r\nContent-Length: ${page.length}\r\nConnection: close\r\n\r\n${page}`)
    })
    await new Promise<void>((resolve) => refusing!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`
  }

  it.each([
    [403, 'Forbidden'],
    [302, 'Found'],
    [502, 'Bad Gateway'],
  ])('names the proxy, not the credentials, when it answers CONNECT with %i, and follows or retries nothing', async (status, reason) => {
    const url = await startRefusingProxy(status, reason)
    const result = await runCli(['call', 'GET', '/api/v1/validate', '--api-url', 'https://127.0.0.1:9'], {env: env({HTTPS_PROXY: url})})
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`ddcli: proxy ${url} refused the tunnel: HTTP ${status} ${reason}; check HTTPS_PROXY or add the API host to NO_PROXY\n`)
  })

  it('reports the keys as unchecked, not rejected, in auth status --check when the proxy answers CONNECT with 403', async () => {
    const url = await startRefusingProxy(403, 'Forbidden')
    const result = await runCli(['auth', 'status', '--check', '--api-url', 'https://127.0.0.1:9', '--json'], {env: env({HTTPS_PROXY: url})})
    expect(result.code).toBe(1)
    const {apiKey} = JSON.parse(result.stdout.toString()) as {apiKey: {check: unknown}}
    expect(apiKey.check).toEqual({state: 'unreachable', detail: `proxy ${url} refused the tunnel: HTTP 403 Forbidden; check HTTPS_PROXY or add the API host to NO_PROXY`})
  })

  it.each([
    [403, 'Forbidden'],
    [302, 'Found'],
  ])('makes a CONNECT answered with %i an error line of batch naming the proxy, not a result of the API', async (status, reason) => {
    const url = await startRefusingProxy(status, reason)
    const input = '{"method":"GET","path":"/api/v1/validate"}\n'
    const result = await runCli(['batch', '--api-url', 'https://127.0.0.1:9', '--retries', '0'], {env: env({HTTPS_PROXY: url}), stdin: input})
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout.toString())).toEqual({line: 1, error: `proxy ${url} refused the tunnel: HTTP ${status} ${reason}; check HTTPS_PROXY or add the API host to NO_PROXY`})
  })
})

describe('ddcli call through a proxy that never answers CONNECT', () => {
  let stuck: Server | undefined
  const tunnels = new Set<Socket>()
  afterEach(() => new Promise<void>((resolve) => {
    for (const socket of tunnels) socket.destroy()
    return stuck ? stuck.close(() => resolve()) : resolve()
  }))

  it.each([
    ['accepts the connection and stays silent', (_client: Socket) => {}],
    ['sends headers that never end', (client: Socket) => {
      client.on('error', () => {})
      client.write('HTTP/1.1 200 OK\r\nX-Junk: ')
      const timer = setInterval(() => client.write('a'.repeat(4096)), 5)
      client.once('close', () => clearInterval(timer))
    }],
  ])('gives up after --timeout when the proxy %s, naming the proxy', async (_name, answer) => {
    stuck = createServer()
    stuck.on('connect', (_req, client: Socket) => {
      tunnels.add(client)
      answer(client)
    })
    await new Promise<void>((resolve) => stuck!.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(stuck.address() as AddressInfo).port}`
    const started = Date.now()
    const result = await runCli(['call', 'GET', '/api/v1/validate', '--api-url', 'https://127.0.0.1:9', '--timeout', '1', '--retries', '0'], {env: env({HTTPS_PROXY: url})})
    expect(result.code).toBe(5)
    expect(result.stderr).toBe(`ddcli: no tunnel through proxy ${url} (HTTPS_PROXY): no answer to CONNECT within 1 s (ETIMEDOUT); check HTTPS_PROXY\n`)
    expect(Date.now() - started).toBeLessThan(8000)
  })
})

describe('a proxy that fails before the tunnel is named, not the API host', () => {
  // The API host is never reached (the proxy would resolve it): every line must name the proxy, masked, and the
  // variable to fix. A 407 or 403 keeps its meaning however the proxy frames its body.
  const API = 'https://api.unreached.example'
  const USER = 'corp-proxy-user'
  const refusedLine = (label: string, status: string) => status.startsWith('407')
    ? `proxy ${label} refused the tunnel: HTTP ${status}; put the proxy's user and password in HTTPS_PROXY, before its host (user:password@host:port)`
    : `proxy ${label} refused the tunnel: HTTP ${status}; check HTTPS_PROXY or add the API host to NO_PROXY`
  const noTunnel = (label: string, cause: string) => `no tunnel through proxy ${label} (HTTPS_PROXY): ${cause}; check HTTPS_PROXY`
  type Answer = (client: Socket) => void
  const rows: Array<{name: string, answer: Answer | 'closed', code: number, line: (label: string) => string}> = [
    {name: 'answers 407 with a Content-Length longer than its body', code: 1, line: (label) => refusedLine(label, '407 Proxy Authentication Required'),
      answer: (client) => client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 100\r\n\r\nshort')},
    {name: 'answers 407 with its body in a later packet', code: 1, line: (label) => refusedLine(label, '407 Proxy Authentication Required'),
      answer: (client) => {
        client.write('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 5\r\n\r\n')
        setTimeout(() => client.end('login'), 30)
      }},
    {name: 'answers 403 with a chunked body that never ends', code: 1, line: (label) => refusedLine(label, '403 Forbidden'),
      answer: (client) => client.end('HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nblock')},
    {name: 'is not listening (connection refused)', code: 5, line: (label) => noTunnel(label, 'connection refused (ECONNREFUSED)'), answer: 'closed'},
    {name: 'closes the connection before answering CONNECT', code: 5, line: (label) => noTunnel(label, 'it closed the connection before answering CONNECT (ECONNRESET)'),
      answer: (client) => client.end()},
    {name: 'closes the connection in the middle of its answer', code: 5, line: (label) => noTunnel(label, 'it closed the connection before answering CONNECT (ECONNRESET)'),
      answer: (client) => client.end('HTTP/1.1 200 Conn')},
    {name: 'resets the connection', code: 5, line: (label) => noTunnel(label, 'connection reset (ECONNRESET)'),
      answer: (client) => client.resetAndDestroy()},
    {name: 'answers garbage instead of HTTP', code: 5, line: (label) => noTunnel(label, 'its answer to CONNECT is not HTTP (EPROTO)'),
      answer: (client) => client.end('SSH-2.0-OpenSSH_9.6\r\n\r\n')},
    {name: 'answers a status line without a status', code: 5, line: (label) => noTunnel(label, 'its answer to CONNECT is not HTTP (EPROTO)'),
      answer: (client) => client.end('HTTP/1.1 OK\r\n\r\n')},
    {name: 'answers a header line without a colon', code: 5, line: (label) => noTunnel(label, 'its answer to CONNECT is not HTTP (EPROTO)'),
      answer: (client) => client.end('HTTP/1.1 200 Connection Established\r\nnot a header\r\n\r\n')},
  ]
  const modes = [
    {mode: 'call', args: ['call', 'GET', '/api/v1/validate']},
    {mode: 'call --paginate', args: ['call', 'GET', '/api/v2/unknown', '--paginate']},
    {mode: 'batch', args: ['batch']},
  ]

  let raw: net.Server | undefined
  afterEach(() => new Promise<void>((resolve) => (raw ? raw.close(() => resolve()) : resolve())))

  it.each(rows.flatMap((row) => modes.map((mode) => ({...row, ...mode}))))('$mode: when the proxy $name', async ({answer, code, line, mode, args}) => {
    const sockets = new Set<Socket>()
    raw = net.createServer((client) => {
      sockets.add(client)
      client.on('error', () => {})
      client.once('data', () => (answer as Answer)(client))
    })
    await new Promise<void>((resolve) => raw!.listen(0, '127.0.0.1', resolve))
    const port = (raw.address() as AddressInfo).port
    if (answer === 'closed') await new Promise<void>((resolve) => raw!.close(() => resolve()))
    if (answer === 'closed') raw = undefined
    const label = `http://****:****@127.0.0.1:${port}`
    const result = await runCli([...args, '--api-url', API, '--retries', '0', '--timeout', '5'], {
      env: env({HTTPS_PROXY: `http://${USER}:${PROXY_PASSWORD}@127.0.0.1:${port}`}),
      stdin: mode === 'batch' ? '{"id":1,"method":"GET","path":"/api/v1/validate"}\n' : undefined,
    })
    for (const socket of sockets) socket.destroy()
    if (mode === 'batch') {
      expect({code: result.code, stdout: result.stdout.toString()}).toEqual({code: 1, stdout: `${JSON.stringify({id: 1, line: 1, error: line(label)})}\n`})
      expect(result.stderr).toMatch(/^ddcli: 1 of 1 request failed[^\n]*\n$/)
    } else {
      const where = mode === 'call --paginate' ? '; stopped at page 1 after 0 items' : ''
      expect({code: result.code, stdout: result.stdout.toString(), stderr: result.stderr}).toEqual({code, stdout: '', stderr: `ddcli: ${line(label)}${where}\n`})
    }
    for (const text of [result.stdout.toString(), result.stderr]) {
      expect(text).not.toContain('unreached.example')
      expect(text).not.toContain(PROXY_PASSWORD)
      expect(text).not.toContain(USER)
      expect(text).not.toContain(API_KEY)
    }
  })
})

describe('ddcli call --paginate through a proxy', () => {
  it('tunnels the pages through HTTPS_PROXY, and the proxy sees no credential', async () => {
    const page = (body: unknown) => ({status: 200, headers: {'content-type': 'application/json'}, body: JSON.stringify(body)})
    server = await startServer([page({data: [{id: 1}, {id: 2}], meta: {page: {}}})], {tls: true})
    proxy = await startProxy()
    const result = await runCli(['call', 'GET', '/api/v2/audit/events', '--paginate', '--api-url', server.url], {env: env({HTTPS_PROXY: proxy.url})})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe('{"id":1}\n{"id":2}\n')
    expect(proxy.records.map((r) => `${r.method} ${r.target}`)).toEqual([`CONNECT ${new URL(server.url).host}`])
    expect(proxy.seen()).not.toMatch(/dd-api-key|dd-application-key|authorization/i)
  })
})

describe('ddcli batch through a proxy', () => {
  it('tunnels every request through HTTPS_PROXY, instead of its own keep-alive connections, and the proxy sees no credential', async () => {
    server = await startServer([ok, ok, ok], {tls: true})
    proxy = await startProxy()
    const stdin = ['/api/v1/validate', '/api/v1/a', '/api/v1/b'].map((path, id) => JSON.stringify({id, method: 'GET', path})).join('\n') + '\n'
    const result = await runCli(['batch', '--api-url', server.url], {env: env({HTTPS_PROXY: proxy.url}), stdin, timeoutMs: 60_000})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const requests = await server.expectRequests(3)
    expect(requests.every((r) => r.headers['dd-api-key'] === API_KEY)).toBe(true)
    expect(proxy.records.length).toBeGreaterThanOrEqual(1)
    expect(proxy.records.every((r) => r.method === 'CONNECT')).toBe(true)
    expect(proxy.seen()).not.toMatch(/dd-api-key|dd-application-key|authorization/i)
  })
})

describe('ddcli auth status with a proxy', () => {
  it('names the proxy, masked, and the variable it comes from', async () => {
    const result = await runCli(['auth', 'status', '--json', '--api-url', 'https://api.datadoghq.eu'], {env: env({HTTPS_PROXY: `http://u:${PROXY_PASSWORD}@proxy.corp:3128`})})
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout.toString()).proxy).toEqual({value: 'http://****:****@proxy.corp:3128', source: 'HTTPS_PROXY'})
    expect(result.stdout.toString()).not.toContain(PROXY_PASSWORD)
  })

  it('says when NO_PROXY bypasses the proxy for the API URL', async () => {
    const result = await runCli(['auth', 'status', '--api-url', 'https://api.datadoghq.eu'], {env: env({HTTPS_PROXY: 'proxy.corp:3128', NO_PROXY: '.datadoghq.eu'})})
    expect(result.stdout.toString()).toContain('proxy\tnone\tNO_PROXY has .datadoghq.eu\n')
  })
})
