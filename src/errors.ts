import {cutShort} from './closest.js'

/** Exit codes, mapped from errors in one place only; what each means is EXIT_CODES below. */
export const ExitCode = {
  ok: 0,
  api: 1,
  usage: 2,
  config: 3,
  noCredentials: 4,
  network: 5,
  output: 6,
  interrupted: 130,
  terminated: 143,
} as const

/**
 * What each exit code means: the one text of `ddcli help exit-codes`, the README's table (npm run docs) and, in its
 * brief form, `ddcli call --help`. A test checks that every ExitCode is here.
 */
export const EXIT_CODES: ReadonlyArray<{code: number, meaning: string, brief: string}> = [
  {code: ExitCode.ok, meaning: 'success (HTTP < 400)', brief: 'success'},
  {code: ExitCode.api, meaning: 'the API answered >= 400 (the body is still on stdout; on stderr with --jq or --paginate), a redirect to another origin (not followed), or auth status --check found a bad credential', brief: 'the API answered >= 400 (body still on stdout; on stderr with --jq or --paginate)'},
  {code: ExitCode.usage, meaning: 'usage error or bad input: an unknown command, flag, operation or --profile, a bad argument, field or header, a body too large, a bad value given as a flag, or a --jq filter that does not compile, fails on the data or calls halt_error', brief: 'usage error or bad input (also a --jq filter that fails)'},
  {code: ExitCode.config, meaning: 'local configuration error: the config file or folder, a DD_PROFILE that does not exist, the OS keychain, or a bad value from the environment or the config file', brief: 'local configuration error'},
  {code: ExitCode.noCredentials, meaning: 'no credentials', brief: 'no credentials'},
  {code: ExitCode.network, meaning: 'no (whole) response: connection, DNS, TLS or timeout; a body cut short, stalled or undecodable (bad gzip); a redirect loop (more than 5) or a redirect that cannot be followed; a switch of protocol (HTTP 101)', brief: 'no whole response (connection, DNS, TLS, timeout, body cut short or undecodable, redirect loop, HTTP 101)'},
  {code: ExitCode.output, meaning: 'the output could not be written (stdout on a full disk, an I/O error); a reader that closes the pipe early is not an error', brief: 'the output could not be written (disk full)'},
  {code: ExitCode.interrupted, meaning: 'interrupted (Ctrl-C)', brief: 'interrupted'},
  {code: ExitCode.terminated, meaning: 'terminated (SIGTERM), even while a read waits (a fifo, a terminal, stdin)', brief: 'terminated (SIGTERM)'},
]

/** The exit codes in one sentence, for a command's --help: `0 success; 1 ...`. */
export function exitCodesBrief(): string {
  return EXIT_CODES.map(({code, brief}) => `${code} ${brief}`).join('; ')
}

// A registry symbol, not a class identity: the bundled `call` path has its own copy of these classes.
const BRAND = Symbol.for('ddcli.error')

/** Base of every error ddcli expects; `message` is one line that says how to fix the problem. */
export abstract class DdcliError extends Error {
  abstract readonly exitCode: number
  readonly [BRAND] = true
}

/** Whether a value is a DdcliError from any copy of this module (use it instead of `instanceof DdcliError`). */
export function isDdcliError(value: unknown): value is DdcliError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
}

/** Bad command-line input: an unknown method, a malformed field or header, a foreign host. */
export class UsageError extends DdcliError {
  readonly exitCode = ExitCode.usage
}

/** Bad local configuration: a corrupt config file, a bad env value, an unknown site. */
export class ConfigError extends DdcliError {
  readonly exitCode = ExitCode.config
}

/** No credential is configured for an operation that needs one. */
export class NoCredentialsError extends DdcliError {
  readonly exitCode = ExitCode.noCredentials
}

/** The API answered with a status >= 400 (the body has already been written to stdout). */
export class ApiError extends DdcliError {
  readonly exitCode = ExitCode.api
}

/**
 * No (whole) response: connection refused or reset, DNS, TLS, timeout; also a response cut short or undecodable,
 * a redirect loop or a redirect that cannot be followed, a switch of protocol.
 */
export class NetworkError extends DdcliError {
  readonly exitCode = ExitCode.network
}

/** The output could not be written: stdout on a full disk, an I/O error (a closed pipe is not an error). */
export class OutputError extends DdcliError {
  readonly exitCode = ExitCode.output
}

/** The user interrupted ddcli (SIGINT) or it was asked to stop (SIGTERM). */
export class InterruptedError extends DdcliError {
  readonly exitCode: number

  constructor(signal: 'SIGINT' | 'SIGTERM') {
    super(signal === 'SIGINT' ? 'interrupted' : 'terminated')
    this.exitCode = signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated
  }
}

/**
 * A value as given, for an error line: quoted, control characters escaped; past 40 characters cut at a word boundary
 * (cutShort: a secret is masked only whole) and followed by its length.
 */
export function given(text: string): string {
  return text.length > 43 ? `${JSON.stringify(cutShort(text, 43))} (${text.length} characters)` : JSON.stringify(text)
}

/** Whether the value came from a command-line flag: bad flags are usage errors, bad env or config values are not. */
export type Origin = 'flag' | 'env' | 'config' | 'default' | 'unset'

/** The error for a bad value, typed by where the value came from (exit 2 for flags, 3 otherwise). */
export function badValue(origin: Origin, message: string): DdcliError {
  return origin === 'flag' ? new UsageError(message) : new ConfigError(message)
}
