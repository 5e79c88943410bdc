import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Readable, Writable} from 'node:stream'
import {parse} from '@oclif/core/parser'
import type {BaseCommand} from '../../src/base-command.js'
import {colorFlags} from '../../src/flags.js'
import type {CachedCommand, Clock} from '../../src/context.js'
import {colorLevel, type IO} from '../../src/io.js'
import {describeFailure, noColorFlag} from '../../src/runtime.js'
import {runCli, type RunOptions, type RunResult} from './cli.js'

// Commands run in this process, as cli/cli tests `gh api`: oclif's own parser over the command's own flags, the
// command's own `execute`, memory streams, and the one failure report. No build, no process: a failure points at a
// line. What only a process shows (the launcher and fast path, signals, terminals, packaging, shells) is spawned
// with runCli (test/helpers/cli.ts).

type CommandClass = typeof BaseCommand & {args?: Record<string, unknown>, flags?: Record<string, unknown>, strict?: boolean}

const COMMANDS: Record<string, () => Promise<{default: unknown}>> = {
  __complete: () => import('../../src/commands/__complete.js'),
  'api list': () => import('../../src/commands/api/list.js'),
  'api show': () => import('../../src/commands/api/show.js'),
  'auth clear': () => import('../../src/commands/auth/clear.js'),
  'auth list': () => import('../../src/commands/auth/list.js'),
  'auth set-api-key': () => import('../../src/commands/auth/set-api-key.js'),
  'auth set-app-key': () => import('../../src/commands/auth/set-app-key.js'),
  'auth set-pat': () => import('../../src/commands/auth/set-pat.js'),
  'auth status': () => import('../../src/commands/auth/status.js'),
  'auth switch': () => import('../../src/commands/auth/switch.js'),
  'auth token': () => import('../../src/commands/auth/token.js'),
  batch: () => import('../../src/commands/batch.js'),
  call: () => import('../../src/commands/call.js'),
  completion: () => import('../../src/commands/completion.js'),
  'config get': () => import('../../src/commands/config/get.js'),
  'config list': () => import('../../src/commands/config/list.js'),
  'config path': () => import('../../src/commands/config/path.js'),
  'config profiles': () => import('../../src/commands/config/profiles.js'),
  'config set': () => import('../../src/commands/config/set.js'),
  'config unset': () => import('../../src/commands/config/unset.js'),
}

/** Commands only oclif runs (they render help or read oclif's config); their metadata still goes to completion. */
export const OCLIF_COMMANDS: Record<string, () => Promise<{default: unknown}>> = {
  help: () => import('../../src/commands/help.js'),
  version: () => import('../../src/commands/version.js'),
}

/** The command ids the runner knows, runnable or not: every file of src/commands (test/structure checks). */
export const KNOWN_COMMANDS: readonly string[] = [...Object.keys(COMMANDS), ...Object.keys(OCLIF_COMMANDS)]

/** Options of an in-process run: those of runCli, plus terminal facts and colour, which only a pty gives a process. */
export interface InProcessOptions extends RunOptions {
  /** Which streams count as terminals (default none). */
  tty?: {stdin?: boolean, stdout?: boolean, stderr?: boolean}
  /** Colour levels (default: from env and `tty`, as the CLI decides them). */
  color?: {out?: IO['colorOut'], err?: IO['colorErr']}
  columns?: number
  /** The clock of batch's pacing (test/helpers/clock.ts). */
  clock?: Clock
}

/** A stream that keeps what is written to it. */
class Sink extends Writable {
  readonly chunks: Buffer[] = []
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(Buffer.from(chunk))
    done()
  }
}

/** Other ids of a command (its oclif `aliases`), as oclif resolves them; test/cli/pup-habits checks them against the classes. */
export const ALIASES: Readonly<Record<string, string>> = {'auth logout': 'auth clear'}

/** The command id a user's argv names (`auth status ...` is `auth status`, an alias its command); undefined for anything else. */
export function commandOf(argv: readonly string[]): string | undefined {
  const two = argv.slice(0, 2).join(' ')
  if (Object.hasOwn(COMMANDS, two)) return two
  if (Object.hasOwn(ALIASES, two)) return two
  return Object.hasOwn(COMMANDS, argv[0] ?? '') ? argv[0] : undefined
}

const load = (id: string) => COMMANDS[ALIASES[id] ?? id]!()

/**
 * Why argv must be spawned rather than run in process, or undefined when the runner answers exactly as the CLI does:
 * help and --version, words that name no command of the runner, a word after a command that takes no argument
 * (oclif's not-found hook answers it) and DEBUG's trace are oclif's and the launcher's own.
 */
