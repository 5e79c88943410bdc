import {LIMITS, parseRetries, parseSeconds} from './limits.js'

/** `--timeout`, `--retries` and `--max-wait` (as typed) as the transport takes them, shared by `call` and `batch`. */
export function sendPolicy(options: {timeout: string, retries: string, maxWait: string}): {timeoutMs: number, retries: number, maxWaitMs: number} {
  return {
    timeoutMs: parseSeconds(options.timeout, '--timeout', false, LIMITS.timeoutSeconds) * 1000,
    retries: parseRetries(options.retries),
    maxWaitMs: parseSeconds(options.maxWait, '--max-wait', true, LIMITS.maxWaitSeconds) * 1000,
  }
}
