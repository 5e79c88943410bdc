import {spawn, spawnSync} from 'node:child_process'
import {openSync, closeSync} from 'node:fs'
import {readFile, rm} from 'node:fs/promises'
import {createServer, type Server, type Socket} from 'node:net'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {cliCommand, cliPrefix, cliShell, makeTempDir, runCli} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/server.js'

const API_KEY = 'endingsapikey0000000000000000a1b2'
const env = {DD_API_KEY: API_KEY}
const ONE_LINE = /^ddcli: [^\n]+\n$/

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((fn) => fn()))
})

async function server(answers?: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(answers)
  cleanups.push(() => s.close())
  return s
}

/** A raw TCP server that answers every connection with `respond`, for responses node:http would not produce. */
async function rawServer(respond: (socket: Socket) => void): Promise<string> {
  const srv: Server = createServer((socket) => {
    socket.on('error', () => {})
    socket.once('data', () => respond(socket))
  })
  const sockets = new Set<Socket>()
  srv.on('connection', (s) => sockets.add(s))
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise((resolve) => {
    for (const s of sockets) s.destroy()
    srv.close(resolve)
  }))
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`
}

async function tempDir(): Promise<string> {
  const dir = await makeTempDir('ddcli-endings-')
  cleanups.push(() => rm(dir, {recursive: true, force: true}))
  return dir
}

/** Runs a child without blocking this process (the test servers live here too); resolves with its code and output. */
function runChild(file: string, argv: string[], childEnv: Record<string, string>, stdout: 'pipe' | number = 'pipe') {
  return new Promise<{status: number | null, stdout: string, stderr: string}>((resolve) => {
    const child = spawn(file, argv, {env: {PATH: process.env.PATH ?? '', ...childEnv}, stdio: ['ignore', stdout, 'pipe']})
    let out = ''
    let err = ''
    child.stdout?.on('data', (chunk: Buffer) => { out += chunk.toString() })
    child.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString() })
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.on('close', (status) => {
      clearTimeout(killer)
      resolve({status, stdout: out, stderr: err})
    })
  })
}

function mkfifo(path: string): void {
  const result = spawnSync('mkfifo', [path])
  if (result.status !== 0) throw new Error(`mkfifo failed: ${result.stderr}`)
}

/** Waits until the process has started and sits idle (blocked in a read): its CPU time stops moving for 400 ms. */
async function waitUntilIdle(pid: number): Promise<void> {
  let last = ''
  let still = 0
  for (let i = 0; i < 200 && still < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ') ?? []
    const cpu = `${fields[11]}:${fields[12]}`
    still = cpu === last ? still + 1 : 0
    last = cpu
  }
}

/** Spawns the CLI, sends `signal` `afterMs` after it sits blocked, and resolves with its exit code, stderr and how long it took to exit. */
function runAndSignal(args: string[], signal: NodeJS.Signals, afterMs: number, extraEnv: Record<string, string>, keepStdinOpen = true) {
  return new Promise<{code: number | null, stderr: string, exitMs: number}>((resolve) => {
    const child = spawn(cliCommand, [...cliPrefix, ...args], {env: {PATH: process.env.PATH ?? '', HOME: extraEnv.HOME ?? '/nonexistent', ...extraEnv}, stdio: ['pipe', 'pipe', 'pipe']})
    if (!keepStdinOpen) child.stdin.end()
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    child.stdout.resume()
    let sentAt = 0
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    void waitUntilIdle(child.pid!).then(() => setTimeout(() => {
      sentAt = Date.now()
      child.kill(signal)
    }, afterMs))
    child.on('close', (code) => {
      clearTimeout(killer)
      child.stdin.destroy()
      resolve({code, stderr, exitMs: Date.now() - sentAt})
    })
  })
}

describe('bodies from pipes and devices', () => {
  it.each([
    {name: 'a shell pipe', script: (cli: string) => `printf '{"title":"x"}' | ${cli}`},
    // --no-validate below: a body the spec check reads is read whole first (and sent with its length).
    {name: 'a socket (as spawned by node)', script: (cli: string) => `${cli}`},
  ])('sends a body from /dev/stdin ($name), unchecked, chunked, whole, as one request', async ({script}) => {
    const api = await server([{status: 200, body: '{}'}])
    // --no-validate: a JSON body is otherwise read whole to be checked (and sent with its length).
    const cli = `${cliShell()} call POST /api/v1/events --input /dev/stdin --no-validate --api-url ${api.url}`
    const result = script(cli) === cli
      ? await runCli(['call', 'POST', '/api/v1/events', '--input', '/dev/stdin', '--no-validate', '--api-url', api.url], {env, stdin: '{"title":"x"}'})
      : await runChild('bash', ['-c', script(cli)], {...env, DDCLI_CONFIG_DIR: await tempDir()})
    expect(result.stderr).toBe('')
    expect('code' in result ? result.code : result.status).toBe(0)
    const [request] = await api.expectRequests(1)
    expect(request!.body.toString()).toBe('{"title":"x"}')
    expect(request!.headers['transfer-encoding']).toBe('chunked')
    expect(api.clientErrors).toEqual([])
  })

  it('sends a body from a process substitution (a pipe path) whole', async () => {
    const api = await server([{status: 200, body: '{}'}])
    const script = `exec ${cliShell()} call POST /api/v1/events --input <(printf '{"title":"x","text":"y"}') --api-url ${api.url}`
    const result = await runChild('bash', ['-c', script], {...env, DDCLI_CONFIG_DIR: await tempDir()})
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const [request] = await api.expectRequests(1)
    expect(request!.body.toString()).toBe('{"title":"x","text":"y"}')
    expect(api.clientErrors).toEqual([])
  })

  it.each([
    {name: '--input /dev/zero, checked as JSON', args: ['--input', '/dev/zero'], fix: /--input \/dev\/zero is larger than 16 MiB, the most ddcli reads to check that a body is JSON; send it unchecked with --no-validate/},
    {name: '--input /dev/zero --no-validate', args: ['--input', '/dev/zero', '--no-validate'], fix: /--input \/dev\/zero is larger than 64 MiB.*regular file/},
    {name: '-F a=@/dev/zero', args: ['-F', 'a=@/dev/zero'], fix: /field file \/dev\/zero is larger than 16 MiB/},
  ])('bounds a body without end from $name with one clear line and exit 2', async ({args, fix}) => {
    const api = await server(() => ({status: 200, body: '{}'}))
    const result = await runCli(['call', 'POST', '/api/v1/events', ...args, '--api-url', api.url], {env, timeoutMs: 30_000})
    expect(result.timedOut).toBe(false)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(ONE_LINE)
    expect(result.stderr).toMatch(fix)
  })
})

describe('blocking reads abort on a signal', () => {
  it.each([
    {name: '-F a=@fifo', signal: 'SIGTERM' as const, code: 143, args: (fifo: string) => ['call', 'POST', '/api/v1/events', '-F', `a=@${fifo}`]},
    {name: '-F a=@fifo', signal: 'SIGINT' as const, code: 130, args: (fifo: string) => ['call', 'POST', '/api/v1/events', '-F', `a=@${fifo}`]},
    {name: '--input fifo', signal: 'SIGTERM' as const, code: 143, args: (fifo: string) => ['call', 'POST', '/api/v1/events', '--input', fifo]},
    {name: 'auth set-pat reading a pipe that stays open', signal: 'SIGTERM' as const, code: 143, args: () => ['auth', 'set-pat']},
    {name: '--input - reading a pipe that stays open', signal: 'SIGINT' as const, code: 130, args: () => ['call', 'POST', '/api/v1/events', '--input', '-']},
    {name: 'batch --input fifo', signal: 'SIGTERM' as const, code: 143, args: (fifo: string) => ['batch', '--input', fifo]},
    {name: 'batch --input fifo', signal: 'SIGINT' as const, code: 130, args: (fifo: string) => ['batch', '--input', fifo]},
  ])('$name ends at once with $code on $signal', async ({signal, code, args}) => {
    const dir = await tempDir()
    const fifo = join(dir, 'fifo')
    mkfifo(fifo)
    const api = await server(() => ({status: 200, body: '{}'}))
    const argv = args(fifo)
    if (argv[0] === 'call' || argv[0] === 'batch') argv.splice(1, 0, '--api-url', api.url)
    const result = await runAndSignal(argv, signal, 100, {...env, HOME: dir, DDCLI_CONFIG_DIR: join(dir, 'config')})
    expect(result.code).toBe(code)
    expect(result.exitMs).toBeLessThan(2000)
    expect(result.stderr).toMatch(/^ddcli: (interrupted|terminated)\n$/)
    // The writer end is opened only now, so a blocked open would have kept the CLI alive until here.
    closeSync(openSync(fifo, 'w+'))
  })
})

describe('every ending has its code and one line', () => {
  it('exits 5 on a same-origin redirect loop', async () => {
    const api = await server(() => ({status: 302, headers: {location: '/again'}}))
    const result = await runCli(['call', 'GET', '/api/v1/x', '--api-url', api.url], {env})
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 5, stderr: expect.stringMatching(/^ddcli: too many redirects \(more than 5\)[^\n]*\n$/)})
    expect(api.requests).toHaveLength(6)
  })

  it('exits 5 on a redirect whose Location is not a URL', async () => {
    const api = await server([{status: 302, headers: {location: 'http://[::1'}}])
    const result = await runCli(['call', 'GET', '/api/v1/x', '--api-url', api.url], {env})
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 5, stderr: expect.stringMatching(/^ddcli: [^\n]*redirect[^\n]*not a valid URL[^\n]*\n$/)})
  })

  it.each([
    {name: 'a connection cut mid-body', respond: (s: Socket) => { s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789'); setTimeout(() => s.destroy(), 50) }, cause: /cut short|connection/},
    {name: 'a short body then close', respond: (s: Socket) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789'), cause: /cut short|connection/},
    {name: 'a body that stalls', respond: (s: Socket) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789'), cause: /timed out/},
    {name: 'invalid gzip', respond: (s: Socket) => s.end('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 8\r\n\r\nnotgzip!'), cause: /could not be decoded|gzip|incorrect header/},
    // Both fail in the same socket read as the headers: got failed the body before ddcli took it, and the call
    // used to exit 0 with an empty body (a 418 lost too).
    {name: 'a chunk size that is not hex', respond: (s: Socket) => s.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n'), cause: /cut short.*HPE_INVALID_CHUNK_SIZE/},
    {name: 'bytes past the announced length', respond: (s: Socket) => s.end('HTTP/1.1 418 Teapot\r\nContent-Length: 2\r\n\r\n{}}'), cause: /cut short.*HPE_INVALID_CONSTANT/},
    {name: 'an HTTP 101 nobody asked for', respond: (s: Socket) => s.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'), cause: /switched protocols/},
  ])('exits 5 with one line on $name', async ({respond, cause}) => {
    const url = await rawServer(respond)
    const result = await runCli(['call', 'GET', '/api/v1/x', '--api-url', url, '--timeout', '1', '--retries', '0'], {env})
    expect(result.timedOut).toBe(false)
    expect(result.code).toBe(5)
    expect(result.stderr).toMatch(ONE_LINE)
    expect(result.stderr).toMatch(cause)
  })

  it.each([
    {name: '--jq', flags: ['--jq', '.']},
    {name: '--paginate', flags: ['--paginate']},
  ])('exits 5 with one line when a body read whole for $name fails (not an unexpected error, exit 1)', async ({flags}) => {
    const url = await rawServer((s) => s.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n'))
    const result = await runCli(['call', 'GET', '/api/v1/x', '--api-url', url, '--timeout', '1', '--retries', '0', ...flags], {env})
    expect(result.code).toBe(5)
    expect(result.stderr).toMatch(ONE_LINE)
    expect(result.stderr).toMatch(/^ddcli: response from 127\.0\.0\.1:\d+ incomplete: the connection was cut short .*HPE_INVALID_CHUNK_SIZE/)
  })

  it('exits 6 with one line when stdout is a full disk', async () => {
    const api = await server([{status: 200, body: '{"ok":true}'}])
    const full = openSync('/dev/full', 'w')
    const result = await runChild(cliCommand, [...cliPrefix, 'call', 'GET', '/api/v1/x', '--api-url', api.url], {...env, DDCLI_CONFIG_DIR: await tempDir()}, full)
    closeSync(full)
    expect({code: result.status, stderr: result.stderr}).toEqual({code: 6, stderr: expect.stringMatching(/^ddcli: cannot write the output \(ENOSPC[^\n]*\n$/)})
  })

  it('ends quietly when the reader of stderr goes away (--verbose 2>&1 | head -1)', async () => {
    const api = await server(() => ({status: 200, body: '{"ok":true}'}))
    const script = `${cliShell()} call GET /api/v1/x --verbose --api-url ${api.url} 2>&1 >/dev/null | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`
    const result = await runChild('bash', ['-c', script], {...env, DDCLI_CONFIG_DIR: await tempDir()})
    expect(result.stdout.trim()).toBe('0')
  })

  it.each([
    {name: 'a 404', status: 404, code: '1', stderr: /^ddcli: HTTP 404 Not Found[^\n]*\n$/},
    {name: 'a 200', status: 200, code: '0', stderr: /^$/},
  ])('ends $name piped into a reader that stops early (| head -c 10) with its own exit code and line', async ({status, code, stderr}) => {
    const api = await server(() => ({status, body: `{"errors":["Monitor not found"],"pad":"${'x'.repeat(300_000)}"}`}))
    const script = `${cliShell()} call GET /api/v1/x --api-url ${api.url} 2>"$ERR" | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`
    const dir = await tempDir()
    const result = await runChild('bash', ['-c', script], {...env, DDCLI_CONFIG_DIR: dir, ERR: join(dir, 'stderr')})
    expect(result.stdout.trim()).toBe(code)
    expect(await readFile(join(dir, 'stderr'), 'utf8')).toMatch(stderr)
  })

  it('refuses an absurdly deep field with exit 2 instead of overflowing the stack', async () => {
    const api = await server(() => ({status: 200, body: '{}'}))
    const key = `a${'[b]'.repeat(30_000)}`
    const result = await runCli(['call', 'POST', '/api/v1/events', '-f', `${key}=1`, '--api-url', api.url], {env})
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 2, stderr: expect.stringMatching(/^ddcli: field "a\[b\]\[b\][^\n]{0,200}nests more than 32 levels[^\n]*\n$/)})
    expect(api.requests).toHaveLength(0)
  })
})

describe('a server cannot drive the terminal', () => {
  it.each([
    {name: '-i', flag: '-i'},
    {name: '--verbose', flag: '--verbose'},
  ])('escapes an OSC in the reason phrase and a header shown by $name', async ({flag}) => {
    const url = await rawServer((s) => s.end('HTTP/1.1 500 Oops\u001b]0;pwned\u0007\u001b[2J\r\nX-Ok: a\u009b2Jb\r\nContent-Length: 2\r\n\r\n{}', 'latin1'))
    const result = await runCli(['call', 'GET', '/api/v1/x', flag, '--retries', '0', '--api-url', url], {env})
    const shown = `${result.stdout.toString()}${result.stderr}`
    expect(shown).toContain('Oops\\u001b]0;pwned\\u0007')
    // eslint-disable-next-line no-control-regex
    expect(shown).not.toMatch(/[\u001b\u009b]/)
    expect(result.code).toBe(1)
  })
})
