import type {Masker} from '../credentials/mask.js'
import {ApiError, UsageError} from '../errors.js'
import {looksLikeMethod, parseMethod} from '../http/request.js'
import type {BodySource, TransportResponse} from '../http/transport.js'
import type {Env, IO} from '../io.js'
import type {JqFilter, JqOptions} from '../jq/index.js'
import {bodyChunks, readBody} from '../output/body.js'
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
    for (const [flag, set] of [['--slurp', options.slurp], ['--pages', options.pages], ['--max-items', options.maxItems !== undefined], ['--page-size', options.pageSize !== undefined]] as const) {
      if (set) throw new UsageError(`${flag} works with --paginate; add --paginate`)
    }
  }
  if (options.pages && options.slurp) throw new UsageError('--pages prints each page on its own line and --slurp one array of items; choose one')
  if (options.jqJson && options.jq === undefined) throw new UsageError('--jq-json changes how --jq prints strings; add --jq EXPR')
  for (const [flag, words] of [['--arg', options.jqArgs], ['--argjson', options.jqArgsJson]] as const) {
    if (words.length > 0 && options.jq === undefined) throw new UsageError(`${flag} sets a variable of the --jq filter; add --jq EXPR`)
  }
  if (options.paginate && options.include) throw new UsageError('--include cannot be combined with --paginate (every page has its own headers); use --verbose to see them')
  if (options.paginate && options.input === '-') throw new UsageError('--paginate sends its body once per page; give --input a file, or use -f fields')
  return counts
}

/**
 * Compiles --jq (with its --arg and --argjson variables) before any request; a filter that does not compile is a
 * usage error with jq's message.
 */
export async function compileFilter(expr: string, options: JqOptions = {}): Promise<JqFilter> {
  const {compileJq, JqSyntaxError} = await import('../jq/index.js')
  try {
    return await compileJq(expr, options)
  } catch (error: unknown) {
    if (error instanceof JqSyntaxError) throw new UsageError(`--jq filter does not compile: ${error.message}; check the jq syntax`)
    throw error
  }
}

/** A compiled --jq, and the same filter shown the environment less every secret known once credentials are read. */
export interface LoadedFilter {
  filter: JqFilter
  seeing(secrets: readonly string[]): JqFilter
}

/**
 * Compiles --jq before credentials are read or anything is sent, with its --arg/--argjson variables (`argWords`,
 * `argjsonWords` as oclif gathered them) and the environment less the secrets the environment itself holds.
 */
export async function loadFilter(expr: string, argWords: readonly string[], argjsonWords: readonly string[], env: Env): Promise<LoadedFilter> {
  const [{jqEnvironment}, {parseJqArgs}, {processSecrets}, {proxySecrets}] = await Promise.all([
    import('./jq-env.js'), import('./jq-args.js'), import('../credentials/process-secrets.js'), import('../http/proxy.js'),
  ])
  const own = [...processSecrets([], env), ...proxySecrets(env)]
  const filter = await compileFilter(expr, {args: parseJqArgs(argWords, argjsonWords), env: jqEnvironment(env, own)})
  return {filter, seeing: (secrets) => filter.withEnv(jqEnvironment(env, [...own, ...secrets]))}
}

/**
 * Prints a response through a jq filter, each output as jq gives it. An error response is not filtered: its body
 * goes to stderr before the error line, and stdout stays empty, so `id=$(ddcli call ... --jq .id)` never captures
 * an error document.
 */
export async function printFiltered(response: TransportResponse, filter: JqFilter, options: CallOptions, io: IO, mask: Masker, signal?: AbortSignal): Promise<ApiError | UsageError | undefined> {
  const {printJq} = await import('../jq/print.js')
  const {responseHead} = await import('../output/render.js')
  const failed = response.refusedRedirect !== undefined || response.status >= 400
  // --verbose traces the body before the outputs, so it reads it whole first; so does an error, which is not filtered.
  const whole = failed || options.verbose ? await readBody(response.body, response.url.host) : undefined
  if (whole && options.verbose) io.stderr.write(verboseBody('<', whole, mask))
  if (whole && failed) {
    io.stderr.write(errorBodyText(whole.toString('utf8'), io.stderrIsTTY, mask))
    if (response.refusedRedirect) return new ApiError(refusedRedirectLine(response.status, response.refusedRedirect, response.url))
    const line = httpErrorLine(response.status, response.statusText, apiErrorMessage(whole))
    return new ApiError(response.gaveUp ? `${line}; ${response.gaveUp}` : line)
  }
  if (options.include) io.stdout.write(responseHead(response.httpVersion, response.status, response.statusText, response.rawHeaders, mask))
  // jq itself reads the bytes, as they arrive, and says when they are not JSON: no string, no JSON.parse here.
  const seen = {size: 0, data: false}
  const count = (chunk: Uint8Array) => {
    seen.size += chunk.length
    seen.data ||= chunk.some((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09)
  }
  async function* counted(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      count(chunk)
      yield chunk
    }
  }
  if (whole) count(whole)
  const input = whole ?? counted(bodyChunks(response.body, response.url.host))
  const notJson = () => new UsageError(`--jq needs a JSON response, and this one is not JSON (${seen.size} bytes); drop --jq`)
  const chalk = io.stdoutIsTTY ? await (await import('../output/color.js')).chalkAt(io.colorOut) : undefined
  const failure = await printJq(filter, input, io, {json: options.jqJson, silent: options.silent, chalk, signal, notJson})
  // An empty body (or only whitespace) is no JSON either, though jq prints nothing and succeeds on it.
  return failure ?? (seen.data ? undefined : notJson())
}

/** The request body as `--verbose` traces it after the request headers. */
export function requestBodyTrace(body: BodySource | undefined, mask: Masker): string {
  if (!body) return ''
  if (body.kind === 'file') return `> [body read from ${mask(body.path)}]\n`
  if (body.kind === 'stream') return '> [body streamed from stdin]\n'
  return verboseBody('>', body.data, mask)
}