export async function spawnReason(argv: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<string | undefined> {
  const id = commandOf(argv)
  if (id === undefined) return `${JSON.stringify(argv.slice(0, 2))} names no command it can run`
  if (env.DEBUG) return 'DEBUG prints oclif\'s trace'
  const flag = argv.find((arg) => arg === '--help' || arg === '-h' || arg === '--version')
  if (flag) return `${flag} is answered by oclif (help or version)`
  const command = (await load(id)).default as CommandClass
  const next = argv[id.split(' ').length]
  if (next !== undefined && !next.startsWith('-') && Object.keys(command.args ?? {}).length === 0 && command.strict !== false) {
    return `ddcli ${id} takes no argument, so oclif's not-found hook answers ${JSON.stringify(next)}`
  }
  return undefined
}

/**
 * Runs `ddcli ...argv` in this process with the env runCli gives a spawned CLI (PATH, a fresh HOME and config dir,
 * DDCLI_STORAGE=file, plus `options.env`), stdin from `options.stdin`, and stdout and stderr kept in memory.
 * Resolves as runCli does. It refuses argv that only the CLI process answers (see spawnReason): spawn those.
 */
export async function runInProcess(argv: string[], options: InProcessOptions = {}): Promise<RunResult> {
  const reason = await spawnReason(argv, options.env)
  if (reason !== undefined) throw new Error(`runInProcess: ${reason}; spawn it with runCli (or use run())`)
  const id = commandOf(argv)!
  const home = await mkdtemp(join(tmpdir(), 'ddcli-home-'))
  try {
    const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, DDCLI_CONFIG_DIR: join(home, 'config'), DDCLI_STORAGE: 'file', ...options.env}
    return await runCommand(id, argv.slice(id.split(' ').length), env, options)
  } finally {
    await rm(home, {recursive: true, force: true})
  }
}

/** A command class with the statics oclif reads for help and the manifest. */
export type CommandMeta = CommandClass & {hidden?: boolean}

/** Every command class of src/commands with its oclif id (`auth:status`), from the sources: no build needed. */
export async function commandClasses(): Promise<Array<{id: string, command: CommandMeta}>> {
  return Promise.all(Object.entries({...COMMANDS, ...OCLIF_COMMANDS}).map(async ([id, load]) => ({id: id.replace(/ /g, ':'), command: (await load()).default as CommandMeta})))
}

/** Every command's metadata in the shape of oclif's manifest (names, flags, args), from the classes themselves. */
async function cachedCommands(): Promise<CachedCommand[]> {
  // As oclif's Config: each alias is one more command, the same but for its id.
  return (await commandClasses()).flatMap(({id, command}) => {
    const named = (defs: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, {name, ...def as object}]))
    const cached = {id, hidden: command.hidden, flags: named({...colorFlags, ...command.flags}), args: named(command.args)} as CachedCommand
    return [cached, ...(command.aliases ?? []).map((alias) => ({...cached, id: alias}))]
  })
}

/** Every flag name of every command, as the spawned CLI reads them from oclif's manifest. */
async function allFlagNames(): Promise<string[]> {
  return (await cachedCommands()).flatMap((command) => Object.keys(command.flags))
}

async function runCommand(id: string, argv: string[], env: Record<string, string>, options: InProcessOptions): Promise<RunResult> {
  const command = (await load(id)).default as CommandClass
  const flags = {...colorFlags, ...command.flags} as Parameters<typeof parse>[1]['flags']
  const stdout = new Sink()
  const stderr = new Sink()
  const abort = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    abort.abort(new Error('timed out'))
  }, options.timeoutMs ?? 15_000)
  // As BaseCommand: --no-color before any --, else NO_COLOR, FORCE_COLOR and the terminal decide, unless the test
  // sets the levels; __complete never colours its candidates.
  const noColor = id === '__complete' || noColorFlag(argv)
  const tty = {stdin: options.tty?.stdin ?? false, stdout: options.tty?.stdout ?? false, stderr: options.tty?.stderr ?? false}
  const io: IO = {
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdout,
    stderr,
    stdinIsTTY: tty.stdin,
    stdoutIsTTY: tty.stdout,
    stderrIsTTY: tty.stderr,
    colorOut: noColor ? 0 : options.color?.out ?? colorLevel(tty.stdout, env, false),
    colorErr: noColor ? 0 : options.color?.err ?? colorLevel(tty.stderr, env, false),
  }
  let code = 0
  try {
    // __complete takes the shell's words as they are, as its run() does.
    const parsed = id === '__complete' ? {args: {}, flags: {}} : await parse(argv, {args: command.args ?? {}, flags, strict: command.strict ?? true})
    await command.execute(parsed, {argv, io, env, signal: abort.signal, columns: options.columns, bin: 'ddcli', commands: await cachedCommands(), clock: options.clock})
  } catch (error: unknown) {
    const names = await allFlagNames()
    const failure = await describeFailure(error as Error, {argv, env, id: id.replace(/ /g, ':'), abort: abort.signal, flags: flags as never, color: io.colorErr, allFlagNames: () => names})
    if (failure.debug) stderr.write(failure.debug)
    if (failure.line) stderr.write(failure.line)
    code = failure.exitCode
  } finally {
    clearTimeout(timer)
  }
  return {code, signal: null, timedOut, stdout: Buffer.concat(stdout.chunks), stderr: Buffer.concat(stderr.chunks).toString('utf8')}
}

/**
 * Runs argv in this process when a command of it would run, else spawns the built CLI: help, --version, unknown
 * words and a word after a command that takes no argument (oclif's not-found hook answers those), and DEBUG's trace
 * (bin/run.js's logger) are oclif's and the launcher's own, which only a process gives.
 */
export async function run(argv: string[], options: InProcessOptions = {}): Promise<RunResult> {
  return (await spawnReason(argv, options.env)) === undefined ? runInProcess(argv, options) : runCli(argv, options)
}
