import fs from 'node:fs'
import type {Agent as HttpAgent, IncomingHttpHeaders} from 'node:http'
import type {Agent as HttpsAgent} from 'node:https'
import {Readable, Transform} from 'node:stream'
import {setTimeout as sleep} from 'node:timers/promises'
import {NetworkError, UsageError, isDdcliError} from '../errors.js'
import {readFailure, streamTooLarge} from './body-read.js'
import {markProxyFailure, noTunnelLine, proxyAgent, proxyError, proxyRoute, type ProxyEnv, type ProxyRoute} from './proxy.js'
import {networkCause, retryDecision, type RetryPolicy} from './retry.js'

/** Where a request body comes from; a stream can be sent again only when it was captured whole. */
export type BodySource =
  | {kind: 'buffer', data: Buffer}
  | {kind: 'file', path: string, size: number}
  | {kind: 'stream', stream: Readable, label: string, limit: number}

/** A request ready to send: every header, credentials included, is already set. */
export interface TransportRequest {
  method: string
  url: URL
  headers: Record<string, string>
  body?: BodySource
}

/** What the transport reports as it goes, for `--verbose` and retry announcements. */
export type TransportEvent =
  | {type: 'request', attempt: number, method: string, url: URL, headers: Record<string, string>}
  | {type: 'response', status: number, statusText: string, httpVersion: string, headers: IncomingHttpHeaders, elapsedMs: number}
  | {type: 'retry', cause: string, delayMs: number, attempt: number, max: number}
  | {type: 'give-up', cause: string}
  | {type: 'redirect', status: number, to: URL, followed: boolean}
  | {type: 'proxy', route: ProxyRoute, url: URL}

/** How to send: timeouts, retries, and the abort signal of Ctrl-C. */
export interface TransportOptions extends RetryPolicy {
  timeoutMs: number
  signal: AbortSignal
  maxRedirects?: number
  /** The proxy variables of the environment (`proxyEnv`); absent: every request goes direct. */
  proxy?: ProxyEnv
  onEvent?: (event: TransportEvent) => void
  /** Connection agents to share between requests (batch keeps connections alive); got's defaults otherwise. */
  agent?: {http?: HttpAgent, https?: HttpsAgent}
  /** Why a same-origin redirect that would send `method` to `to` must not be followed (read-only mode), if it must not. */
  refuseRedirect?: (method: string, to: URL) => string | undefined
}

/** A response whose body has not been read yet. */
export interface TransportResponse {
  status: number
  statusText: string
  httpVersion: string
  headers: IncomingHttpHeaders
  rawHeaders: string[]
  url: URL
  body: Readable
  attempts: number
  /** Set when the server redirected to another origin, which ddcli does not follow. */
  refusedRedirect?: URL
  /** Why the last failure was not retried, when retrying was considered (`gave up after 4 attempts`). */
  gaveUp?: string
  /**
   * The proxy, when it refused the CONNECT tunnel: the status and headers are its answer (its body is dropped: it
   * is not the API's, and often framed wrong), and nothing reached the API.
   */
  proxyRefused?: Extract<ProxyRoute, {kind: 'proxy'}>
}

/** How one exchange ended: the API's response, or the proxy's refusal of the tunnel. */
type Exchanged =
  | {kind: 'response', response: import('got').Response, stream: Readable}
  | {kind: 'refused', status: number, statusText: string, headers: IncomingHttpHeaders}

const CAPTURE_LIMIT = 16 * 1024 * 1024

/** Turns a body source into what got sends for one attempt; a stream is captured so a retry can resend it. */
function bodyForAttempt(body: BodySource | undefined, capture: {chunks: Buffer[], size: number, complete: boolean, overflow: boolean}) {
  if (body === undefined) return undefined
  if (body.kind === 'buffer') return body.data
  // Exactly the size announced in Content-Length, even if the file grows while it is sent.
  if (body.kind === 'file') return body.size === 0 ? Buffer.alloc(0) : fs.createReadStream(body.path, {start: 0, end: body.size - 1})
  const {label, limit} = body
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      capture.size += chunk.length
      if (capture.size > limit) {
        body.stream.destroy()
        done(streamTooLarge(label, limit))
        return
      }
      if (capture.size > CAPTURE_LIMIT) capture.overflow = true
      else capture.chunks.push(chunk)
      done(null, chunk)
    },
    flush(done) {
      capture.complete = true
      done()
    },
  })
  body.stream.once('error', (error) => tap.destroy(error))
  return body.stream.pipe(tap)
}

/**
 * Framing for a streamed body. Node sends a body of unknown length unframed for DELETE and OPTIONS (no chunked
 * encoding by default), which a server reads as the start of the next request: a file gets its length, a
 * stream is chunked.
 */
function framingHeaders(body: BodySource | undefined, headers: Record<string, string>): Record<string, string> {
  if (!body || body.kind === 'buffer' || Object.keys(headers).some((name) => /^(content-length|transfer-encoding)$/i.test(name))) return headers
  if (body.kind === 'file') return {...headers, 'Content-Length': String(body.size)}
  return {...headers, 'Transfer-Encoding': 'chunked'}
}

