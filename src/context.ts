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
  /** stdout's width on a terminal; undefined when unknown (see terminalColumns). */
  columns?: number
  /** The program's name, for scripts that name it (completion). */
  bin: string
  /** Every command's metadata (oclif's manifest), for completion. */
  commands: readonly CachedCommand[]
  /** The clock of batch's pacing; the real one when absent. */
  clock?: Clock
}

/** What `execute` gets of the parse: oclif's parser output. */
export interface Parsed {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  args: any
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  flags: any
}

/** Time as the batch scheduler and its rate limits see it: tests pass one that moves only when they say. */
export interface Clock {
  now(): number
  /** Calls `fn` after `ms`; returns what cancels it. */
  setTimer(fn: () => void, ms: number): () => void
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const timer = setTimeout(fn, ms)
    return () => clearTimeout(timer)
  },
}
