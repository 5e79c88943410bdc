import type {Agent as HttpAgent} from 'node:http'
import type {Agent as HttpsAgent} from 'node:https'
import type {Readable} from 'node:stream'
import {noTunnelLine, proxyFailureOf, type ProxyEnv} from '../http/proxy.js'
import type {Masker} from '../credentials/mask.js'
import {redirectGuard, type ReadOnly} from '../call/read-only.js'
import {isDdcliError} from '../errors.js'
import {networkCause, retryDecision, type RetryPolicy} from '../http/retry.js'
import type {send as realSend, TransportResponse} from '../http/transport.js'
import {proxyRefusedLine, refusedRedirectLine} from '../output/render.js'
import type {BuiltRequest} from './build.js'
import type {BodyFilter} from './jq.js'
import type {RateLimits} from './rate-limits.js'
import {bodyTooLarge} from './render.js'
import {bodyJson, errorLine, responseLine, resultHeaders, type ResultHead} from './result.js'

/** One request of the batch on its way: its place in the input, what to send, how often it was tried. */
export interface Job {
  seq: number
  head: ResultHead
  built: BuiltRequest
  attempts: number
  /** Not to be sent before this time (ms since the epoch): a backoff after a server or network error. */
  notBefore: number
  /** The batch masker plus the secrets of this request's own credential headers, when it has any. */
  mask?: Masker
}

/** How one attempt ended: a result line to write (failed: counts for exit 1), or try again after a delay. */
export type Outcome = {kind: 'done', line: string, failed: boolean} | {kind: 'retry', delayMs: number}

/** What an attempt needs: the transport, shared agents and limits, the policy, and the one masker. */
export interface AttemptContext {
  send: typeof realSend
  limits: RateLimits
  /** The batch's clock: a Retry-After date is read against it, as the scheduler waits on it. */
  now: () => number
  policy: RetryPolicy & {timeoutMs: number}
  signal: AbortSignal
  agent: {http: HttpAgent, https: HttpsAgent}
  /** The proxy variables (`proxyEnv`): a proxied request tunnels through the proxy's own agent instead. */
  proxy?: ProxyEnv
  mask: Masker
  /** Largest response body kept for a result. */
  bodyLimit: number
  /** `--jq` on the body of each response below 400, when given. */
  transform?: BodyFilter
  /** Read-only mode: a redirect that would carry a line's search to a write is not followed. */
  readOnly?: ReadOnly
}

/** The error of the transport (which carries the network failure as its `cause`). */
function causeOf(error: unknown): unknown {
  return (error as {cause?: unknown})?.cause ?? error
}

async function readBody(body: Readable, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += (chunk as Buffer).length
    if (size > limit) {
      body.destroy()
      return undefined
    }
    chunks.push(chunk as Buffer)
  }
  // got does not destroy a finished stream itself, and only destroying it removes its listener on the abort signal.
  body.destroy()
  return Buffer.concat(chunks, size)
}

/**
 * Sends a job once (the transport follows same-origin redirects but does not retry: the batch schedules retries,
 * so a request waiting out a rate limit holds no connection). Decides with call's retry rules what comes next.
 */
export async function attempt(job: Job, ctx: AttemptContext): Promise<Outcome> {
  const {request, limitKey} = job.built
  const mask = job.mask ?? ctx.mask
  job.attempts++
  const ticket = ctx.limits.take(limitKey)
  let response: TransportResponse | undefined
  let failure: unknown
  try {
    const refuseRedirect = ctx.readOnly ? redirectGuard(ctx.readOnly, job.built.operation) : undefined
    response = await ctx.send(request, {...ctx.policy, retries: 0, signal: ctx.signal, agent: ctx.agent, proxy: ctx.proxy, ...(refuseRedirect ? {refuseRedirect} : {})})
  } catch (error: unknown) {
    failure = error
  }
  ctx.limits.observe(ticket, response?.status, response?.headers)
  if (ctx.signal.aborted) {
    response?.body.destroy()
    return {kind: 'done', line: errorLine(job.head, 'interrupted'), failed: true}
  }
  // The transport's own verdicts (a redirect loop, a redirect it will not follow) are final and say it all; a network
  // failure comes wrapped, with its cause, and is retried below as call retries it.
  if (!response && isDdcliError(failure) && failure.cause === undefined) return {kind: 'done', line: errorLine(job.head, mask(failure.message)), failed: true}
  // A refused CONNECT is the proxy's answer, not the API's: an error naming the proxy, never a result with its status.
  if (response?.proxyRefused) {
    response.body.destroy()
    return {kind: 'done', line: errorLine(job.head, mask(proxyRefusedLine(response.status, response.statusText, response.proxyRefused))), failed: true}
  }
  const decision = retryDecision({
    status: response?.status, headers: response?.headers, error: causeOf(failure), method: request.method, attempt: job.attempts, replayable: true, now: ctx.now(),
  }, ctx.policy)
  if (decision.retry) {
    response?.body.destroy()
    return {kind: 'retry', delayMs: decision.delayMs}
  }
  if (!response) {
    // Before the proxy's tunnel was open, the API was never reached: the line names the proxy alone.
    const proxy = proxyFailureOf(failure)
    const cause = decision.cause ?? networkCause(causeOf(failure))
    const line = proxy ? noTunnelLine(proxy, cause) : `no response from ${request.url.host}: ${cause}`
    return {kind: 'done', line: errorLine(job.head, mask(line)), failed: true}
  }
  let data: Buffer | undefined
  try {
    data = await readBody(response.body, ctx.bodyLimit)
  } catch (error: unknown) {
    if (ctx.signal.aborted) return {kind: 'done', line: errorLine(job.head, 'interrupted'), failed: true}
    return {kind: 'done', line: errorLine(job.head, `HTTP ${response.status}, then the body failed: ${networkCause(error)}`), failed: true}
  }
  if (data === undefined) return {kind: 'done', line: errorLine(job.head, bodyTooLarge(ctx.bodyLimit)), failed: true}
  const contentType = response.headers['content-type']
  let body = bodyJson(data, contentType)
  // As for call, an error response keeps its body as received: a filter written for the data would hide the error.
  if (ctx.transform && response.status < 400 && !response.refusedRedirect) {
    let filtered
    try {
      filtered = await ctx.transform(body, ctx.signal)
    } catch (error: unknown) {
      if (ctx.signal.aborted) return {kind: 'done', line: errorLine(job.head, 'interrupted'), failed: true}
      filtered = {error: `--jq failed: ${(error as Error)?.message ?? String(error)}`}
    }
    if ('error' in filtered) return {kind: 'done', line: errorLine(job.head, mask(`HTTP ${response.status}, then ${filtered.error}`)), failed: true}
    body = filtered.body
  }
  const refused = response.refusedRedirect ? refusedRedirectLine(response.status, response.refusedRedirect, response.url) : undefined
  const line = responseLine(job.head, response.status, resultHeaders(response.headers, mask), body, refused && mask(refused))
  return {kind: 'done', line, failed: response.status >= 400 || refused !== undefined}
}
