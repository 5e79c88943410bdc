import {given, UsageError} from '../errors.js'

/**
 * Upper bounds of the numeric flags: beyond a day, Node's timers overflow (they fire at once); beyond 100, retries are
 * a loop; an answer older than 30 days is not one a script means to reuse.
 */
export const LIMITS = {timeoutSeconds: 86_400, maxWaitSeconds: 86_400, retries: 100, cacheSeconds: 30 * 86_400} as const

/** The one line of a bad numeric flag: the valid values, what was given, and an example. */
function badNumber(flag: string, valid: string, text: string, example: number): UsageError {
  return new UsageError(`${flag} must be ${valid}, got ${given(text)}; e.g. ${flag} ${example}`)
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
