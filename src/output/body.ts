import type {Readable, Writable} from 'node:stream'
import {once} from 'node:events'
import {StringDecoder} from 'node:string_decoder'
import {NetworkError, OutputError} from '../errors.js'
import {networkCause} from '../http/retry.js'
import {takeStreamErrors, type IO} from '../io.js'
import {neutralizeControls, prettyJsonText} from './json.js'
import {chalkAt} from './color.js'
import {outputFailureLine} from './render.js'

/** How to print one response body. */
export interface BodyOptions {
  silent: boolean
  /** Keep the first bytes of the body for an error message (HTTP >= 400). */
  keepHead: boolean
  /** On a terminal, bodies up to this many bytes are held to be pretty-printed; longer ones stream as text. */
  prettyLimit?: number
  /** The server's host, to name it when its body fails. */
  host: string
}

const HEAD_LIMIT = 64 * 1024

/** Past this, a body on a terminal is not held for pretty-printing (an endless one would fill memory). */
export const PRETTY_LIMIT = 16 * 1024 * 1024

/** Whether an error is the reader of stdout going away (`| head -1`): not a failure of ddcli. */
export function isClosedPipe(error: unknown): boolean {
  const code = (error as {code?: string})?.code
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_PREMATURE_CLOSE'
}

/** Why a response body stopped before its end: a cut or stalled connection, or content that cannot be decoded. */
export function bodyFailureCause(error: unknown): string {
  const {code, message} = error as {code?: string, message?: string}
  if (code?.startsWith('Z_') || code === 'ERR_BROTLI_DECOMPRESSION_FAILED' || /decompress|incorrect header check|invalid (block|distance|stored)/i.test(message ?? '')) {
    return `its body could not be decoded (${message ?? code})`
  }
  if (code === 'ETIMEDOUT') return 'the body stalled (timed out)'
  return `the connection was cut short (${networkCause(error)})`
}

function failedBody(error: unknown, host: string): NetworkError {
  return new NetworkError(`response from ${host} incomplete: ${bodyFailureCause(error)}; try again`)
}

/**
 * A response body's chunks as they arrive (for --jq, which parses while the rest comes); a body that fails is a
 * NetworkError naming the server, as for readBody.
 */
export async function* bodyChunks(body: Readable, host: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) yield chunk as Buffer
  } catch (error: unknown) {
    throw failedBody(error, host)
  }
}

/**
 * Reads a whole response body (for --jq and --paginate); a body that fails (cut, stalled, not decodable, or failed
 * before it was handed over) is a NetworkError naming the server, as when it is written out.
 */
export async function readBody(body: Readable, host: string): Promise<Buffer> {
  const chunks: Buffer[] = []
  try {
    for await (const chunk of body) chunks.push(chunk as Buffer)
  } catch (error: unknown) {
    throw failedBody(error, host)
  }
  return Buffer.concat(chunks)
}

/**
 * Writes a response body to stdout. Piped: the bytes as received, streamed. On a terminal: JSON pretty-printed
 * and coloured, any text with control characters neutralised; a body over `prettyLimit` (16 MiB) streams as such text
 * instead of being held whole. Returns the body's first bytes when asked.
 */
export async function writeBody(body: Readable, io: IO, options: BodyOptions): Promise<Buffer> {
  // got may have failed the body already (a bad chunk right after the headers): its error is then only here.
  let bodyError: unknown = body.errored ?? undefined
  body.once('error', (error) => { bodyError = error })
  const head: Buffer[] = []
  let kept = 0
  const keep = (chunk: Buffer) => {
    if (options.keepHead && kept < HEAD_LIMIT) {
      head.push(chunk)
      kept += chunk.length
    }
  }
  if (options.silent) {
    try {
      for await (const chunk of body) keep(chunk as Buffer)
    } catch (error: unknown) {
      throw failedBody(error, options.host)
    }
    return Buffer.concat(head)
  }
  if (io.stdoutIsTTY) {
    const limit = options.prettyLimit ?? PRETTY_LIMIT
    const chunks: Buffer[] = []
    let held = 0
    let text: TerminalText | undefined
    try {
      for await (const chunk of body) {
        keep(chunk as Buffer)
        if (text) {
          await text.write(chunk as Buffer)
          continue
        }
        chunks.push(chunk as Buffer)
        held += (chunk as Buffer).length
        if (held > limit) {
          text = new TerminalText(io)
          await text.write(Buffer.concat(chunks))
          chunks.length = 0
        }
      }
    } catch (error: unknown) {
      throw bodyError !== undefined || !text ? failedBody(error, options.host) : error
    }
    if (text) await text.end()
    else if (chunks.length > 0) await writeToTerminal(Buffer.concat(chunks), io)
    return Buffer.concat(head)
  }
  try {
    await pump(body, io.stdout, keep)
  } catch (error: unknown) {
    // The body's own failure (a cut, a stall, bad gzip) also ends the copy: it is the server's, not stdout's.
    if (bodyError !== undefined || (error as {bodyClosed?: boolean}).bodyClosed) throw failedBody(bodyError ?? error, options.host)
    // A closed reader (`| head -1`) ends the copy quietly; the pump has already destroyed the body.
    if (!isClosedPipe(error)) throw new OutputError(outputFailureLine(error))
  }
  return Buffer.concat(head)
}

