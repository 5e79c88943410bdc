import type {Masker} from '../credentials/mask.js'
import {ApiError, UsageError} from '../errors.js'
import type {TransportResponse} from '../http/transport.js'
import type {IO} from '../io.js'
import type {JqFilter} from '../jq/index.js'
import {readBody} from '../output/body.js'
import {parseExact} from '../output/exact-json.js'
import type {Format} from '../output/format.js'
import {apiErrorMessage, errorBodyText, httpErrorLine, refusedRedirectLine, responseHead, verboseBody, warningLine} from '../output/render.js'
import {createSink, outputsTo, type FormatSink} from '../output/sink.js'
import type {Operation} from '../spec/types.js'
import type {CallOptions} from './options.js'

/** How a call prints in a format other than json: the format, `--columns` as paths, the width to fit. */
export interface FormatChoice {
  format: Exclude<Format, 'json'>
  columns?: string[][]
  width?: number
}

/** The list field the spec names for an operation (x-pagination's resultsPath), as keys. */
async function resultsPathOf(operation: Pick<Operation, 'version' | 'operationId'> | undefined): Promise<string[] | undefined> {
  if (!operation) return undefined
  const {findOperationById, loadOperations} = await import('../spec/index.js')
  const path = findOperationById(await loadOperations(), `${operation.version}:${operation.operationId}`)?.pagination?.resultsPath
  return typeof path === 'string' && path !== '' ? path.split('.') : undefined
}

/** The sink of a run, its notes going to stderr. */
export async function sinkFor(choice: FormatChoice, io: IO, body?: {resultsPath?: readonly string[]}): Promise<FormatSink> {
  return createSink({io, format: choice.format, columns: choice.columns, width: choice.width, resultsPath: body?.resultsPath, body: body !== undefined, note: (text) => io.stderr.write(warningLine(`note: ${text}`, io.colorErr))})
}

/**
 * Prints a response in a format other than json (through --jq first, when given). As with --jq, the body is read
 * whole, and an error response is not formatted: its body goes to stderr before the error line, stdout stays empty.
 */
export async function printFormatted(response: TransportResponse, choice: FormatChoice, filter: JqFilter | undefined, options: CallOptions, io: IO, mask: Masker, signal?: AbortSignal, operation?: Pick<Operation, 'version' | 'operationId'>): Promise<ApiError | UsageError | undefined> {
  const body = await readBody(response.body, response.url.host)
  if (options.verbose) io.stderr.write(verboseBody('<', body, mask))
  if (response.refusedRedirect || response.status >= 400) {
    io.stderr.write(errorBodyText(body.toString('utf8'), io.stderrIsTTY, mask))
    if (response.refusedRedirect) return new ApiError(refusedRedirectLine(response.status, response.refusedRedirect, response.url))
    const line = httpErrorLine(response.status, response.statusText, apiErrorMessage(body))
    return new ApiError(response.gaveUp ? `${line}; ${response.gaveUp}` : line)
  }
  if (options.include) io.stdout.write(responseHead(response.httpVersion, response.status, response.statusText, response.rawHeaders, mask))
  if (options.silent || body.length === 0) return undefined
  const text = body.toString('utf8')
  let value: unknown
  try {
    value = parseExact(text)
  } catch {
    return new UsageError(`-o ${choice.format} needs a JSON response, and this one is not JSON (${body.length} bytes); drop -o`)
  }
  if (filter) {
    const sink = await sinkFor(choice, io)
    const {printJq} = await import('../jq/print.js')
    const failure = await printJq(filter, text, io, {json: options.jqJson, silent: false, signal, sink: outputsTo(sink)})
    if (failure) return failure
    await sink.end()
    return undefined
  }
  // yaml shows the whole body: only rows need the list field, and reading it loads the full operations index.
  const sink = await sinkFor(choice, io, {resultsPath: choice.format === 'yaml' ? undefined : await resultsPathOf(operation)})
  await sink.document(value)
  await sink.end()
  return undefined
}
