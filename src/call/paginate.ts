import fs from 'node:fs'
import type {BuiltBody} from './body.js'
import type {FormatChoice} from './formatted.js'
import type {CallOptions} from './options.js'
import type {Route} from './route.js'
import type {PageCounts} from './scripting.js'
import type {Masker} from '../credentials/mask.js'
import {UsageError} from '../errors.js'
import {mergeHeaders} from '../http/request.js'
import type {IO} from '../io.js'
import type {JqFilter} from '../jq/index.js'
import type {Operation} from '../spec/types.js'
import {chalkAt} from '../output/color.js'
import {pageSizeProblem, paginate, planStrategy, type PageSend} from '../paginate/run.js'
import type {PageRequest} from '../paginate/params.js'

/** What `ddcli call --paginate` hands over once the first request is built. */
export interface PaginateCall {
  options: CallOptions
  /** --max-items and --page-size, parsed. */
  counts: PageCounts
  route: Route
  built: BuiltBody
  headers: Record<string, string>
  filter?: JqFilter
  /** -o yaml, table, csv or tsv. */
  format?: FormatChoice
  mask: Masker
  io: IO
  send: PageSend
  signal: AbortSignal
  onBody?: (body: string) => void
  authHint?: (url: URL) => string
}

function bodyBuffer(built: BuiltBody): Buffer | undefined {
  const body = built.body
  if (!body) return undefined
  if (body.kind === 'buffer') return body.data
  if (body.kind === 'file') return fs.readFileSync(body.path)
  throw new UsageError('--paginate sends its body once per page; give --input a file, or use -f fields')
}

/** The operation with its x-pagination: the call's route table does not carry it, so the full index is read here. */
async function fullOperation(route: Route): Promise<Operation | undefined> {
  if (!route.operation) return undefined
  const {findOperationById, loadOperations} = await import('../spec/index.js')
  return findOperationById(await loadOperations(), `${route.operation.version}:${route.operation.operationId}`)
}

/**
 * What `--dry-run` and `--curl` check of a walk they do not start: that the list paginates, and that the page size
 * the user set (--page-size, or a limit in the query string) is one the spec allows. A limit in the JSON body is the
 * body check's, whose findings --dry-run prints.
 */
export async function checkWalk(options: CallOptions, counts: PageCounts, route: Route, built: BuiltBody): Promise<void> {
  const operation = await fullOperation(route)
  const strategy = planStrategy(operation, counts.pageSize)
  if (!options.validate || !operation) return
  const tooLarge = pageSizeProblem(strategy, {url: built.url}, counts.pageSize, operation.operationId)
  if (tooLarge) throw new UsageError(tooLarge)
}

/** Runs `call --paginate`: the list's first request, with its JSON body when its cursor or limit lives there. */
export async function runPaginate(call: PaginateCall): Promise<void> {
  const {options, counts, route, built, io} = call
  const operation = await fullOperation(route)
  const strategy = planStrategy(operation, counts.pageSize)
  const usesBody = strategy.kind !== 'follow' && [strategy.kind === 'cursor' ? strategy.cursor : strategy.kind === 'offset' ? strategy.offset : strategy.page, strategy.limit]
    .some((location) => location?.in === 'body')
  const raw = bodyBuffer(built)
  const first: PageRequest = {url: built.url}
  const headers = {...call.headers}
  if (usesBody) {
    let parsed: unknown = {}
    if (raw && raw.length > 0) {
      try {
        parsed = JSON.parse(raw.toString('utf8'))
      } catch {
        throw new UsageError('--paginate needs a JSON object as the request body of this list; check --input')
      }
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError('--paginate needs a JSON object as the request body of this list; check --input')
    first.body = parsed as Record<string, unknown>
    mergeHeaders(headers, [['Content-Type', 'application/json']], false)
  }
  const tooLarge = options.validate && operation ? pageSizeProblem(strategy, first, counts.pageSize, operation.operationId) : undefined
  if (tooLarge) throw new UsageError(tooLarge)
  await paginate({
    method: route.method,
    headers,
    first,
    rawBody: usesBody ? undefined : raw,
    operation,
    maxItems: counts.maxItems,
    pageSize: counts.pageSize,
    slurp: options.slurp,
    pages: options.pages,
    silent: options.silent,
    jq: call.filter,
    jqJson: options.jqJson,
    chalk: io.stdoutIsTTY ? await chalkAt(io.colorOut) : undefined,
    sink: call.format && !options.silent ? await (await import('./formatted.js')).sinkFor(call.format, io) : undefined,
  }, {io, mask: call.mask, send: call.send, signal: call.signal, onBody: call.onBody, authHint: call.authHint})
}
