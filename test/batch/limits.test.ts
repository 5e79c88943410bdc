import {describe, expect, it} from 'vitest'
import {RateLimits, RESET_MARGIN_MS} from '../../src/batch/limits.js'

const headers = (name: string, remaining: number | undefined, reset: number, extra: Record<string, string> = {}) => ({
  'x-ratelimit-name': name, 'x-ratelimit-reset': String(reset), 'x-ratelimit-limit': '5', 'x-ratelimit-period': '10',
  ...(remaining === undefined ? {} : {'x-ratelimit-remaining': String(remaining)}), ...extra,
})

function clock() {
  let now = 1_000_000
  return {now: () => now, advance: (ms: number) => { now += ms }}
}

describe('RateLimits', () => {
  it('lets requests go while nothing is known of their limit', () => {
    const limits = new RateLimits()
    expect(limits.waitMs('v1:GetMonitor')).toBe(0)
    expect(limits.take('v1:GetMonitor')).toBeUndefined()
  })

  it('holds every request of a limit after a 429 until its reset, and not those of another limit', () => {
    const c = clock()
    const limits = new RateLimits(c.now)
    limits.observe('a1', undefined, 200, headers('alpha', 3, 10))
    limits.observe('a2', undefined, 200, headers('alpha', 2, 10))
    limits.observe('b', undefined, 200, headers('beta', 4, 10))
    limits.observe('a1', limits.take('a1'), 429, headers('alpha', 0, 4))
    expect(limits.waitMs('a1')).toBe(4000 + RESET_MARGIN_MS)
    expect(limits.waitMs('a2')).toBe(4000 + RESET_MARGIN_MS)
    expect(limits.waitMs('b')).toBe(0)
    expect(limits.longestWait()).toEqual({name: 'alpha', ms: 4000 + RESET_MARGIN_MS})
    c.advance(4000 + RESET_MARGIN_MS)
    expect(limits.waitMs('a1')).toBe(0)
  })

  it('spends the announced budget, less what is in flight, then waits for the reset instead of drawing a 429', () => {
    const c = clock()
    const limits = new RateLimits(c.now)
    limits.observe('k', undefined, 200, headers('gamma', 3, 2))
    const sent = [limits.take('k'), limits.take('k')]
    expect(limits.waitMs('k')).toBe(0)
    limits.take('k')
    expect(limits.waitMs('k')).toBe(2000 + RESET_MARGIN_MS)
    // A late answer from the same window does not raise the budget again.
    limits.observe('k', sent[0], 200, headers('gamma', 2, 2))
    expect(limits.waitMs('k')).toBe(2000 + RESET_MARGIN_MS)
    c.advance(2000 + RESET_MARGIN_MS)
    // The window reset: its full budget (X-RateLimit-Limit) is assumed until an answer says otherwise.
    expect(limits.waitMs('k')).toBe(0)
  })

  it('ignores responses without X-RateLimit-Name', () => {
    const limits = new RateLimits()
    limits.observe('k', undefined, 429, {'x-ratelimit-reset': '30'})
    expect(limits.waitMs('k')).toBe(0)
    expect(limits.longestWait()).toBeUndefined()
  })
})
