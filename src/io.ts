import type {Readable, Writable} from 'node:stream'
import {isatty} from 'node:tty'

/** The process streams and terminal facts, passed to everything that reads or writes; only command shells build one. */
export interface IO {
  stdin: Readable
  stdout: Writable
  stderr: Writable
  stdinIsTTY: boolean
  stdoutIsTTY: boolean
  stderrIsTTY: boolean
  /** Chalk colour level for stdout and stderr (0 = none). */
  colorOut: 0 | 1 | 2 | 3
  colorErr: 0 | 1 | 2 | 3
}

/** Env as read by ddcli: a plain object, never `process.env` itself below the shell. */
export type Env = Readonly<Record<string, string | undefined>>

/**
 * Colour level for one stream, strongest rule first: `--no-color`, then a non-empty NO_COLOR (which chalk 5 ignores;
 * it wins over FORCE_COLOR, as in oclif's --help, so a user's NO_COLOR beats a tool's FORCE_COLOR), then FORCE_COLOR
 * (also without a TTY), then TTY and TERM=dumb.
 */
export function colorLevel(isTTY: boolean, env: Env, noColorFlag: boolean): 0 | 1 | 2 | 3 {
  if (noColorFlag) return 0
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0
  const force = env.FORCE_COLOR
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0
    if (force === '2') return 2
    if (force === '3') return 3
    return 1
  }
  if (!isTTY || env.TERM === 'dumb') return 0
  const colorterm = env.COLORTERM ?? ''
  if (colorterm === 'truecolor' || colorterm === '24bit') return 3
  return /-256(color)?$/i.test(env.TERM ?? '') ? 2 : 1
}

/**
 * The real streams of this process. stdin is read only when asked for: Node builds process.stdin on first read (a
 * file or /dev/null becomes an fs.ReadStream, which loads fs/promises and readline), and most calls send no body.
 */
export function processIO(env: Env, noColorFlag = false): IO {
  const stdoutIsTTY = Boolean(process.stdout.isTTY)
  const stderrIsTTY = Boolean(process.stderr.isTTY)
  return {
    get stdin() {
      return process.stdin
    },
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: isatty(0),
    stdoutIsTTY,
    stderrIsTTY,
    colorOut: colorLevel(stdoutIsTTY, env, noColorFlag),
    colorErr: colorLevel(stderrIsTTY, env, noColorFlag),
  }
}

/**
 * stdout's width on a terminal, or undefined when it is not known: not a terminal, or a pseudo-terminal whose size was
 * never set (`script`, `docker run -t`, a serial console report 0 x 0), which would otherwise cut every cell to nothing.
 */
export function terminalColumns(columns: number | undefined): number | undefined {
  return columns !== undefined && Number.isInteger(columns) && columns > 0 ? columns : undefined
}

const TAKEN = Symbol.for('ddcli.stdout-errors-taken')

/**
 * Marks a stream whose errors its writer handles itself (a response body being copied to stdout): the guard then
 * leaves a closed reader or a full disk to that writer, so the run ends with its own exit code and line (a 404 piped
 * into `head -c 10` still exits 1 and says why). Returns the release; a writer whose stream failed keeps it taken, as
 * the stream's own 'error' event follows the failed write's callback.
 */
export function takeStreamErrors(stream: object): () => void {
  const marked = stream as {[TAKEN]?: boolean}
  marked[TAKEN] = true
  return () => {
    marked[TAKEN] = false
  }
}

/** Whether a writer has taken a stream's errors (see takeStreamErrors). */
export function streamErrorsTaken(stream: object): boolean {
  return (stream as {[TAKEN]?: boolean})[TAKEN] === true
}
