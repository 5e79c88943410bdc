import {createHash} from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import {cutShort} from '../closest.js'
import type {Masker} from '../credentials/mask.js'
import {ApiError, UsageError, isDdcliError} from '../errors.js'
import type {TransportEvent, TransportRequest, TransportResponse} from '../http/transport.js'
import type {IO} from '../io.js'
import {readBody} from '../output/body.js'
import {apiErrorMessage, errorBodyText, httpErrorLine, proxyRefusedLine, refusedRedirectLine} from '../output/render.js'
import type {Operation} from '../spec/index.js'
import {arrayItems, compactJson} from './json-items.js'
import {ItemOutput, type ItemOutputOptions} from './output.js'
import {paramValue, withParam, type PageRequest} from './params.js'
import {Progress, progressText} from './progress.js'
import {followOf, followResults, resumeFlag, strategyOf, valueAt, type ParamLocation, type Strategy} from './strategy.js'

/** What `--paginate` walks: the first page's request and how to print. */
export interface PaginateOptions extends ItemOutputOptions {
  method: string
  headers: Record<string, string>
  first: PageRequest
  /** Used when the list takes no JSON body of its own to page through. */
  rawBody?: Buffer
  operation?: Operation
  maxItems?: number
  pageSize?: number
}

/** Sends one page (retries and rate limits included) under `signal`, reporting transport events. */
export type PageSend = (request: TransportRequest, onEvent: (event: TransportEvent) => void, signal: AbortSignal, agent: PageAgents) => Promise<TransportResponse>

/** Keep-alive agents shared by the pages of one walk: one connection instead of one per page. */
export type PageAgents = {http: http.Agent, https: https.Agent}

export interface PaginateDeps {
  io: IO
  mask: Masker
  send: PageSend
  /** Ctrl-C; each page gets a child signal of its own, so listeners do not pile up over a thousand pages. */
  signal: AbortSignal
  /** Called with each transport event (for --verbose). */
  onEvent?: (event: TransportEvent) => void
  /** Called with each page's body as received (for --verbose). */
  onBody?: (body: string) => void
  /** What to check after a 401 or 403 from a page's URL (the credentials sent and their sources, never values). */
  authHint?: (url: URL) => string
}

const CURSOR_LOCATION: ParamLocation = {in: 'query', name: 'page[cursor]'}

/** The strategy for a call, or a usage error (before any request) when the operation does not paginate. */
export function planStrategy(operation: Operation | undefined, pageSize: number | undefined): Strategy {
  if (!operation) {
    if (pageSize !== undefined) throw new UsageError('--page-size needs a list the spec index knows; set its limit parameter with -f instead')
    return {kind: 'follow'}
  }
  const strategy = operation.pagination ? strategyOf(operation.pagination) : undefined
  if (!strategy) throw new UsageError(`${operation.operationId} does not return pages; drop --paginate (ddcli api list shows the lists that paginate)`)
  return strategy
}

/**
 * Where the walk starts, and `shortBelow`: a page with fewer items than that is the last one. The user's limit
 * (--page-size or a limit field) is sent as given. Else the largest page the spec allows (its limit's `maximum`, or
 * --max-items when smaller): fewer requests. A server may serve less than the spec's maximum, so such a page ends the
 * walk only when it is shorter than the spec's default, which every server honours; a longer short page goes on to
 * the cursor or an empty page (at most one more request), rather than dropping items. Else the spec's default.
 */
export function firstRequest(strategy: Strategy, request: PageRequest, pageSize: number | undefined, maxItems?: number): {request: PageRequest, limit?: number, shortBelow?: number} {
  if (strategy.kind === 'follow' || !strategy.limit) return {request}
  const given = paramValue(request, strategy.limit)
  if (pageSize !== undefined) {
    if (given !== undefined && Number(given) !== pageSize) throw new UsageError('--page-size and a limit field disagree; give the page size once')
    return {request: withParam(request, strategy.limit, pageSize), limit: pageSize, shortBelow: pageSize}
  }
  if (given !== undefined) {
    const limit = Number.isFinite(Number(given)) ? Number(given) : undefined
    return {request, limit, shortBelow: limit}
  }
  const {limitDefault, limitMax} = strategy
  if (limitMax !== undefined) {
    const limit = maxItems !== undefined && maxItems < limitMax ? maxItems : limitMax
    const trusted = limitDefault === undefined ? undefined : Math.min(limit, limitDefault)
    return {request: withParam(request, strategy.limit, limit), limit, shortBelow: trusted}
  }
  if (limitDefault === undefined) return {request}
  return {request: withParam(request, strategy.limit, limitDefault), limit: limitDefault, shortBelow: limitDefault}
}

