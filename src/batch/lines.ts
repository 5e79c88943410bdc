import type {Readable} from 'node:stream'
import {notUtf8} from '../http/json-syntax.js'

/**
 * One input line: its 1-based number and text (with why it is not UTF-8, when it is not: its text then holds U+FFFD
 * for the bad bytes, which must not be sent), or a mark that it was longer than the limit (its text dropped).
 */
export type InputLine = {line: number, text: string, notUtf8?: string} | {line: number, tooLong: true}

/** Longest request line kept; longer ones become an error result instead of growing memory without end. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024

const NEWLINE = 0x0a

/**
 * The lines of a stream, read as they arrive (a pipe that never ends is read as far as it goes). Blank lines are
 * numbered but not yielded; a trailing `\r` is dropped, and a byte-order mark at the start of the input. At most
 * `maxBytes` of one line are held.
 */
export async function* readLines(stream: Readable, maxBytes = MAX_LINE_BYTES): AsyncGenerator<InputLine> {
  let parts: Buffer[] = []
  let size = 0
  let overflow = false
  let number = 0
  const finish = (): InputLine | undefined => {
    number++
    const result: InputLine | undefined = overflow
      ? {line: number, tooLong: true}
      : lineText(Buffer.concat(parts, size), number)
    parts = []
    size = 0
    overflow = false
    return result
  }
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    let start = 0
    for (;;) {
      const end = data.indexOf(NEWLINE, start)
      const piece = data.subarray(start, end === -1 ? data.length : end)
      if (!overflow && size + piece.length > maxBytes) {
        overflow = true
        parts = []
        size = 0
      }
      if (!overflow && piece.length > 0) {
        // A copy, so a small line does not pin the whole chunk it came in.
        parts.push(Buffer.from(piece))
        size += piece.length
      }
      if (end === -1) break
      const done = finish()
      if (done) yield done
      start = end + 1
    }
  }
  if (size > 0 || overflow) {
    const done = finish()
    if (done) yield done
  }
}

function lineText(bytes: Buffer, line: number): InputLine | undefined {
  const decoded = bytes.toString('utf8')
  let text = decoded.replace(/\r$/, '')
  // A UTF-8 byte-order mark (Windows editors write one) is skipped at the very start of the input only, as jq does.
  if (line === 1 && text.startsWith('\ufeff')) text = text.slice(1)
  if (text.trim() === '') return undefined
  const bad = notUtf8(bytes, decoded)
  return bad ? {line, text, notUtf8: `column ${bad.column}: ${bad.problem}`} : {line, text}
}

/** How many non-blank lines a file has, read in chunks (for the progress line's total). */
export async function countLines(stream: Readable): Promise<number> {
  let count = 0
  let blank = true
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === NEWLINE) {
        if (!blank) count++
        blank = true
      } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
        blank = false
      }
    }
  }
  return blank ? count : count + 1
}
