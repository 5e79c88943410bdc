import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Readable, Writable} from 'node:stream'
import {parse} from '@oclif/core/parser'
import type {BaseCommand} from '../../src/base-command.js'
import {colorFlags} from '../../src/flags.js'
import type {CachedCommand, Clock} from '../../src/context.js'
import type {IO} from '../../src/io.js'
import {describeFailure} from '../../src/runtime.js'
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

/** Options of an in-process run: those of runCli, plus terminal facts and colour, which only a pty gives a process. */
export interface InProcessOptions extends RunOptions {
  /** Which streams count as terminals (default none). */
  tty?: {stdin?: boolean, stdout?: boolean, stderr?: boolean}
  /** Colour levels (default 0). */
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

/** The command id a user's argv names (`auth status ...` is `auth status`); undefined for anything else. */
export function commandOf(argv: readonly string[]): string | undefined {
  const two = argv.slice(0, 2).join(' ')
  if (Object.hasOwn(COMMANDS, two)) return two
  return Object.hasOwn(COMMANDS, argv[0] ?? '') ? argv[0] : undefined
}

/**
 * Runs `ddcli ...argv` in this process with the env runCli gives a spawned CLI (PATH, a fresh HOME and config dir,
 * DDCLI_STORAGE=file, plus `options.env`), stdin from `options.stdin`, and stdout and stderr kept in memory.
 * Resolves as runCli does. Help, version, unknown commands and completion's hidden command need oclif: spawn those.
 */
export async function runInProcess(argv: string[], options: InProcessOptions = {}): Promise<RunResult> {
  const id = commandOf(argv)
  if (id === undefined) throw new Error(`runInProcess: ${JSON.stringify(argv.slice(0, 2))} names no command it can run; spawn it with runCli`)
  const home = await mkdtemp(join(tmpdir(), 'ddcli-home-'))
  try {
    const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, DDCLI_CONFIG_DIR: join(home, 'config'), DDCLI_STORAGE: 'file', ...options.env}
    return await runCommand(id, argv.slice(id.split(' ').length), env, options)
  } finally {
    await rm(home, {recursive: true, force: true})
  }
}

/** Every command's metadata in the shape of oclif's manifest (names, flags, args), from the classes themselves. */
async function cachedCommands(): Promise<CachedCommand[]> {
  return Promise.all(Object.entries(COMMANDS).map(async ([id, load]) => {
    const command = (await load()).default as CommandClass & {hidden?: boolean}
    const named = (defs: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, {name, ...def as object}]))
    return {id: id.replace(/ /g, ':'), hidden: command.hidden, flags: named({...colorFlags, ...command.flags}), args: named(command.args)} as CachedCommand
  }))
}

/** Every flag name of every command, as the spawned CLI reads them from oclif's manifest. */
async function allFlagNames(): Promise<string[]> {
  return (await cachedCommands()).flatMap((command) => Object.keys(command.flags))
}

async function runCommand(id: string, argv: string[], env: Record<string, string>, options: InProcessOptions): Promise<RunResult> {
  const command = (await COMMANDS[id]!()).default as CommandClass
  const flags = {...colorFlags, ...command.flags} as Parameters<typeof parse>[1]['flags']
  const stdout = new Sink()
  const stderr = new Sink()
  const abort = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    abort.abort(new Error('timed out'))
  }, options.timeoutMs ?? 15_000)
  const noColor = argv.includes('--no-color')
  const io: IO = {
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdout,
    stderr,
    stdinIsTTY: options.tty?.stdin ?? false,
    stdoutIsTTY: options.tty?.stdout ?? false,
    stderrIsTTY: options.tty?.stderr ?? false,
    colorOut: noColor ? 0 : options.color?.out ?? 0,
    colorErr: noColor ? 0 : options.color?.err ?? 0,
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
  const id = commandOf(argv)
  if (id === undefined || options.env?.DEBUG || argv.some((arg) => arg === '--help' || arg === '-h' || arg === '--version')) return runCli(argv, options)
  const command = (await COMMANDS[id]!()).default as CommandClass
  const next = argv[id.split(' ').length]
  if (next !== undefined && !next.startsWith('-') && Object.keys(command.args ?? {}).length === 0 && command.strict !== false) return runCli(argv, options)
  return runInProcess(argv, options)
}
