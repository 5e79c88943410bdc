import {parseDuration} from '../duration.js'
import {LIMITS, parseRetries} from './limits.js'

/** `--timeout`, `--retries` and `--max-wait` (as typed) as the transport takes them, shared by `call` and `batch`. */
export function sendPolicy(options: {timeout: string, retries: string, maxWait: string}): {timeoutMs: number, retries: number, maxWaitMs: number} {
  return {
    timeoutMs: parseDuration(options.timeout, '--timeout', {allowZero: false, maxSeconds: LIMITS.timeoutSeconds}),
    retries: parseRetries(options.retries),
    maxWaitMs: parseDuration(options.maxWait, '--max-wait', {allowZero: true, maxSeconds: LIMITS.maxWaitSeconds}),
  }
}
