import {UsageError} from '../errors.js'

/**
 * Upper bounds of the numeric flags: beyond a day, Node's timers overflow (they fire at once); beyond 100, retries are
 * a loop; an answer older than 30 days is not one a script means to reuse.
 */
export const LIMITS = {timeoutSeconds: 86_400, maxWaitSeconds: 86_400, retries: 100, cacheSeconds: 30 * 86_400} as const

/** What was given, for the error line: quoted, control characters escaped, at most 40 characters. */
function given(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text)
}

/** The one line of a bad numeric flag: the valid values, what was given, and an example. */
function badNumber(flag: string, valid: string, text: string, example: number): UsageError {
  return new UsageError(`${flag} must be ${valid}, got ${given(text)}; e.g. ${flag} ${example}`)
}

/**
 * Parses seconds as written by a person: plain decimal (`30`, `0.5`), nothing else (`0x10`, `1e3`, `Infinity`, an
 * empty value), within `max`.
 */
export function parseSeconds(text: string, flag: string, allowZero: boolean, max: number): number {
  const value = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : Number.NaN
  if (!(value <= max) || (!allowZero && value === 0)) {
    throw badNumber(flag, `a ${allowZero ? 'non-negative' : 'positive'} number of seconds up to ${max}`, text, allowZero ? 60 : 30)
  }
  return value
}

/** Parses `--retries`: a whole number from 0 to the limit. */
export function parseRetries(text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN
  if (!(value <= LIMITS.retries)) throw badNumber('--retries', `a non-negative number of retries (a whole number up to ${LIMITS.retries})`, text, 3)
  return value
}

/**
 * Parses a count flag (`--max-items`, `--page-size`, `--concurrency`) as typed: a plain whole number from 1 (to
 * `max`); undefined when the flag was not given. Its own parser rather than oclif's integer flag, whose error names
 * no valid value.
 */
export function parseCount(text: string | undefined, flag: string, example: number, max?: number): number | undefined {
  if (text === undefined) return undefined
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN
  if (!Number.isSafeInteger(value) || value < 1 || (max !== undefined && value > max)) {
    throw badNumber(flag, max === undefined ? 'a whole number of at least 1' : `a whole number from 1 to ${max}`, text, example)
  }
  return value
}
