import type {Readable} from 'node:stream'
import {UsageError} from '../errors.js'
import {FieldError, appendQuery, fieldsToBody, fieldsToQuery, parseFieldArg, resolveFieldValues, type FieldSource} from '../http/fields.js'
import {QUERY_METHODS} from '../http/request.js'
import type {BodySource} from '../http/transport.js'
import {FIELD_FILE_LIMIT, STREAM_BODY_LIMIT, isStdinPath, openReadable, readBounded, readFailure, readFileBounded, sizeLabel, statReadable} from '../http/body-read.js'
import {parseJsonBytes} from '../http/json-syntax.js'

/** The request body and any query parameters built from `-f`, `-F` and `--input`. */
export interface BuiltBody {
  url: URL
  body?: BodySource
  /** Content type to send unless `-H` sets one. */
  contentType?: string
  /** Notes for stderr: a JSON body sent unchecked because it is too large to read whole. */
  notes?: string[]
  /**
   * The body's bytes as read to check them (fields, stdin, or a file checked to be JSON and sent again by path), which
   * the schema check reads rather than the file again; none for a streamed body or a file too large to check.
   */
  bytes?: Buffer
  /** `bytes` parsed, when checking them parsed them (a body up to PARSE_LIMIT), so the schema check parses nothing. */
  parsed?: {parsed: unknown}
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
 * Largest --input body read whole to check that it is JSON; Datadog's API takes far less (logs intake 5 MB). A larger
 * regular file is streamed unchecked, with a note (its size is known before reading); a larger stream, which cannot be
 * read again, is refused with the fix (--no-validate, or a non-JSON Content-Type, streams it unchecked).
 */
export const JSON_CHECK_LIMIT = 16 * 1024 * 1024

/** The note of a regular file too large to check. */
export const uncheckedNote = (path: string) => `note: --input ${path} is larger than ${sizeLabel(JSON_CHECK_LIMIT)}, the most ddcli reads to check that a body is JSON; sent unchecked`

/** How a body source is named in messages: the file given, or stdin. */
const sourceName = (path: string) => (isStdinPath(path) ? 'stdin' : path)

/**
 * Checks that an `--input` body sent as JSON is JSON, before anything is sent: a file is read (and sent again by
 * path, so --curl and --dry-run still name it; one over the limit is left unchecked), a stream is read whole and sent
 * from memory. A syntax error is a usage error naming the source, line and column.
 */
async function checkedJson(body: BodySource, input: string, stdin: () => Readable, signal: AbortSignal): Promise<{body: BodySource, bytes?: Buffer, parsed?: {parsed: unknown}}> {
  const name = sourceName(input)
  const tooLarge = () => new UsageError(`--input ${name} is larger than ${sizeLabel(JSON_CHECK_LIMIT)}, the most ddcli reads to check that a body is JSON; send it unchecked with --no-validate (or a non-JSON -H 'Content-Type: ...')`)
  let data: Buffer
  if (body.kind === 'file') {
    if (body.size > JSON_CHECK_LIMIT) return {body}
    data = await readFileBounded(body.path, JSON_CHECK_LIMIT, `--input ${body.path}`, stdin, signal).catch((error: unknown) => {
      throw error instanceof UsageError && /is larger than/.test(error.message) ? tooLarge() : error
    })
  } else if (body.kind === 'stream') {
    data = await readBounded(body.stream, JSON_CHECK_LIMIT, `--input ${name}`, signal).catch((error: unknown) => {
      throw error instanceof UsageError && /is larger than/.test(error.message) ? tooLarge() : error
    })
  } else return {body}
  const {error: bad, value} = parseJsonBytes(data)
  if (bad) {
    throw new UsageError(`--input ${name} is not JSON: line ${bad.line}, column ${bad.column}: ${bad.problem}; fix it, or send it as it is with --no-validate (or a non-JSON -H 'Content-Type: ...')`)
  }
  return {body: body.kind === 'file' ? body : {kind: 'buffer', data}, bytes: data, ...(value ? {parsed: value} : {})}
}

/**
 * Fields become query parameters for GET/HEAD/DELETE/OPTIONS, or a JSON body for the others (and for any method
 * whose operation takes a JSON body, `jsonBody`). With `--input`, the input is the body and any fields go to the
 * query string, as with `gh api`; it is streamed, unless `checkJson` (a JSON body, checks on) reads it to check it.
 */
export async function buildBody(method: string, url: URL, rawFields: string[], fields: string[], input: string | undefined, stdin: () => Readable, signal: AbortSignal, jsonBody = false, checkJson = false): Promise<BuiltBody> {
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
  const opened = input === undefined ? undefined : await inputSource(input, stdin)
  const checked: {body?: BodySource, bytes?: Buffer, parsed?: {parsed: unknown}} = opened && checkJson ? await checkedJson(opened, input!, stdin, signal) : {body: opened}
  const body = checked.body
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
  if (body) {
    const unchecked = checkJson && body.kind === 'file' && body.size > JSON_CHECK_LIMIT
    return {url: target, body, contentType: 'application/json', ...(checked.bytes ? {bytes: checked.bytes} : {}), ...(checked.parsed ? {parsed: checked.parsed} : {}), ...(unchecked ? {notes: [uncheckedNote(body.path)]} : {})}
  }
  if (resolved.length === 0 || toQuery) return {url: target}
  let json: string
  try {
    json = JSON.stringify(fieldsToBody(resolved))
  } catch (error: unknown) {
    throw error instanceof FieldError ? new UsageError(error.message) : error
  }
  return {url: target, body: {kind: 'buffer', data: Buffer.from(json)}, contentType: 'application/json'}
}
