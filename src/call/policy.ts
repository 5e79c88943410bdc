import {UsageError} from '../errors.js'

/** A numeric flag checked: finite, not negative, and not zero unless allowed. */
export function positive(value: number, flag: string, allowZero: boolean): number {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new UsageError(`${flag} must be a ${allowZero ? 'non-negative' : 'positive'} number`)
  }
  return value
}

/** `--timeout`, `--retries` and `--max-wait` as the transport takes them, shared by `call` and `batch`. */
export function sendPolicy(options: {timeoutSeconds: number, retries: number, maxWaitSeconds: number}): {timeoutMs: number, retries: number, maxWaitMs: number} {
  return {
    timeoutMs: positive(options.timeoutSeconds, '--timeout', false) * 1000,
    retries: Math.floor(positive(options.retries, '--retries', true)),
    maxWaitMs: positive(options.maxWaitSeconds, '--max-wait', true) * 1000,
  }
}
