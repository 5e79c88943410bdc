import type {Env, IO} from '../io.js'

/** What the `auth` and `config` commands need from the outside world; only command shells build the real ones. */
export interface CommandDeps {
  io: IO
  env: Env
  signal: AbortSignal
}

/** The env vars of a list that hold a non-blank value, in order. */
export function setEnvNames(env: Env, names: readonly string[]): string[] {
  return names.filter((name) => Boolean(env[name]?.trim()))
}
