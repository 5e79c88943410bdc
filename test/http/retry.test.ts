import {describe, expect, it} from 'vitest'
import {backoffMs, rateLimitWaitMs, retryDecision, type AttemptOutcome} from '../../src/http/retry.js'

const policy = {retries: 3, maxWaitMs: 60_000, retryUnsafe: false, backoffMs: 100, random: () => 1}

function outcome(partial: Partial<AttemptOutcome>): AttemptOutcome {
  return {method: 'GET', attempt: 1, replayable: true, ...partial}
}

describe('retryDecision', () => {
  it.each([
    {name: 'a 429 is retried for POST after X-RateLimit-Reset', o: {status: 429, method: 'POST', headers: {'x-ratelimit-reset': '2'}}, retry: true, delay: 2000},
    {name: 'a 429 falls back to Retry-After', o: {status: 429, headers: {'retry-after': '3'}}, retry: true, delay: 3000},
    {name: 'a 429 longer than --max-wait is not slept', o: {status: 429, headers: {'x-ratelimit-reset': '120'}}, retry: false, delay: undefined},
    {name: 'a 503 is retried for GET with backoff', o: {status: 503}, retry: true, delay: 100},
    {name: 'a 503 is not retried for POST', o: {status: 503, method: 'POST'}, retry: false, delay: undefined},
    {name: 'a 502 is not retried for PATCH', o: {status: 502, method: 'PATCH'}, retry: false, delay: undefined},
    {name: 'a 500 is retried for PUT', o: {status: 500, method: 'PUT'}, retry: true, delay: 100},
    {name: 'a 404 is never retried', o: {status: 404}, retry: false, delay: undefined},
    {name: 'a 501 is not retried', o: {status: 501}, retry: false, delay: undefined},
    {name: 'a refused connection is retried for DELETE', o: {method: 'DELETE', error: {code: 'ECONNREFUSED'}}, retry: true, delay: 100},
    {name: 'a TLS error is not retried', o: {error: {code: 'CERT_HAS_EXPIRED'}}, retry: false, delay: undefined},
    {name: 'the fourth attempt is the last with --retries 3', o: {status: 503, attempt: 4}, retry: false, delay: undefined},
    {name: 'a stdin body that cannot be replayed is not retried', o: {status: 429, replayable: false}, retry: false, delay: undefined},
  ])('$name', ({o, retry, delay}) => {
    const decision = retryDecision(outcome(o), policy)
    expect(decision.retry).toBe(retry)
    if (decision.retry) expect(decision.delayMs).toBe(delay)
  })

  it('retries POST on 5xx with --retry-unsafe', () => {
    expect(retryDecision(outcome({status: 503, method: 'POST'}), {...policy, retryUnsafe: true}).retry).toBe(true)
  })

  it('never retries with --retries 0', () => {
    expect(retryDecision(outcome({status: 429}), {...policy, retries: 0}).retry).toBe(false)
    expect(retryDecision(outcome({status: 503}), {...policy, retries: 0}).retry).toBe(false)
  })

  it('names the rate limit in the cause', () => {
    const decision = retryDecision(outcome({status: 429, headers: {'x-ratelimit-name': 'logs_query', 'x-ratelimit-reset': '1'}}), policy)
    expect(decision.cause).toBe('rate limited (logs_query)')
  })

  it('doubles the backoff with jitter between half and all of the step', () => {
    expect([1, 2, 3].map((a) => backoffMs(a, {...policy, random: () => 0}))).toEqual([50, 100, 200])
    expect([1, 2, 3].map((a) => backoffMs(a, policy))).toEqual([100, 200, 400])
  })

  it('reads Retry-After as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(rateLimitWaitMs({'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT'}, now)).toBe(5000)
  })
})