/**
 * One HTTP exchange with got: no retries, no redirects, no thrown HTTP errors; those are ours to decide. `stage.socket`
 * tells whether a socket was handed over: through a proxy, a failure before that is the proxy's.
 */
async function exchange(request: TransportRequest, body: unknown, options: TransportOptions, route: ProxyRoute, stage: {socket: boolean}) {
  const {got} = await import('got')
  const agent = route.kind === 'proxy' ? await proxyAgent(route.url, options.timeoutMs) : undefined
  return new Promise<Exchanged>((resolve, reject) => {
    const stream = got.stream(request.url, {
      method: request.method as 'GET',
      headers: framingHeaders(request.body, request.headers),
      body: body as string | undefined,
      throwHttpErrors: false,
      followRedirect: false,
      retry: {limit: 0},
      decompress: true,
      signal: options.signal,
      // A proxied request goes through the proxy's tunnel agent, whatever shared agents the caller keeps.
      ...(agent ? {agent: {http: agent, https: agent as import('node:https').Agent}} : options.agent ? {agent: options.agent} : {}),
      timeout: {lookup: options.timeoutMs, connect: options.timeoutMs, secureConnect: options.timeoutMs, response: options.timeoutMs, socket: options.timeoutMs},
    })
    stream.once('response', (response: import('got').Response) => resolve({kind: 'response', response, stream}))
    stream.once('error', reject)
    stream.once('request', (req: import('node:http').ClientRequest) => req.once('socket', () => { stage.socket = true }))
    // https-proxy-agent replays a refused CONNECT (any status but 200) as if it were the API's response, body and
    // all, cut at the first packet: it is the proxy's answer, taken here from its status line alone.
    stream.once('request', (req: import('node:http').ClientRequest) => req.once('proxyConnect', (connect: {statusCode: number, statusText: string, headers: IncomingHttpHeaders}) => {
      if (connect.statusCode === 200) return
      stream.on('error', () => {})
      stream.destroy()
      if (Number.isInteger(connect.statusCode) && connect.statusCode >= 100 && connect.statusCode <= 599) {
        resolve({kind: 'refused', status: connect.statusCode, statusText: connect.statusText, headers: connect.headers})
      } else {
        reject(proxyError('its answer to CONNECT is not HTTP', 'EPROTO'))
      }
    }))
    // Node hands a 101 to 'upgrade' listeners only, and got has none: without this the run would hang, then end silently.
    stream.once('request', (req: import('node:http').ClientRequest) => req.once('upgrade', (_res, socket) => {
      socket.destroy()
      reject(new NetworkError(`${request.url.host} switched protocols (HTTP 101), which ddcli does not speak; check the URL`))
    }))
    stream.once('close', () => reject(new NetworkError(`${request.url.host} closed the connection before a response; try again`)))
    if (body === undefined && request.method !== 'GET' && request.method !== 'HEAD') stream.end()
  })
}

/**
 * Sends a request, retrying and following same-origin redirects as the policy says. Redirects to another origin
 * are not followed: the credentials on this request belong to its origin only.
 */
