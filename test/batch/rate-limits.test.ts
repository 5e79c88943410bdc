import {describe, expect, it} from 'vitest'
import {RateLimits, RESET_MARGIN_MS} from '../../src/batch/rate-limits.js'

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
    expect(limits.take('v1:GetMonitor').window).toBeUndefined()
  })

  it('holds every request of a limit after a 429 until its reset, and not those of another limit', () => {
    const c = clock()
    const limits = new RateLimits(c.now)
    limits.observe(limits.take('a1'), 200, headers('alpha', 3, 10))
    limits.observe(limits.take('a2'), 200, headers('alpha', 2, 10))
    limits.observe(limits.take('b'), 200, headers('beta', 4, 10))
    limits.observe(limits.take('a1'), 429, headers('alpha', 0, 4))
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
    limits.observe(limits.take('k'), 200, headers('gamma', 3, 2))
    const sent = [limits.take('k'), limits.take('k')]
    expect(limits.waitMs('k')).toBe(0)
    limits.take('k')
    expect(limits.waitMs('k')).toBe(2000 + RESET_MARGIN_MS)
    // A late answer from the same window does not raise the budget again.
    limits.observe(sent[0]!, 200, headers('gamma', 2, 2))
    expect(limits.waitMs('k')).toBe(2000 + RESET_MARGIN_MS)
    c.advance(2000 + RESET_MARGIN_MS)
    // The window reset: its full budget (X-RateLimit-Limit) is assumed until an answer says otherwise.
    expect(limits.waitMs('k')).toBe(0)
  })

  it('counts the requests sent before their limit was known against it once the first answer names it', () => {
    const c = clock()
    const limits = new RateLimits(c.now)
    // Four go out at once: nothing is known yet. The first answer says 3 are left, but three more are still in flight.
    const first = [limits.take('k'), limits.take('k'), limits.take('k'), limits.take('k')]
    limits.observe(first[0]!, 200, headers('delta', 3, 2))
    expect(limits.waitMs('k')).toBe(2000 + RESET_MARGIN_MS)
    // Their answers, in any order, do not raise the budget again.
    limits.observe(first[2]!, 200, headers('delta', 1, 2))
    limits.observe(first[1]!, 200, headers('delta', 2, 2))
    limits.observe(first[3]!, 200, headers('delta', 0, 2))
    expect(limits.waitMs('k')).toBe(2000 + RESET_MARGIN_MS)
  })

  it('never takes an answer handled late for a new window: only one to a request sent after the reset starts it', () => {
    const c = clock()
    const limits = new RateLimits(c.now)
    const [a, b] = [limits.take('k'), limits.take('k')]
    limits.observe(b, 200, headers('eps', 1, 1))
    expect(limits.waitMs('k')).toBe(1000 + RESET_MARGIN_MS)
    // The answer to the first, out of order and handled 3 s late, names a later reset: still the same window.
    c.advance(3000)
    limits.observe(a, 200, headers('eps', 2, 1))
    expect(limits.waitMs('k')).toBeGreaterThan(0)
  })

  it('starts a new window on an answer to a request sent after the reset, and ignores answers from the old one', () => {
    const c = clock()
    const limits = new RateLimits(c.now)
    limits.observe(limits.take('k'), 200, headers('zeta', 3, 1))
    const old = limits.take('k')
    c.advance(2000)
    const fresh = limits.take('k')
    limits.observe(fresh, 200, headers('zeta', 4, 1))
    limits.observe(old, 200, headers('zeta', 0, 1))
    expect(limits.waitMs('k')).toBe(0)
    for (let i = 0; i < 4; i++) limits.take('k')
    expect(limits.waitMs('k')).toBe(1000 + RESET_MARGIN_MS)
  })

  it('ignores responses without X-RateLimit-Name', () => {
    const limits = new RateLimits()
    limits.observe(limits.take('k'), 429, {'x-ratelimit-reset': '30'})
    expect(limits.waitMs('k')).toBe(0)
    expect(limits.longestWait()).toBeUndefined()
  })
})
