import {request} from 'node:http'
import {connect} from 'node:net'
import {afterEach, describe, expect, it} from 'vitest'
import {runNode} from './cli.js'
import {startServer, type TestServer} from './server.js'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** Sends one request with node:http and returns status, reason and body. */
function send(url: string, method = 'GET', body?: string, headers: Record<string, string> = {}) {
  return new Promise<{status: number; reason: string; body: string; type: string | undefined}>((resolve, reject) => {
    const req = request(url, {method, headers}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          reason: res.statusMessage ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
          type: res.headers['content-type'],
        }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('startServer', () => {
  it('answers from the queue in order and records method, raw url, headers and body', async () => {
    server = await startServer([
      {status: 201, statusText: 'Made', headers: {'content-type': 'application/json'}, body: '{"a":1}'},
      {status: 404, body: 'gone'},
    ])
    const first = await send(`${server.url}/api/v1/x?b=%2F&a=1`, 'POST', '{"in":true}', {'DD-API-KEY': 'k'})
    const second = await send(`${server.url}/api/v1/y`)
    expect(first).toEqual({status: 201, reason: 'Made', body: '{"a":1}', type: 'application/json'})
    expect(second).toMatchObject({status: 404, body: 'gone'})
    const [one, two] = await server.expectRequests(2)
    expect(one).toMatchObject({method: 'POST', url: '/api/v1/x?b=%2F&a=1', path: '/api/v1/x', query: 'b=%2F&a=1'})
    expect(one?.headers['dd-api-key']).toBe('k')
    expect(one?.body.toString()).toBe('{"in":true}')
    expect(two?.body.length).toBe(0)
  })

  it('falls back to the handler once the queue is empty', async () => {
    server = await startServer((req) => ({status: 200, body: `echo ${req.method} ${req.path}`}))
    server.enqueue({status: 202, body: 'queued'})
    expect((await send(`${server.url}/a`)).body).toBe('queued')
    expect((await send(`${server.url}/b`, 'DELETE')).body).toBe('echo DELETE /b')
  })

  it('answers 500 naming the request when nothing is left to answer with', async () => {
    server = await startServer()
    const answer = await send(`${server.url}/api/v2/nothing`)
    expect(answer).toMatchObject({status: 500, body: 'test server: no canned response left for GET /api/v2/nothing'})
  })

  it('answers 500 naming the error when the handler throws', async () => {
    server = await startServer(() => {
      throw new Error('boom')
    })
    expect(await send(`${server.url}/`)).toMatchObject({status: 500, body: 'test server handler failed: Error: boom'})
  })

  it('fails expectRequests when an expected request never arrived', async () => {
    server = await startServer()
    await expect(server.expectRequests(1, 50)).rejects.toThrow('expected 1 request(s), received 0:\n(none)')
  })

  it('fails expectRequests when more requests arrived than expected', async () => {
    server = await startServer([{status: 200}, {status: 200}])
    await send(`${server.url}/one`)
    await send(`${server.url}/two`)
    await expect(server.expectRequests(1)).rejects.toThrow(/received 2:\nGET \/one .*\nGET \/two/)
  })

  it('resolves expectRequests as soon as a late request arrives', async () => {
    server = await startServer([{status: 200}])
    const waiting = server.expectRequests(1, 5_000)
    setTimeout(() => void send(`${server?.url}/late`), 20)
    expect((await waiting).map((r) => r.url)).toEqual(['/late'])
  })

  it('records bytes that are not HTTP as a client error and answers 400', async () => {
    server = await startServer()
    const {port} = new URL(server.url)
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('NOT HTTP AT ALL\r\n\r\n'))
      let text = ''
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()))
      socket.on('close', () => resolve(text))
      socket.on('error', reject)
    })
    expect(reply).toMatch(/^HTTP\/1\.1 400 /)
    expect(server.clientErrors).toEqual([expect.stringMatching(/^HPE_/)])
    expect(server.requests).toEqual([])
  })
})

describe('runNode', () => {
  it('passes only PATH, HOME, DDCLI_CONFIG_DIR, DDCLI_STORAGE=file and the given env, with temp dirs outside the real home', async () => {
    const result = await runNode(['-e', 'process.stdout.write(JSON.stringify(process.env))'], {env: {DD_SITE: 'x'}})
    const env = JSON.parse(result.stdout.toString()) as Record<string, string>
    expect(Object.keys(env).sort()).toEqual(['DDCLI_CONFIG_DIR', 'DDCLI_STORAGE', 'DD_SITE', 'HOME', 'PATH'])
    expect(env.HOME).not.toBe(process.env.HOME)
    expect(env.DDCLI_CONFIG_DIR?.startsWith(`${env.HOME}/`)).toBe(true)
  })

  it('feeds stdin and returns stdout bytes, stderr text and the exit code', async () => {
    const script = 'process.stdin.pipe(process.stdout); process.stderr.write("err"); process.exitCode = 3'
    const result = await runNode(['-e', script], {stdin: Buffer.from([0, 255, 10])})
    expect(result).toMatchObject({code: 3, signal: null, timedOut: false, stderr: 'err'})
    expect([...result.stdout]).toEqual([0, 255, 10])
  })

  it('kills a process that outlives timeoutMs and says so', async () => {
    const result = await runNode(['-e', 'setTimeout(() => {}, 60_000)'], {timeoutMs: 200})
    expect(result).toMatchObject({code: null, signal: 'SIGKILL', timedOut: true})
  })
})