export async function send(request: TransportRequest, options: TransportOptions): Promise<TransportResponse> {
  const emit = options.onEvent ?? (() => {})
  // The one place requests leave: got would turn a URL's user and password into Authorization: Basic.
  if (request.url.username !== '' || request.url.password !== '') throw new UsageError('a request URL must not contain a user name or password')
  const capture = {chunks: [] as Buffer[], size: 0, complete: false, overflow: false}
  let current = {...request}
  let redirects = 0
  let route: ProxyRoute | undefined
  for (let attempt = 1; ; attempt++) {
    const started = process.hrtime.bigint()
    if (!route && options.proxy) emit({type: 'proxy', route: route = proxyRoute(current.url, options.proxy), url: current.url})
    emit({type: 'request', attempt, method: current.method, url: current.url, headers: current.headers})
    let exchanged: Exchanged | undefined
    let failure: unknown
    const stage = {socket: false}
    try {
      exchanged = await exchange(current, bodyForAttempt(current.body, capture), options, route ?? {kind: 'direct'}, stage)
    } catch (error: unknown) {
      if (options.signal.aborted) throw options.signal.reason
      // Our own errors (a body without end, wrapped by got; a switch of protocol) are final.
      const own = isDdcliError(error) ? error : (error as {cause?: unknown}).cause
      if (isDdcliError(own)) throw own
      // A local file that fails while it is sent (it vanished, an I/O error) is not the server's doing.
      if ((own as {path?: unknown})?.path !== undefined) throw new UsageError(`cannot read the request body (${readFailure(own)}); check --input`)
      failure = error
    }
    // The proxy's refusal is not the API's answer: its Location is not followed, its 5xx or 429 not retried.
    if (exchanged?.kind === 'refused' && route?.kind === 'proxy') {
      emit({type: 'response', status: exchanged.status, statusText: exchanged.statusText, httpVersion: '1.1', headers: exchanged.headers, elapsedMs: elapsedMs(started)})
      const {status, statusText, headers} = exchanged
      return {status, statusText, headers, httpVersion: '1.1', rawHeaders: [], url: current.url, body: Readable.from([]), attempts: attempt, proxyRefused: route}
    }
    const result = exchanged?.kind === 'response' ? exchanged : undefined
    if (result && current.body?.kind === 'stream' && capture.complete && !capture.overflow) {
      current = {...current, body: {kind: 'buffer', data: Buffer.concat(capture.chunks)}}
    }
    const replayable = current.body?.kind !== 'stream'
    const status = result?.response.statusCode
    if (result) {
      const {response} = result
      emit({type: 'response', status: status!, statusText: response.statusMessage ?? '', httpVersion: response.httpVersion, headers: response.headers, elapsedMs: elapsedMs(started)})
      const location = response.headers.location
      if (status! >= 300 && status! < 400 && status !== 304 && location) {
        const to = redirectTarget(location, current.url, status!, result.stream)
        const sameOrigin = to.origin === current.url.origin
        // got would send a Location's user and password as Authorization: Basic, in place of the PAT: credentials
        // the server chose. Refused, as a PATH with them is.
        const userInfo = to.username !== '' || to.password !== ''
        const maxRedirects = options.maxRedirects ?? 5
        const toGet = status === 303 || ((status === 301 || status === 302) && current.method === 'POST')
        const refused = sameOrigin ? options.refuseRedirect?.(toGet && current.method !== 'HEAD' ? 'GET' : current.method, to) : undefined
        emit({type: 'redirect', status: status!, to, followed: sameOrigin && !userInfo && !refused && redirects < maxRedirects && (replayable || toGet)})
        if (!sameOrigin) return toResponse(result, attempt, current.url, to)
        result.stream.destroy()
        if (refused) throw new NetworkError(`HTTP ${status} ${refused}`)
        if (userInfo) {
          throw new NetworkError(`HTTP ${status} redirect from ${current.url.host} has a user name or password in its Location, which ddcli does not follow (it would replace your credentials); the server sent a bad redirect`)
        }
        if (redirects >= maxRedirects) {
          throw new NetworkError(`too many redirects (more than ${maxRedirects}) from ${current.url.host}, last to ${to.pathname}; the server redirects in a loop`)
        }
        if (!replayable && !toGet) {
          throw new NetworkError(`HTTP ${status} redirect to ${to.pathname} cannot be followed: the request body from stdin was not kept to send again; pass it as a file with --input FILE`)
        }
        redirects++
        current = toGet ? {...current, url: to, method: current.method === 'HEAD' ? 'HEAD' : 'GET', body: undefined, headers: withoutBodyHeaders(current.headers)} : {...current, url: to}
        attempt--
        continue
      }
    }
    const decision = retryDecision({status, headers: result?.response.headers, error: failure, method: current.method, attempt, replayable}, options)
    if (decision.retry) {
      emit({type: 'retry', cause: decision.cause, delayMs: decision.delayMs, attempt, max: options.retries})
      result?.stream.destroy()
      await sleep(decision.delayMs, undefined, {signal: options.signal}).catch(() => { throw options.signal.reason })
      continue
    }
    if (decision.cause) emit({type: 'give-up', cause: decision.cause})
    if (result) return {...toResponse(result, attempt, current.url), gaveUp: decision.cause}
    const cause = decision.cause ?? networkCause(failure)
    // Before the proxy handed over a socket (or when it answered CONNECT with something else than HTTP), the API
    // was never reached: the line names the proxy alone.
    if (route?.kind === 'proxy' && (!stage.socket || (failure as {proxyCause?: unknown})?.proxyCause !== undefined)) {
      throw markProxyFailure(new NetworkError(noTunnelLine(route, cause), {cause: failure}), route)
    }
    const via = route?.kind === 'proxy' ? ` through proxy ${route.label} (${route.source})` : ''
    throw new NetworkError(`no response from ${current.url.host}${via}: ${cause}`, {cause: failure})
  }
}

/** Milliseconds since `started` (process.hrtime: the global `performance` loads eight perf modules at first use). */
function elapsedMs(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6
}

/** The URL a `Location` points to; a server that sends one that is not a URL gets no response from us either. */
function redirectTarget(location: string, from: URL, status: number, stream: Readable): URL {
  try {
    return new URL(location, from)
  } catch {
    stream.destroy()
    throw new NetworkError(`HTTP ${status} redirect from ${from.host} with a Location that is not a valid URL; the server sent a broken redirect`)
  }
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-(type|length|encoding)$/i.test(name)))
}

function toResponse({response, stream}: Extract<Exchanged, {kind: 'response'}>, attempts: number, url: URL, refusedRedirect?: URL): TransportResponse {
  return {
    status: response.statusCode,
    statusText: response.statusMessage ?? '',
    httpVersion: response.httpVersion,
    headers: response.headers,
    rawHeaders: response.rawHeaders,
    url,
    body: stream,
    attempts,
    refusedRedirect,
  }
}