/**
 * Why the page size the user set (--page-size, or the list's limit parameter as a field) cannot be sent: above the
 * largest page the spec allows for the list, which Datadog answers with a 400 after the round trip. Undefined when
 * it can, or when the spec names no maximum.
 */
export function pageSizeProblem(strategy: Strategy, request: PageRequest, pageSize: number | undefined, operationId: string): string | undefined {
  if (strategy.kind === 'follow' || !strategy.limit || strategy.limitMax === undefined) return undefined
  const max = strategy.limitMax
  const name = strategy.limit.in === 'query' ? strategy.limit.name : strategy.limit.path.join('.')
  if (pageSize !== undefined) {
    if (pageSize <= max) return undefined
    return `--page-size ${pageSize} is above the largest page ${operationId} serves (${name} at most ${max}); give --page-size ${max} or less, or leave it out for the largest page (--no-validate sends it anyway)`
  }
  const given = paramValue(request, strategy.limit)
  if (given === undefined || !(Number(given) > max)) return undefined
  return `${name}=${cutShort(String(given), 23)} is above the largest page ${operationId} serves (at most ${max}); give ${max} or less, or leave it out for the largest page (--no-validate sends it anyway)`
}

function locationOf(strategy: Strategy): ParamLocation | undefined {
  if (strategy.kind === 'cursor') return strategy.cursor
  if (strategy.kind === 'offset') return strategy.offset
  if (strategy.kind === 'page') return strategy.page
  return undefined
}

/** Runs one page under a child of `parent`, unlinked afterwards (got leaves its abort listener on the signal). */
async function withPageSignal<T>(parent: AbortSignal, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const child = new AbortController()
  const forward = () => child.abort(parent.reason)
  if (parent.aborted) forward()
  parent.addEventListener('abort', forward, {once: true})
  try {
    return await run(child.signal)
  } finally {
    parent.removeEventListener('abort', forward)
  }
}

async function readAll(response: TransportResponse): Promise<string> {
  return (await readBody(response.body, response.url.host)).toString('utf8')
}

/**
 * Walks every page of a list and prints its items as they arrive, one page in memory at a time. An error stops
 * the walk: items already printed stay, and the error says at which page it stopped and how to resume.
 */
export async function paginate(options: PaginateOptions, deps: PaginateDeps): Promise<void> {
  const {io, mask} = deps
  const strategy = planStrategy(options.operation, options.pageSize)
  const start = firstRequest(strategy, options.first, options.pageSize, options.maxItems)
  const output = new ItemOutput(io, options, deps.signal)
  const progress = new Progress(io.stderr, io.stderrIsTTY && !options.silent)
  const agents: PageAgents = {http: new http.Agent({keepAlive: true, maxSockets: 1}), https: new https.Agent({keepAlive: true, maxSockets: 1})}
  let request = start.request
  let items = 0
  let page = 1
  let previousPage: string | undefined
  let resume: string | undefined
  // Each next page's request (hashed, so a thousand long cursors stay small) and the page it was: a server whose
  // cursors cycle (A, B, A) would otherwise be walked forever, one different page after another.
  const requested = new Map<string, number>()
  const where = () => `stopped at page ${page} after ${items} item${items === 1 ? '' : 's'}${resume ? `; resume with ${resume}` : ''}`
  try {
    for (;; page++) {
      progress.show(progressText(page, items))
      const body = request.body ? Buffer.from(JSON.stringify(request.body)) : options.rawBody
      const {response, text} = await withPageSignal(deps.signal, async (signal) => {
        const response = await deps.send({method: options.method, url: request.url, headers: options.headers, body: body ? {kind: 'buffer', data: body} : undefined}, (event) => {
          deps.onEvent?.(event)
          if (event.type === 'retry') progress.show(progressText(page, items, mask(`${event.cause}, waiting ${Math.ceil(event.delayMs / 1000)} s`)))
        }, signal, agents)
        return {response, text: await readAll(response)}
      })
      if (response.proxyRefused) throw new ApiError(proxyRefusedLine(response.status, response.statusText, response.proxyRefused))
      if (response.refusedRedirect) throw new ApiError(refusedRedirectLine(response.status, response.refusedRedirect, response.url))
      if (response.status >= 400) {
        progress.clear()
        io.stderr.write(errorBodyText(text, io.stderrIsTTY, mask))
        let line = httpErrorLine(response.status, response.statusText, apiErrorMessage(Buffer.from(text)))
        if (response.gaveUp) line += `; ${response.gaveUp}`
        if ((response.status === 401 || response.status === 403) && deps.authHint) line += `; ${deps.authHint(request.url)}`
        throw new ApiError(line)
      }
      deps.onBody?.(text)
      const read = readPage(strategy, request, text, page)
      const digest = read.items.reduce((hash, one) => hash.update(one).update('\n'), createHash('sha1')).digest('hex')
      if (read.items.length > 0 && digest === previousPage) throw new ApiError(`page ${page} repeats page ${page - 1}: the server ignored the page parameter`)
      previousPage = digest
      const all = read.items
      const kept = options.maxItems === undefined ? all : all.slice(0, Math.max(0, options.maxItems - items))
      progress.clear()
      // A whole page, but not the empty one that ends some walks (an empty list still prints its first page).
      if (!options.pages) await output.write(kept)
      else if (all.length > 0 || page === 1) await output.page(compactJson(text))
      items += kept.length
      progress.show(progressText(page, items))
      if (all.length === 0 || (options.maxItems !== undefined && items >= options.maxItems)) break
      if (start.shortBelow !== undefined && all.length < start.shortBelow) break
      if (read.failure) throw read.failure
      const next = read.next
      if (!next) break
      const key = createHash('sha1').update(next.resume).digest('hex')
      const earlier = requested.get(key)
      if (earlier !== undefined) {
        resume = undefined
        throw new ApiError(`page ${page} leads back to page ${earlier} (the server's cursors loop)`)
      }
      requested.set(key, page + 1)
      request = next.request
      resume = next.resume
    }
    progress.clear()
    await output.end()
  } catch (error: unknown) {
    progress.clear()
    if (isDdcliError(error)) error.message = `${error.message}; ${where()}`
    throw error
  } finally {
    agents.http.destroy()
    agents.https.destroy()
  }
}

