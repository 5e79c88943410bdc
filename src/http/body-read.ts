import fs from 'node:fs'
import net from 'node:net'
import tty from 'node:tty'
import {promisify} from 'node:util'
import type {Readable} from 'node:stream'
import {UsageError} from '../errors.js'

const MiB = 1024 * 1024

/** Largest `-F key=@file` (or `@-`) value read into memory: a field is a string in a JSON body, not a payload. */
export const FIELD_FILE_LIMIT = 16 * MiB

/**
 * Largest body streamed from a pipe, a device or stdin (whose size is not known before reading): no Datadog
 * endpoint takes more, and `--input /dev/zero` must end. A regular file is sent with its size, unbounded.
 */
export const STREAM_BODY_LIMIT = 64 * MiB

/** `16 MiB`. */
export function sizeLabel(bytes: number): string {
  return `${bytes / MiB} MiB`
}

/** Why a local file cannot be read, in words: `no such file`, `it is a directory`, ... */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const words: Record<string, string> = {ENOENT: 'no such file', EISDIR: 'it is a directory', EACCES: 'permission denied', ENXIO: 'no reader or device behind it'}
  return (code && words[code]) ?? code ?? 'unreadable'
}

/**
 * Reads a stream to its end, asynchronously, so a read that blocks (a fifo without writer, a terminal) never
 * holds the process: the signal aborts it at once. More than `limit` bytes is a usage error naming `what`.
 */
export function readBounded(stream: Readable, limit: number, what: string, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (fn: () => void) => {
      stream.off('data', onData).off('end', onEnd).off('error', onError)
      signal.removeEventListener('abort', onAbort)
      fn()
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        stream.destroy()
        finish(() => reject(new UsageError(`${what} is larger than ${sizeLabel(limit)} (a stream without end?); give a smaller file`)))
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => finish(() => resolve(Buffer.concat(chunks)))
    const onError = (error: Error) => finish(() => reject(new UsageError(`cannot read ${what} (${readFailure(error)}); check the path`)))
    const onAbort = () => {
      stream.destroy()
      finish(() => reject(signal.reason))
    }
    if (signal.aborted) return onAbort()
    // An ended stream emits no 'end' again: waiting for it would leave nothing for the process to do but exit 0.
    if (stream.readableEnded || stream.destroyed) {
      reject(new UsageError(`cannot read ${what}: it was already read to its end; give each value its own file`))
      return
    }
    signal.addEventListener('abort', onAbort, {once: true})
    stream.on('data', onData).once('end', onEnd).once('error', onError)
  })
}

/** Paths that name this process's stdin; opened by path they fail when stdin is a socket, so the stream is used. */
const STDIN_PATHS = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0'])

/** Whether an `--input` or `@` path reads stdin: `-` or one of its device paths. */
export function isStdinPath(path: string): boolean {
  return path === '-' || STDIN_PATHS.has(path)
}

/**
 * A readable stream over a local path that never blocks the process. A fifo (`<(...)`, `mkfifo`) is opened
 * non-blocking and read through the event loop: a blocking open or read would hold a thread-pool thread that
 * neither a signal nor `process.exit` can end. A terminal device is read as a terminal; other devices and files
 * by the thread pool (their reads do not block). `/dev/stdin` is the stdin stream itself (`stdin()`: Node builds
 * process.stdin on first read, and a call that reads no body should not pay for it).
 */
export async function openReadable(path: string, stat: fs.Stats, stdin: () => Readable): Promise<Readable> {
  if (STDIN_PATHS.has(path)) return stdin()
  if (!stat.isFIFO() && !stat.isCharacterDevice()) return fs.createReadStream(path)
  const fd = await promisify(fs.open)(path, fs.constants.O_RDONLY | (stat.isFIFO() ? fs.constants.O_NONBLOCK : 0))
  if (tty.isatty(fd)) return new tty.ReadStream(fd)
  if (stat.isFIFO()) return new net.Socket({fd, readable: true, writable: false})
  return fs.createReadStream('', {fd})
}

/** Stats a path for reading, as a usage error naming `what` when it is missing, unreadable or a folder. */
export async function statReadable(path: string, what: string, folderHint = 'check the path'): Promise<fs.Stats> {
  let stat: fs.Stats
  try {
    stat = await fs.promises.stat(path)
    await fs.promises.access(path, fs.constants.R_OK)
  } catch (error: unknown) {
    throw new UsageError(`cannot read ${what} (${readFailure(error)}); check the path`)
  }
  if (stat.isDirectory()) throw new UsageError(`cannot read ${what} (it is a directory); ${folderHint}`)
  return stat
}

/** Reads a local file, fifo or device asynchronously and bounded; a signal ends even a read that waits. */
export async function readFileBounded(path: string, limit: number, what: string, stdin: () => Readable, signal: AbortSignal): Promise<Buffer> {
  const stat = await statReadable(path, what)
  let stream: Readable
  try {
    stream = await openReadable(path, stat, stdin)
  } catch (error: unknown) {
    throw new UsageError(`cannot read ${what} (${readFailure(error)}); check the path`)
  }
  return readBounded(stream, limit, what, signal)
}

/** The error for a pipe or device body beyond the most ddcli streams (or reads whole to check it). */
export function streamTooLarge(label: string, limit: number): UsageError {
  return new UsageError(`${label} is larger than ${limit / 1024 / 1024} MiB, the most ddcli streams from a pipe or device; save the body to a regular file and pass that`)
}
