import type {IncomingHttpHeaders} from 'node:http'
import {formatDuration} from '../duration.js'

/** When and how long to retry: `--retries`, `--max-wait`, `--retry-unsafe`. */
export interface RetryPolicy {
  retries: number
  maxWaitMs: number
  retryUnsafe: boolean
  /** First backoff step; doubled each attempt, with jitter. */
  backoffMs?: number
  /** Injected for tests of jitter; defaults to Math.random. */
  random?: () => number
}

/** The facts of one finished attempt. */
export interface AttemptOutcome {
  status?: number
  headers?: IncomingHttpHeaders
  error?: unknown
  method: string
  attempt: number
  /** When the answer came (ms since the epoch), to read a Retry-After date against; the real time when absent. */
  now?: number
  /** False when the request body was a stream that cannot be sent again. */
  replayable: boolean
}

/** Whether to try again, after how long, and why (the cause is also the give-up reason when not retrying). */
export type RetryDecision = {retry: true, delayMs: number, cause: string} | {retry: false, cause?: string}

/** Methods that may be sent again after a server error: the server may have acted on a POST or PATCH. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])
const RETRY_STATUSES = new Set([500, 502, 503, 504])
const RETRY_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED'])

/** Seconds to wait from `X-RateLimit-Reset` (seconds), else `Retry-After` (seconds or an HTTP date). */
export function rateLimitWaitMs(headers: IncomingHttpHeaders | undefined, now = Date.now()): number | undefined {
  const reset = headerValue(headers, 'x-ratelimit-reset')
  if (reset !== undefined && /^\d+(\.\d+)?$/.test(reset)) return Math.ceil(Number(reset) * 1000)
  const after = headerValue(headers, 'retry-after')
  if (after === undefined) return undefined
  if (/^\d+(\.\d+)?$/.test(after)) return Math.ceil(Number(after) * 1000)
  const date = Date.parse(after)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function headerValue(headers: IncomingHttpHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name]
  return (Array.isArray(value) ? value[0] : value)?.trim()
}

/** A short, human cause for a failed exchange: `connection refused (ECONNREFUSED)`. */
export function networkCause(error: unknown): string {
  const code = (error as {code?: string})?.code ?? 'unknown error'
  // A proxy's failure says what the proxy did (got wraps it, keeping it as the cause).
  const proxyCause = [error, (error as {cause?: unknown})?.cause].map((one) => (one as {proxyCause?: unknown})?.proxyCause).find((one) => typeof one === 'string')
  if (proxyCause) return `${proxyCause as string} (${code})`
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'DNS lookup failed',
    ETIMEDOUT: 'timed out',
    EPIPE: 'connection closed while sending',
    ENETUNREACH: 'network unreachable',
    EHOSTUNREACH: 'host unreachable',
  }
  if (words[code]) return `${words[code]} (${code})`
  if (/CERT|TLS|SSL/i.test(code)) return `TLS failed (${code})`
  const message = (error as {message?: string})?.message
  return message ? `${message} (${code})` : code
}

function describeStatus(status: number, headers: IncomingHttpHeaders | undefined): string {
  if (status === 429) {
    const name = headerValue(headers, 'x-ratelimit-name')
    return name ? `rate limited (${name})` : 'rate limited'
  }
  return `HTTP ${status}`
}

/** Exponential backoff with equal jitter: half fixed, half random, so parallel clients spread out. */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  const step = (policy.backoffMs ?? 500) * 2 ** (attempt - 1)
  return Math.round(step / 2 + (policy.random ?? Math.random)() * step / 2)
}

/**
 * The retry rules. A 429 was not processed, so every method is retried after the server's reset time, unless
 * that is longer than `--max-wait`. Server and network errors are retried only for idempotent methods, unless
 * `--retry-unsafe`. Nothing else is retried.
 */
export function retryDecision(outcome: AttemptOutcome, policy: RetryPolicy): RetryDecision {
  const {status, headers, error, method, attempt} = outcome
  const left = attempt <= policy.retries
  if (status === 429) {
    const cause = describeStatus(429, headers)
    if (!left) return {retry: false, cause: `${cause}, gave up after ${attempt} attempts`}
    if (!outcome.replayable) return {retry: false, cause: `${cause}; the request body from stdin cannot be sent again`}
    const wait = rateLimitWaitMs(headers, outcome.now) ?? backoffMs(attempt, policy)
    if (wait > policy.maxWaitMs) {
      return {retry: false, cause: `${cause}; the limit resets in ${Math.ceil(wait / 1000)} s, longer than --max-wait ${formatDuration(policy.maxWaitMs)}`}
    }
    return {retry: true, delayMs: wait, cause}
  }
  const transient = status === undefined ? RETRY_CODES.has((error as {code?: string})?.code ?? '') : RETRY_STATUSES.has(status)
  if (!transient) return {retry: false}
  const cause = status === undefined ? networkCause(error) : describeStatus(status, headers)
  // The final error line already names the status; only a network failure needs its cause in the give-up text.
  const lead = status === undefined ? `${cause}, ` : ''
  if (!IDEMPOTENT.has(method) && !policy.retryUnsafe) {
    return policy.retries > 0 ? {retry: false, cause: `${lead}${method} is not retried without --retry-unsafe`} : {retry: false}
  }
  if (!left) return policy.retries > 0 ? {retry: false, cause: `${lead}gave up after ${attempt} attempts`} : {retry: false}
  if (!outcome.replayable) return {retry: false, cause: `${lead}the request body from stdin cannot be sent again`}
  const serverWait = status === undefined ? undefined : rateLimitWaitMs(headers, outcome.now)
  const delayMs = serverWait !== undefined && serverWait <= policy.maxWaitMs ? serverWait : backoffMs(attempt, policy)
  return {retry: true, delayMs, cause}
}
