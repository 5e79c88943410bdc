import {readFileSync} from 'node:fs'
import {createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse} from 'node:http'
import {createServer as createTlsServer} from 'node:https'
import type {AddressInfo} from 'node:net'

/** One request as the server saw it; `url` is the raw request target (path and query exactly as sent). */
export interface RecordedRequest {
  method: string
  url: string
  path: string
  query: string
  headers: IncomingHttpHeaders
  body: Buffer
}

/** What the server answers; headers are sent as given, the body defaults to empty. */
export interface CannedResponse {
  status: number
  statusText?: string
  headers?: Record<string, string>
  body?: string | Buffer
}

/** Computes the answer to one request; a throw becomes a 500 naming the error. */
export type Handler = (request: RecordedRequest) => CannedResponse | Promise<CannedResponse>

/** A local server on 127.0.0.1 with its recorded requests. */
export interface TestServer {
  /** Origin to pass as `--api-url`, e.g. `http://127.0.0.1:43121`. */
  url: string
  /** Every request received so far, in arrival order. */
  requests: RecordedRequest[]
  /** Bytes Node could not parse as HTTP (e.g. a body sent without Content-Length), as `CODE: message`; each got a 400. */
  clientErrors: string[]
  /** TCP connections accepted so far (keep-alive reuse shows as fewer connections than requests). */
  readonly connections: number
  /** Appends answers used in order, before the handler is consulted. */
  enqueue(...responses: CannedResponse[]): void
  /** Waits up to `timeoutMs` for `count` requests; rejects, listing what arrived, unless exactly `count` did. */
  expectRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>
  /** Drops open connections and stops listening; safe to call twice. */
  close(): Promise<void>
}

const noAnswer: Handler = (request) => ({
  status: 500,
  headers: {'content-type': 'text/plain'},
  body: `test server: no canned response left for ${request.method} ${request.url}`,
})

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made for these tests only (its key is public). A CLI that
 * must trust it is spawned with NODE_EXTRA_CA_CERTS=LOOPBACK_CA.
 */
export const LOOPBACK_CA = new URL('../fixtures/tls/loopback.crt', import.meta.url).pathname
const LOOPBACK_KEY = new URL('../fixtures/tls/loopback.key', import.meta.url).pathname

/**
 * Starts a server answering from a queue of canned responses, then from `handler` (default: a 500 saying the queue
 * is empty). With `tls`, it serves https with the LOOPBACK_CA certificate.
 */
export async function startServer(answers: Handler | CannedResponse[] = [], options: {tls?: boolean} = {}): Promise<TestServer> {
  const queue = Array.isArray(answers) ? [...answers] : []
  const handler = Array.isArray(answers) ? noAnswer : answers
  const requests: RecordedRequest[] = []
  const waiters = new Set<() => void>()

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    void record(req).then(async (request) => {
      requests.push(request)
      for (const wake of waiters) wake()
      const answer = queue.shift() ?? (await answerFrom(handler, request))
      send(res, answer)
    }).catch(() => res.destroy())
  }
  const server = options.tls
    ? createTlsServer({key: readFileSync(LOOPBACK_KEY), cert: readFileSync(LOOPBACK_CA)}, listener)
    : createServer(listener)
  let connections = 0
  server.on('connection', () => { connections++ })
  const clientErrors: string[] = []
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    clientErrors.push(`${error.code}: ${error.message}`)
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const {port} = server.address() as AddressInfo
  let closed: Promise<void> | undefined

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    clientErrors,
    get connections() {
      return connections
    },
    enqueue: (...responses) => void queue.push(...responses),
    expectRequests: (count, timeoutMs = 2000) => waitForRequests(requests, waiters, count, timeoutMs),
    close() {
      closed ??= new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
      return closed
    },
  }
}

/** One line per request, for failure messages. */
export function describeRequests(requests: RecordedRequest[]): string {
  if (requests.length === 0) return '(none)'
  return requests.map((r) => `${r.method} ${r.url} (${r.body.length} body bytes)`).join('\n')
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const url = req.url ?? ''
  const mark = url.indexOf('?')
  return {
    method: req.method ?? '',
    url,
    path: mark === -1 ? url : url.slice(0, mark),
    query: mark === -1 ? '' : url.slice(mark + 1),
    headers: req.headers,
    body: Buffer.concat(chunks),
  }
}

async function answerFrom(handler: Handler, request: RecordedRequest): Promise<CannedResponse> {
  try {
    return await handler(request)
  } catch (error: unknown) {
    return {status: 500, headers: {'content-type': 'text/plain'}, body: `test server handler failed: ${String(error)}`}
  }
}

function send(res: ServerResponse, answer: CannedResponse): void {
  res.statusCode = answer.status
  if (answer.statusText !== undefined) res.statusMessage = answer.statusText
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value)
  res.end(answer.body ?? '')
}

async function waitForRequests(
  requests: RecordedRequest[],
  waiters: Set<() => void>,
  count: number,
  timeoutMs: number,
): Promise<RecordedRequest[]> {
  const deadline = Date.now() + timeoutMs
  while (requests.length < count && Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        waiters.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, deadline - Date.now())
      waiters.add(wake)
    })
  }
  if (requests.length !== count) {
    throw new Error(`expected ${count} request(s), received ${requests.length}:\n${describeRequests(requests)}`)
  }
  return [...requests]
}