/**
 * Copies a body into `out` without ending it, pausing while `out` is full: what stream.pipeline does for one source
 * and one sink, without its per-stream machinery (a Transform for the head and pipeline's end-of-stream tracking
 * took 3 to 4 ms of a call for a one-chunk body). Settles once the body has ended and `out` has taken every chunk;
 * rejects with the first error of either stream, or a premature-close error when the body closes before its end;
 * the body is then destroyed.
 */
function pump(body: Readable, out: Writable, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending = 0
    let ended = false
    let settled = false
    let outFailed = false
    // stdout's failures are this copy's to report (src/process-guards.ts would otherwise end the run at once).
    const release = takeStreamErrors(out)
    const onOutError = (error: unknown) => {
      outFailed = true
      finish(error)
    }
    const onWritten = (error?: Error | null) => {
      pending--
      if (error) onOutError(error)
      else if (ended && pending === 0) finish()
    }
    const onData = (chunk: Buffer) => {
      onChunk(chunk)
      pending++
      if (!out.write(chunk, onWritten)) {
        body.pause()
        out.once('drain', onDrain)
      }
    }
    const onDrain = () => body.resume()
    const onEnd = () => {
      ended = true
      if (pending === 0) finish()
    }
    const onClose = () => {
      // The body's own end before its end, not the reader of stdout going away (which is EPIPE).
      if (!body.readableEnded) finish(body.errored ?? Object.assign(new Error('Premature close'), {code: 'ERR_STREAM_PREMATURE_CLOSE', bodyClosed: true}))
    }
    const finish = (error?: unknown) => {
      if (settled) return
      settled = true
      body.off('data', onData).off('end', onEnd).off('error', finish).off('close', onClose)
      out.off('drain', onDrain)
      // A failed write also emits 'error' after its callback: then the listener and the mark stay to take it.
      if (!outFailed) {
        out.off('error', onOutError)
        release()
      }
      if (error === undefined) return resolve()
      body.destroy()
      reject(error)
    }
    body.on('data', onData).once('end', onEnd).once('error', finish).once('close', onClose)
    out.once('error', onOutError)
    // A body destroyed before this copy began emits nothing more: without this, the promise would never settle.
    if (body.destroyed && !body.readableEnded) onClose()
  })
}

async function writeToTerminal(data: Buffer, io: IO): Promise<void> {
  const text = data.toString('utf8')
  let out: string
  try {
    JSON.parse(text)
    const chalk = await chalkAt(io.colorOut)
    out = `${prettyJsonText(text, chalk)}\n`
  } catch {
    out = neutralizeControls(text)
    if (!out.endsWith('\n')) out += '\n'
  }
  io.stdout.write(out)
}

/**
 * A body too long to hold, on a terminal: written as it arrives, as text with control characters neutralised (UTF-8
 * characters split across chunks kept whole), waiting for the terminal to drain, and ended with a newline.
 */
class TerminalText {
  private readonly decoder = new StringDecoder('utf8')
  private last = ''

  constructor(private readonly io: IO) {}

  async write(data: Buffer): Promise<void> {
    await this.put(this.decoder.write(data))
  }

  async end(): Promise<void> {
    await this.put(this.decoder.end())
    if (this.last !== '\n') await this.put('\n')
  }

  private async put(text: string): Promise<void> {
    if (text === '') return
    this.last = text.at(-1)!
    if (!this.io.stdout.write(neutralizeControls(text))) await once(this.io.stdout, 'drain')
  }
}