/**
 * A page's items and the next request, read in one synchronous step so that the parsed page is garbage before the
 * items are written (it would otherwise survive the wait for a slow reader and grow the old heap, page after page).
 */
function readPage(strategy: Strategy, request: PageRequest, text: string, page: number): {items: string[], next?: ReturnType<typeof nextRequest>, failure?: unknown} {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new ApiError(`page ${page} is not JSON (${text.length} bytes)`)
  }
  const path = strategy.kind === 'follow' ? followResults(parsed) : strategy.results
  const items = path && arrayItems(text, path)
  if (!items) {
    // On the first page of a list the index does not know, the path was the mistake; later, the server changed shape.
    const Failure = page === 1 && strategy.kind === 'follow' ? UsageError : ApiError
    throw new Failure(`page ${page} has no list${strategy.kind === 'follow' ? ' (no data array)' : ` at ${strategy.results.join('.') || 'the top level'}`}; drop --paginate`)
  }
  try {
    return {items, next: nextRequest(strategy, request, parsed, items.length)}
  } catch (error: unknown) {
    // Told after this page's items are printed.
    return {items, failure: error}
  }
}

/** The next page's request and the -f that resumes there, or undefined at the end of the list. */
export function nextRequest(strategy: Strategy, request: PageRequest, page: unknown, count: number): {request: PageRequest, resume: string} | undefined {
  if (strategy.kind === 'follow') {
    const follow = followOf(page)
    if (!follow) return undefined
    if (follow.kind === 'cursor') {
      if (paramValue(request, CURSOR_LOCATION) === follow.cursor) return undefined
      return {request: withParam(request, CURSOR_LOCATION, follow.cursor), resume: resumeFlag(CURSOR_LOCATION, follow.cursor)}
    }
    const url = new URL(follow.href, request.url)
    if (url.origin !== request.url.origin) throw new ApiError(`links.next points to ${url.protocol}//${url.host}, another origin; not followed (credentials stay on ${request.url.origin})`)
    if (url.username !== '' || url.password !== '') throw new ApiError('links.next has a user name or password, which ddcli does not follow (it would replace your credentials)')
    return {request: {...request, url}, resume: url.pathname + url.search}
  }
  const location = locationOf(strategy)!
  let value: string | number
  if (strategy.kind === 'cursor') {
    const cursor = valueAt(page, strategy.cursorPath)
    if ((typeof cursor !== 'string' && typeof cursor !== 'number') || cursor === '') return undefined
    if (paramValue(request, location) === cursor) return undefined
    value = cursor
  } else if (strategy.kind === 'offset') {
    value = Number(paramValue(request, location) ?? 0) + count
  } else {
    value = Number(paramValue(request, location) ?? strategy.pageStart) + 1
  }
  return {request: withParam(request, location, value), resume: resumeFlag(location, value)}
}
