import type {Masker} from '../credentials/mask.js'
import {ApiError, UsageError} from '../errors.js'
import {looksLikeMethod, parseMethod} from '../http/request.js'
import type {BodySource, TransportResponse} from '../http/transport.js'
import type {IO} from '../io.js'
import type {JqFilter} from '../jq/index.js'
import {readBody} from '../output/body.js'
import {apiErrorMessage, errorBodyText, httpErrorLine, refusedRedirectLine, verboseBody} from '../output/render.js'
import {parseCount} from './limits.js'
import {implicitMethod} from './methods.js'
import type {CallOptions} from './options.js'

/** A PATH rather than an operation id: it has a `/` (an operation id never does). */
export function looksLikePath(arg: string): boolean {
  return arg.includes('/')
}

/**
 * The METHOD and PATH arguments as `resolveRoute` takes them, from gh's habits too: `call /path` with `-X METHOD`,
 * or with no method at all: GET; POST with --input; with fields, what the index says the path has (implicitMethod).
 * `-X` that disagrees with a METHOD argument is a usage error.
 */
export function interpretArgs(first: string, path: string | undefined, methodFlag: string | undefined, hasFields: boolean, hasInput: boolean): {first: string, path?: string} {
  const flag = methodFlag === undefined ? undefined : parseMethod(methodFlag)
  if (path === undefined && looksLikePath(first)) return {first: flag ?? (hasInput ? 'POST' : hasFields ? implicitMethod(first) : 'GET'), path: first}
  if (flag !== undefined && path !== undefined && looksLikeMethod(first) && parseMethod(first) !== flag) {
    throw new UsageError(`-X ${flag} disagrees with ${first.toUpperCase()}; give the method once`)
  }
  return {first, path}
}

/** The counts of --paginate, parsed from the flags as typed. */
export interface PageCounts {
  maxItems?: number
  pageSize?: number
}

/** Flags of scripting that only make sense together; checked before anything is read or sent. Returns the counts. */
export function checkScriptingFlags(options: CallOptions): PageCounts {
  const counts = {maxItems: parseCount(options.maxItems, '--max-items', 100), pageSize: parseCount(options.pageSize, '--page-size', 100)}
  if (!options.paginate) {
    for (const [flag, set] of [['--slurp', options.slurp], ['--max-items', options.maxItems !== undefined], ['--page-size', options.pageSize !== undefined]] as const) {
      if (set) throw new UsageError(`${flag} works with --paginate; add --paginate`)
    }
  }
  if (options.jqJson && options.jq === undefined) throw new UsageError('--jq-json changes how --jq prints strings; add --jq EXPR')
  if (options.paginate && options.include) throw new UsageError('--include cannot be combined with --paginate (every page has its own headers); use --verbose to see them')
  if (options.paginate && options.input === '-') throw new UsageError('--paginate sends its body once per page; give --input a file, or use -f fields')
  return counts
}

/** Compiles --jq before any request; a filter that does not compile is a usage error with jq's message. */
export async function compileFilter(expr: string): Promise<JqFilter> {
  const {compileJq, JqSyntaxError} = await import('../jq/index.js')
  try {
    return await compileJq(expr)
  } catch (error: unknown) {
    if (error instanceof JqSyntaxError) throw new UsageError(`--jq filter does not compile: ${error.message}; check the jq syntax`)
    throw error
  }
}

/**
 * Prints a response through a jq filter, each output as jq gives it. An error response is not filtered: its body
 * goes to stderr before the error line, and stdout stays empty, so `id=$(ddcli call ... --jq .id)` never captures
 * an error document.
 */
export async function printFiltered(response: TransportResponse, filter: JqFilter, options: CallOptions, io: IO, mask: Masker, signal?: AbortSignal): Promise<ApiError | UsageError | undefined> {
  const {printJq} = await import('../jq/print.js')
  const {responseHead} = await import('../output/render.js')
  const body = await readBody(response.body, response.url.host)
  if (options.verbose) io.stderr.write(verboseBody('<', body, mask))
  if (response.refusedRedirect || response.status >= 400) {
    io.stderr.write(errorBodyText(body.toString('utf8'), io.stderrIsTTY, mask))
    if (response.refusedRedirect) return new ApiError(refusedRedirectLine(response.status, response.refusedRedirect, response.url))
    const line = httpErrorLine(response.status, response.statusText, apiErrorMessage(body))
    return new ApiError(response.gaveUp ? `${line}; ${response.gaveUp}` : line)
  }
  if (options.include) io.stdout.write(responseHead(response.httpVersion, response.status, response.statusText, response.rawHeaders, mask))
  const text = body.toString('utf8')
  try {
    JSON.parse(text)
  } catch {
    return new UsageError(`--jq needs a JSON response, and this one is not JSON (${body.length} bytes); drop --jq`)
  }
  const chalk = io.stdoutIsTTY ? await (await import('../output/color.js')).chalkAt(io.colorOut) : undefined
  return printJq(filter, text, io, {json: options.jqJson, silent: options.silent, chalk, signal})
}

/** The request body as `--verbose` traces it after the request headers. */
export function requestBodyTrace(body: BodySource | undefined, mask: Masker): string {
  if (!body) return ''
  if (body.kind === 'file') return `> [body read from ${mask(body.path)}]\n`
  if (body.kind === 'stream') return '> [body streamed from stdin]\n'
  return verboseBody('>', body.data, mask)
}
