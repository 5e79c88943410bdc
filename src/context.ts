import type {Env, IO} from './io.js'

/** The parts of oclif's cached command metadata (the manifest) that completion reads. */
export interface CachedCommand {
  id: string
  hidden?: boolean
  flags: Readonly<Record<string, {name: string, char?: string, aliases?: string[], type: string, hidden?: boolean, multiple?: boolean, options?: readonly string[]}>>
  args: Readonly<Record<string, {name: string, options?: readonly string[], hidden?: boolean}>>
}

/**
 * What a command's work gets from whoever runs it: oclif's command shell below, or a test that runs commands in
 * process with memory streams. Nothing below the command reads `process` for these.
 */
export interface RunContext {
  /** The command's argv (after its id), as typed. */
  argv: string[]
  /** The streams; colour already off when `--no-color` was given. */
  io: IO
  env: Env
  signal: AbortSignal
  /** stdout's width on a terminal. */
  columns?: number
  /** The program's name, for scripts that name it (completion). */
  bin: string
  /** Every command's metadata (oclif's manifest), for completion. */
  commands: readonly CachedCommand[]
}

/** What `execute` gets of the parse: oclif's parser output. */
export interface Parsed {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  args: any
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  flags: any
}
