import {ExitCode, InterruptedError} from './errors.js'
import {streamErrorsTaken} from './io.js'
import {diagnostic, outputFailureLine} from './output/render.js'

/** How long an interrupted run may take to unwind before it is ended anyway. */
const UNWIND_MS = 1000

/**
 * Ends the process once the current error has been reported, even if something still holds the event loop: a
 * read of a fifo or a terminal waits in the thread pool and cannot be cancelled, and stdin keeps a pipe open.
 */
export function exitSoon(): void {
  setTimeout(() => process.exit(), 50).unref()
}

/**
 * Process-wide endings, installed once by the command shell: SIGINT and SIGTERM abort the run (a second signal,
 * or a run that does not unwind within a second, exits at once with 130/143); a closed stdout or stderr ends the
 * run quietly; any other stdout failure (a full disk) is one line and exit 6.
 */
export function installProcessGuards(abort: AbortController): void {
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    const code = signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated
    if (abort.signal.aborted) process.exit(code)
    abort.abort(new InterruptedError(signal))
    setTimeout(() => {
      process.stderr.write(diagnostic(new InterruptedError(signal).message))
      process.exit(code)
    }, UNWIND_MS).unref()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  guardOutput()
}

const GUARDED = Symbol.for('ddcli.output-guarded')

/**
 * A closed stdout or stderr ends the run quietly; any other stdout failure (a full disk) is one line and exit 6.
 * Installed once per process: by the command shell, and by the help class for `--help`, which oclif renders
 * without running a command (so without the shell).
 */
export function guardOutput(): void {
  const stdout = process.stdout as NodeJS.WriteStream & {[GUARDED]?: true}
  if (stdout[GUARDED]) return
  stdout[GUARDED] = true
  // Before oclif's own listener, which rethrows anything but EPIPE as an uncaught exception (a raw stack trace).
  process.stdout.prependListener('error', (error: NodeJS.ErrnoException) => {
    if (streamErrorsTaken(process.stdout)) return
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    process.stderr.write(diagnostic(outputFailureLine(error)))
    process.exit(ExitCode.output)
  })
  // Nothing can be reported once stderr is gone (`2>&1 | head -1`): end with the code the run already has.
  process.stderr.prependListener('error', (error: NodeJS.ErrnoException) => {
    process.exit(error.code === 'EPIPE' ? process.exitCode ?? 0 : ExitCode.output)
  })
}
