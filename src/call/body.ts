import fs from 'node:fs'
import type {Readable} from 'node:stream'
import {UsageError} from '../errors.js'
import {FieldError, appendQuery, fieldsToBody, fieldsToQuery, parseFieldArg, resolveFieldValues, type FieldSource} from '../http/fields.js'
import {QUERY_METHODS} from '../http/request.js'
import type {BodySource} from '../http/transport.js'

/** The request body and any query parameters built from `-f`, `-F` and `--input`. */
export interface BuiltBody {
  url: URL
  body?: BodySource
  /** Content type to send unless `-H` sets one. */
  contentType?: string
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function readError(what: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code ?? 'unreadable'
  return new UsageError(`cannot read ${what} (${why}); check the path`)
}

/** Checks that an `--input` file is a readable regular file before anything is sent. */
function checkInputFile(path: string): void {
  let stat: fs.Stats
  try {
    stat = fs.statSync(path)
    fs.accessSync(path, fs.constants.R_OK)
  } catch (error: unknown) {
    throw readError(`--input ${path}`, error)
  }
  if (stat.isDirectory()) throw new UsageError(`cannot read --input ${path} (it is a directory); give a file, or - for stdin`)
}

/**
 * Fields become query parameters for GET/HEAD/DELETE/OPTIONS, or a JSON body for the others (and for any method
 * whose operation takes a JSON body, `jsonBody`). With `--input`,
 * the input is the body (streamed, not read whole) and any fields go to the query string, as with `gh api`.
 */
export async function buildBody(method: string, url: URL, rawFields: string[], fields: string[], input: string | undefined, stdin: Readable, jsonBody = false): Promise<BuiltBody> {
  let specs
  try {
    specs = [...rawFields.map((arg) => parseFieldArg(arg, false)), ...fields.map((arg) => parseFieldArg(arg, true))]
  } catch (error: unknown) {
    throw error instanceof FieldError ? new UsageError(error.message) : error
  }
  if (input !== undefined && (method === 'GET' || method === 'HEAD')) {
    throw new UsageError(`${method} requests cannot have a body; drop --input, or use -f key=value for query parameters`)
  }
  if (input === '-' && specs.some((spec) => spec.typed && spec.raw === '@-')) {
    throw new UsageError('stdin can be read once: use it for --input - or for one -F key=@-, not both')
  }
  if (input !== undefined && input !== '-') checkInputFile(input)
  const read = async (source: FieldSource): Promise<string> => {
    if (source.kind === 'stdin') return (await readAll(stdin)).toString('utf8')
    try {
      if (fs.statSync(source.path).isDirectory()) throw Object.assign(new Error('directory'), {code: 'EISDIR'})
      return fs.readFileSync(source.path, 'utf8')
    } catch (error: unknown) {
      throw readError(`field file ${source.path}`, error)
    }
  }
  let resolved
  try {
    resolved = await resolveFieldValues(specs, read)
  } catch (error: unknown) {
    throw error instanceof FieldError ? new UsageError(error.message) : error
  }
  const toQuery = input !== undefined || (QUERY_METHODS.has(method) && !jsonBody)
  const target = resolved.length > 0 && toQuery ? new URL(appendQuery(url.href, fieldsToQuery(resolved))) : url
  if (input !== undefined) {
    return {url: target, body: input === '-' ? {kind: 'stream', stream: stdin} : {kind: 'file', path: input}, contentType: 'application/json'}
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
