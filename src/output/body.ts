import {pipeline} from 'node:stream/promises'
import {Transform, type Readable} from 'node:stream'
import type {IO} from '../io.js'
import {neutralizeControls, prettyJson} from './json.js'
import {chalkAt} from './color.js'

/** How to print one response body. */
export interface BodyOptions {
  silent: boolean
  /** Keep the first bytes of the body for an error message (HTTP >= 400). */
  keepHead: boolean
}

const HEAD_LIMIT = 64 * 1024

/** Whether an error is the reader of stdout going away (`| head -1`): not a failure of ddcli. */
export function isClosedPipe(error: unknown): boolean {
  const code = (error as {code?: string})?.code
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_PREMATURE_CLOSE'
}

/**
 * Writes a response body to stdout. Piped: the bytes as received, streamed. On a terminal: JSON pretty-printed
 * and coloured, any text with control characters neutralised. Returns the body's first bytes when asked.
 */
export async function writeBody(body: Readable, io: IO, options: BodyOptions): Promise<Buffer> {
  const head: Buffer[] = []
  let kept = 0
  const keep = (chunk: Buffer) => {
    if (options.keepHead && kept < HEAD_LIMIT) {
      head.push(chunk)
      kept += chunk.length
    }
  }
  if (options.silent || io.stdoutIsTTY) {
    const chunks: Buffer[] = []
    for await (const chunk of body) {
      keep(chunk as Buffer)
      if (!options.silent) chunks.push(chunk as Buffer)
    }
    if (!options.silent && chunks.length > 0) await writeToTerminal(Buffer.concat(chunks), io)
    return Buffer.concat(head)
  }
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      keep(chunk)
      done(null, chunk)
    },
  })
  try {
    await pipeline(body, tap, io.stdout, {end: false})
  } catch (error: unknown) {
    if (!isClosedPipe(error)) throw error
    body.destroy()
  }
  return Buffer.concat(head)
}

async function writeToTerminal(data: Buffer, io: IO): Promise<void> {
  const text = data.toString('utf8')
  let out: string
  try {
    const parsed: unknown = JSON.parse(text)
    const chalk = await chalkAt(io.colorOut)
    out = `${prettyJson(parsed, chalk)}\n`
  } catch {
    out = neutralizeControls(text)
    if (!out.endsWith('\n')) out += '\n'
  }
  io.stdout.write(out)
}
