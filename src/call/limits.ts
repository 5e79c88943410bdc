import {UsageError} from '../errors.js'

/** Upper bounds of the numeric flags: beyond a day, Node's timers overflow (they fire at once); beyond 100, retries are a loop. */
export const LIMITS = {timeoutSeconds: 86_400, maxWaitSeconds: 86_400, retries: 100} as const

/**
 * Parses seconds as written by a person: plain decimal (`30`, `0.5`), nothing else (`0x10`, `1e3`, `Infinity`, an
 * empty value), within `max`.
 */
export function parseSeconds(text: string, flag: string, allowZero: boolean, max: number): number {
  const value = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : Number.NaN
  if (!(value <= max) || (!allowZero && value === 0)) {
    throw new UsageError(`${flag} must be a ${allowZero ? 'non-negative' : 'positive'} number of seconds up to ${max}; e.g. ${flag} ${allowZero ? 60 : 30}`)
  }
  return value
}

/** Parses `--retries`: a whole number from 0 to the limit. */
export function parseRetries(text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN
  if (!(value <= LIMITS.retries)) {
    throw new UsageError(`--retries must be a non-negative number of retries (a whole number up to ${LIMITS.retries}); e.g. --retries 3`)
  }
  return value
}
