import {readFileSync, realpathSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {createMasker, maskValue} from './credentials/mask.js'
import {processSecrets} from './credentials/process-secrets.js'
import {proxySecrets} from './http/proxy.js'
import {ExitCode, type InterruptedError, isDdcliError} from './errors.js'
import {colorLevel, type Env} from './io.js'
import {errorLine} from './output/render.js'
import {exitSoon, installProcessGuards} from './process-guards.js'

// What every command run does around its work, whether oclif runs it (BaseCommand) or the fast launcher does.

/**
 * SIGINT/SIGTERM abort the run (a second one, or a run that does not unwind within a second, exits at once); a
 * closed stdout or stderr ends it quietly; any other stdout failure (a full disk) is one line and exit 6.
 */
export function watchProcess(abort: AbortController): void {
  installProcessGuards(abort)
}

/** Whether `--no-color` was given before any `--`; also for errors thrown before or while flags are parsed. */
export function noColorFlag(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  return (end === -1 ? argv : argv.slice(0, end)).includes('--no-color')
}

/** What a failure report needs to know about the run. */
export interface FailureContext {
  /** The command's argv (after its id), for masking. */
  argv: readonly string[]
  env: Env
  /** The command id, e.g. `call` or `auth:status`. */
  id: string | undefined
  abort: AbortSignal
  /** The command's flag definitions: an unknown flag then gets the closest one, or the ddcli spelling of a curl flag. */
  flags?: Record<string, {char?: string, aliases?: string[], hidden?: boolean, type?: 'boolean' | 'option', multiple?: boolean, options?: readonly string[], description?: string}>
  /** The command's argument definitions, for oclif's missing and unexpected argument errors. */
  args?: Record<string, {description?: string, required?: boolean, options?: readonly string[]}>
  /** stderr's colour level for the line (0 when not given). */
  color?: 0 | 1 | 2 | 3
  /** Every flag name of every command, for a flag given to the wrong command; read from the manifest when absent. */
  allFlagNames?: () => string[]
}

/** How a run ended: its exit code, the one line for stderr (none for a clean ending), and the stack with DEBUG. */
export interface Failure {
  exitCode: number
  line?: string
  debug?: string
}

/**
 * Maps any error to its one-line diagnostic and exit code: the one place that does (a stack only with DEBUG).
 * Secrets from env and argv are masked. Writes nothing: whoever runs the command prints what it returns.
 */
export async function describeFailure(error: Error & {exitCode?: number, oclif?: {exit?: number}}, context: FailureContext): Promise<Failure> {
  if (context.abort.aborted) error = context.abort.reason as InterruptedError
  const mask = createMasker([...processSecrets(context.argv, context.env), ...proxySecrets(context.env)])
  const color = context.color ?? 0
  const debug = context.env.DEBUG ? mask(`${error.stack ?? error.message}\n`) : undefined
  const ending = (exitCode: number, text?: string): Failure => ({exitCode, line: text === undefined ? undefined : mask(errorLine(text, color)), debug})
  if (isDdcliError(error)) return ending(error.exitCode, error.message)
  if (error.oclif?.exit === 0) return {exitCode: ExitCode.ok, debug}
  const suggestion = context.flags && context.id ? await unknownFlagSuggestion(error, context.flags, context.id, context.allFlagNames ?? manifestFlagNames) : undefined
  if (suggestion) return ending(ExitCode.usage, withoutStraySecrets(suggestion, context.argv))
  const parseLine = context.id ? await parseErrorText(error, context) : undefined
  if (parseLine) return ending(ExitCode.usage, withoutStraySecrets(parseLine, context.argv))
  if (error.oclif?.exit === 2 || error.name === 'CLIError' || /Nonexistent|Required|Unexpected argument|Expected/.test(error.message)) {
    const lines = error.message.split('\n').filter((line) => line.trim())
    let first = lines[0] ?? 'invalid arguments'
    // oclif lists what is missing on the next lines ("Missing 1 required arg:\nmethod  HTTP method ..."): name it.
    if (first.trimEnd().endsWith(':') && lines[1]) first = `${first.trimEnd()} ${lines[1].trim().split(/\s+/)[0]}`
    first = withoutStraySecrets(first.replace(/^Error:\s*/, ''), context.argv)
    return ending(ExitCode.usage, `${first}; see ddcli ${context.id?.replace(/:/g, ' ') ?? ''} --help`)
  }
  if (error.oclif?.exit !== undefined) return {exitCode: error.oclif.exit, debug}
  return ending(ExitCode.api, `unexpected error: ${error.message} (run with DEBUG=1 for details)`)
}

/** Reports a failure of this process's command: its line on stderr and its exit code (an interrupted run exits soon). */
export async function reportFailure(error: Error & {exitCode?: number, oclif?: {exit?: number}}, context: FailureContext): Promise<void> {
  if (context.abort.aborted) exitSoon()
  const color = colorLevel(Boolean(process.stderr.isTTY), context.env, noColorFlag(context.argv))
  const failure = await describeFailure(error, {...context, color})
  if (failure.debug) process.stderr.write(failure.debug)
  if (failure.line) process.stderr.write(failure.line)
  process.exitCode = failure.exitCode
}

/**
 * The line for an unknown flag (closest flag, or the ddcli spelling of a curl/gh flag), else undefined. Loaded only
 * when a parse fails. Flags of the other commands come from oclif.manifest.json, so oclif's path and the fast launcher
 * say the same.
 */
async function unknownFlagSuggestion(error: object, flags: NonNullable<FailureContext['flags']>, id: string, allFlagNames: () => string[]): Promise<string | undefined> {
  const {flagInfos, parseErrorLine} = await import('./suggest/index.js')
  return parseErrorLine(error, flagInfos(flags), id.replace(/:/g, ' '), allFlagNames())
}

/** ddcli's line for one of oclif's parse errors (a missing argument or value, a bad option), else undefined. */
async function parseErrorText(error: Error, context: FailureContext): Promise<string | undefined> {
  const {parseFailureText} = await import('./suggest/index.js')
  return parseFailureText(error, {id: context.id!.replace(/:/g, ' '), args: context.args ?? {}, flags: context.flags ?? {}}, context.argv)
}

/** Every flag name of every command, from the manifest beside the launcher; none when it cannot be read. */
function manifestFlagNames(): string[] {
  try {
    const launcher = realpathSync(process.argv[1] ?? '')
    const manifest = JSON.parse(readFileSync(join(dirname(launcher), '..', 'oclif.manifest.json'), 'utf8')) as {commands?: Record<string, {flags?: Record<string, unknown>}>}
    return Object.values(manifest.commands ?? {}).flatMap((command) => Object.keys(command.flags ?? {}))
  } catch {
    return []
  }
}

/** An argument shaped like a Datadog key or token (hex keys, ddpat_...): long, word characters, letters and digits. */
const keyShaped = (arg: string) => /^[\w-]{20,}$/.test(arg) && /\d/.test(arg) && /[a-z]/i.test(arg)

/**
 * A parse error's line without what may be a secret typed in the wrong place: oclif quotes argv as given, so a
 * misspelled credential flag (`--api_key=<key>`) or a key without its flag (`ddcli call GET /x $DD_API_KEY`) would be
 * printed whole, and the masker knows neither. Values of `--flag=value` and key-shaped arguments are masked.
 */
export function withoutStraySecrets(line: string, argv: readonly string[]): string {
  let out = line
  for (const arg of argv) {
    const eq = /^--?[^=\s]+=/.exec(arg)?.[0].length
    if (eq !== undefined && eq < arg.length) out = out.split(arg).join(`${arg.slice(0, eq)}${maskValue(arg.slice(eq))}`)
    else if (keyShaped(arg)) out = out.split(arg).join(maskValue(arg))
  }
  return out
}
