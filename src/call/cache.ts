import {Readable} from 'node:stream'
import type {IncomingHttpHeaders} from 'node:http'
import {SENSITIVE_HEADERS} from '../credentials/mask.js'
import {formatDuration} from '../duration.js'
import type {send as realSend, TransportResponse} from '../http/transport.js'
import {CACHE_LIMITS, cacheKey, entryName, readEntry, writeEntry, type CachedAnswer} from './cache-store.js'

/** What `--cache` needs around the transport: the folder, the TTL, the secrets no entry may hold, a trace line. */
export interface CacheOptions {
  dir: string
  ttlMs: number
  /** The TTL as typed (`5m`), for the trace. */
  ttlText: string
  /** Every configured secret (credentials, proxy passwords, secret -H values): an answer holding one is not stored. */
  secrets: readonly string[]
  /** Writes one `--verbose` line (hit, miss, stored or why not). */
  trace: (line: string) => void
  now?: () => number
}

type Send = typeof realSend

/** Headers as Node gives them parsed, from the raw name/value list (for a stored answer). */
function parsedHeaders(raw: readonly string[]): IncomingHttpHeaders {
  const headers: Record<string, string | string[]> = {}
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase()
    const value = raw[i + 1]!
    const had = headers[name]
    if (name === 'set-cookie') headers[name] = [...(Array.isArray(had) ? had : []), value]
    else headers[name] = had === undefined ? value : `${had as string}, ${value}`
  }
  return headers
}

/** Reads a body up to `limit` bytes: the chunks, and whether it ended within them (an error ends it too, kept). */
async function readUpTo(body: Readable, limit: number): Promise<{chunks: Buffer[], ended: boolean, error?: unknown, rest: AsyncIterator<Buffer>}> {
  const rest = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const chunks: Buffer[] = []
  let size = 0
  try {
    while (size <= limit) {
      const next = await rest.next()
      if (next.done) return {chunks, ended: true, rest}
      chunks.push(Buffer.from(next.value))
      size += next.value.length
    }
    return {chunks, ended: false, rest}
  } catch (error: unknown) {
    return {chunks, ended: true, error, rest}
  }
}

/** The body again, as a stream: the chunks read so far, then the rest of the original (or its error). */
function replay(chunks: Buffer[], ended: boolean, error: unknown, rest: AsyncIterator<Buffer>): Readable {
  return Readable.from((async function * () {
    yield * chunks
    if (error !== undefined) throw error
    if (ended) return
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value
  })(), {objectMode: false})
}

/** Why an answer is not stored, or undefined when it may be. */
function notStorable(response: TransportResponse, body: Buffer | undefined, secrets: readonly string[]): string | undefined {
  if (response.status < 200 || response.status > 299) return `HTTP ${response.status}`
  if (response.refusedRedirect || response.proxyRefused) return 'not the API\'s answer'
  if (body === undefined) return `larger than ${CACHE_LIMITS.entryBytes / 1024 / 1024} MiB`
  // A cookie the server sets, or a credential header it sends back, is a secret of its own: never kept on disk.
  for (let i = 0; i < response.rawHeaders.length; i += 2) {
    if (SENSITIVE_HEADERS.has(response.rawHeaders[i]!.toLowerCase())) return 'the answer carries a credential header (set-cookie, dd-api-key, ...)'
  }
  // In any case, as the masker finds them: a server may echo a key in upper case, and that still gives it away.
  const text = `${response.rawHeaders.join('\n')}\n${body.toString('latin1')}`.toLowerCase()
  const lower = (secret: string) => Buffer.from(secret, 'utf8').toString('latin1').toLowerCase()
  if (secrets.some((secret) => secret !== '' && text.includes(lower(secret)))) return 'the answer holds a configured secret'
  return undefined
}

/**
 * `send` with a response cache in front, as gh's `--cache`: a GET without a body within the TTL is answered from
 * the stored copy (status line, headers and body bytes as the API sent them; nothing goes out); any other request
 * goes out as ever. A 2xx answer to a GET is stored once its body has been read whole (up to the entry bound), unless
 * it holds a configured secret. Cache trouble never fails the call: it only says so with --verbose.
 */
export function cachingSend(send: Send, options: CacheOptions): Send {
  const now = options.now ?? Date.now
  let key: Promise<Buffer> | undefined
  return async (request, sendOptions) => {
    if (request.method !== 'GET' || request.body !== undefined) {
      options.trace(`* cache: not used for ${request.method}${request.body ? ' with a body' : ''}\n`)
      return send(request, sendOptions)
    }
    let name: string | undefined
    try {
      key ??= cacheKey(options.dir)
      name = entryName(await key, request.method, request.url, request.headers)
      const hit = await readEntry(options.dir, name, options.ttlMs, now())
      if (hit) {
        options.trace(`* cache hit: stored ${formatDuration(Math.round(hit.ageMs))} ago, within --cache ${options.ttlText.trim()}; nothing sent\n`)
        return fromCache(hit.answer, hit.body, request.url, sendOptions.onEvent)
      }
      options.trace('* cache miss\n')
    } catch (error: unknown) {
      options.trace(`* cache: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`)
    }
    const response = await send(request, sendOptions)
    if (name === undefined || response.status < 200 || response.status > 299 || response.refusedRedirect || response.proxyRefused) {
      if (name !== undefined) options.trace(`* cache: not stored (${notStorable(response, Buffer.alloc(0), [])})\n`)
      return response
    }
    const read = await readUpTo(response.body, CACHE_LIMITS.entryBytes)
    const whole = read.ended && read.error === undefined ? Buffer.concat(read.chunks) : undefined
    if (read.error === undefined) {
      const why = notStorable(response, whole, options.secrets)
      if (why) options.trace(`* cache: not stored (${why})\n`)
      else {
        try {
          await writeEntry(options.dir, name, {status: response.status, statusText: response.statusText, httpVersion: response.httpVersion, rawHeaders: response.rawHeaders}, whole!)
          options.trace(`* cache: stored ${whole!.length} bytes\n`)
        } catch (error: unknown) {
          options.trace(`* cache: not stored (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`)
        }
      }
    }
    return {...response, body: replay(read.chunks, read.ended, read.error, read.rest)}
  }
}

/** A stored answer as the transport would have given it; the response event lets --verbose print its headers. */
function fromCache(answer: CachedAnswer, body: Buffer, url: URL, onEvent: Parameters<Send>[1]['onEvent']): TransportResponse {
  const headers = parsedHeaders(answer.rawHeaders)
  onEvent?.({type: 'response', status: answer.status, statusText: answer.statusText, httpVersion: answer.httpVersion, headers, elapsedMs: 0})
  return {status: answer.status, statusText: answer.statusText, httpVersion: answer.httpVersion, headers, rawHeaders: answer.rawHeaders, url, body: Readable.from(body.length > 0 ? [body] : [], {objectMode: false}), attempts: 0}
}
