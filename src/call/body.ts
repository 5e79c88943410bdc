import type {Readable} from 'node:stream'
import {UsageError} from '../errors.js'
import {FieldError, appendQuery, fieldsToBody, fieldsToQuery, parseFieldArg, resolveFieldValues, type FieldSource} from '../http/fields.js'
import {QUERY_METHODS} from '../http/request.js'
import type {BodySource} from '../http/transport.js'
import {FIELD_FILE_LIMIT, STREAM_BODY_LIMIT, isStdinPath, openReadable, readBounded, readFailure, readFileBounded, statReadable} from '../http/body-read.js'

/** The request body and any query parameters built from `-f`, `-F` and `--input`. */
export interface BuiltBody {
  url: URL
  body?: BodySource
  /** Content type to send unless `-H` sets one. */
  contentType?: string
}

/** The `--input` body: stdin, a regular file sent with its size, or any other path (pipe, device) streamed. */
async function inputSource(path: string, stdin: () => Readable): Promise<BodySource> {
  const label = `--input ${path}`
  if (path === '-') return {kind: 'stream', stream: stdin(), label, limit: STREAM_BODY_LIMIT}
  const stat = await statReadable(path, label, 'give a file, or - for stdin')
  // Only a regular file knows its size: a pipe (`<(...)`, /dev/stdin) or a device reports 0, or nothing true.
  if (stat.isFile()) return {kind: 'file', path, size: stat.size}
  try {
    return {kind: 'stream', stream: await openReadable(path, stat, stdin), label, limit: STREAM_BODY_LIMIT}
  } catch (error: unknown) {
    throw new UsageError(`cannot read ${label} (${readFailure(error)}); check the path`)
  }
}

/**
 * Fields become query parameters for GET/HEAD/DELETE/OPTIONS, or a JSON body for the others (and for any method
 * whose operation takes a JSON body, `jsonBody`). With `--input`,
 * the input is the body (streamed, not read whole) and any fields go to the query string, as with `gh api`.
 */
export async function buildBody(method: string, url: URL, rawFields: string[], fields: string[], input: string | undefined, stdin: () => Readable, signal: AbortSignal, jsonBody = false): Promise<BuiltBody> {
  let specs
  try {
    specs = [...rawFields.map((arg) => parseFieldArg(arg, false)), ...fields.map((arg) => parseFieldArg(arg, true))]
  } catch (error: unknown) {
    throw error instanceof FieldError ? new UsageError(error.message) : error
  }
  if (input !== undefined && (method === 'GET' || method === 'HEAD')) {
    throw new UsageError(`${method} requests cannot have a body; drop --input, or use -f key=value for query parameters`)
  }
  if (input !== undefined && isStdinPath(input) && specs.some((spec) => spec.typed && spec.raw.startsWith('@') && isStdinPath(spec.raw.slice(1)))) {
    throw new UsageError('stdin can be read once: use it for --input - or for one -F key=@-, not both')
  }
  const body = input === undefined ? undefined : await inputSource(input, stdin)
  const read = async (source: FieldSource): Promise<string> => {
    const bytes = source.kind === 'stdin'
      ? await readBounded(stdin(), FIELD_FILE_LIMIT, 'field stdin (@-)', signal)
      : await readFileBounded(source.path, FIELD_FILE_LIMIT, `field file ${source.path}`, stdin, signal)
    return bytes.toString('utf8')
  }
  let resolved
  try {
    resolved = await resolveFieldValues(specs, read)
  } catch (error: unknown) {
    throw error instanceof FieldError ? new UsageError(error.message) : error
  }
  const toQuery = input !== undefined || (QUERY_METHODS.has(method) && !jsonBody)
  const target = resolved.length > 0 && toQuery ? new URL(appendQuery(url.href, fieldsToQuery(resolved))) : url
  if (body) return {url: target, body, contentType: 'application/json'}
  if (resolved.length === 0 || toQuery) return {url: target}
  let json: string
  try {
    json = JSON.stringify(fieldsToBody(resolved))
  } catch (error: unknown) {
    throw error instanceof FieldError ? new UsageError(error.message) : error
  }
  return {url: target, body: {kind: 'buffer', data: Buffer.from(json)}, contentType: 'application/json'}
}
