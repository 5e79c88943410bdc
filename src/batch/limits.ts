import type {IncomingHttpHeaders} from 'node:http'
import {rateLimitWaitMs} from '../http/retry.js'

/** What is known of one named rate limit (`X-RateLimit-Name`). */
interface LimitState {
  /** Requests left in this window, minus those sent since; undefined when unknown. */
  remaining?: number
  /** The window's size (`X-RateLimit-Limit`), the budget assumed once it resets. */
  limit?: number
  /** The window's length (`X-RateLimit-Period`), to know when the next one starts. */
  periodMs?: number
  /** When the window resets (ms since the epoch). */
  resetAt: number
  /** Set by a 429: nothing of this limit is sent before then. */
  blockedUntil: number
  inflight: number
}

/** Slack added to a reset time: the server rounds its reset seconds, and a request sent a moment early gets a 429. */
export const RESET_MARGIN_MS = 250

function header(headers: IncomingHttpHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name]
  return (Array.isArray(value) ? value[0] : value)?.trim()
}

function count(headers: IncomingHttpHeaders | undefined, name: string): number | undefined {
  const value = header(headers, name)
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined
}

/**
 * Datadog's rate limits as a batch learns them. Requests are grouped by a key (their operation) until a response
 * names the limit they count against; from then on, a 429 holds every request of that limit until its reset, and
 * `X-RateLimit-Remaining` paces them ahead of time: once the window's budget (less what is in flight) is spent,
 * they wait for the reset instead of drawing a 429. Requests of other limits go on.
 */
export class RateLimits {
  private readonly names = new Map<string, string>()
  private readonly limits = new Map<string, LimitState>()

  constructor(private readonly now: () => number = Date.now) {}

  /** The limit name learned for a key, if any. */
  nameOf(key: string): string | undefined {
    return this.names.get(key)
  }

  /** How long a request of this key must wait before it may be sent (0: now). */
  waitMs(key: string): number {
    const name = this.names.get(key)
    const state = name === undefined ? undefined : this.limits.get(name)
    if (!state) return 0
    const now = this.now()
    if (state.blockedUntil > now) return state.blockedUntil - now
    if (state.remaining !== undefined && state.remaining <= 0) {
      if (state.resetAt + RESET_MARGIN_MS > now) return state.resetAt + RESET_MARGIN_MS - now
      // The window has reset: assume its full budget until a response says otherwise, and when the next one starts.
      const known = state.limit !== undefined && state.periodMs !== undefined
      state.remaining = known ? Math.max(0, state.limit! - state.inflight) : undefined
      if (known) state.resetAt = Math.max(now, state.resetAt + state.periodMs!)
    }
    return 0
  }

  /** Counts a request as sent; returns the limit it was counted against, to pass back to `observe`. */
  take(key: string): string | undefined {
    const name = this.names.get(key)
    const state = name === undefined ? undefined : this.limits.get(name)
    if (!state) return undefined
    state.inflight++
    if (state.remaining !== undefined) state.remaining--
    return name
  }

  /** Learns from a response (or its absence): the limit's name, budget and reset, and a 429's hold. */
  observe(key: string, counted: string | undefined, status: number | undefined, headers: IncomingHttpHeaders | undefined): void {
    if (counted !== undefined) {
      const state = this.limits.get(counted)
      if (state) state.inflight = Math.max(0, state.inflight - 1)
    }
    const name = header(headers, 'x-ratelimit-name')
    if (!name) return
    if (this.names.size < 10_000) this.names.set(key, name)
    const now = this.now()
    let state = this.limits.get(name)
    if (!state) {
      state = {resetAt: 0, blockedUntil: 0, inflight: 0}
      if (this.limits.size < 10_000) this.limits.set(name, state)
    }
    const limit = count(headers, 'x-ratelimit-limit')
    if (limit !== undefined) state.limit = limit
    const period = count(headers, 'x-ratelimit-period')
    if (period !== undefined && period > 0) state.periodMs = period * 1000
    const resetMs = rateLimitWaitMs(headers)
    if (status === 429) {
      state.remaining = 0
      if (resetMs !== undefined) {
        state.blockedUntil = Math.max(state.blockedUntil, now + resetMs + RESET_MARGIN_MS)
        state.resetAt = now + resetMs
      }
      return
    }
    const remaining = count(headers, 'x-ratelimit-remaining')
    if (remaining === undefined) return
    const estimate = Math.max(0, remaining - state.inflight)
    const resetAt = resetMs === undefined ? state.resetAt : now + resetMs
    // A reset later than the known one (beyond rounding) starts a new window: its budget replaces the old one.
    const newWindow = state.remaining === undefined || resetAt > state.resetAt + 1000 || state.resetAt <= now
    state.remaining = newWindow ? estimate : Math.min(state.remaining!, estimate)
    state.resetAt = newWindow ? resetAt : Math.max(state.resetAt, resetAt)
  }

  /** The longest current wait and the limit it belongs to, for the progress line. */
  longestWait(): {name: string, ms: number} | undefined {
    const now = this.now()
    let best: {name: string, ms: number} | undefined
    for (const [name, state] of this.limits) {
      const until = Math.max(state.blockedUntil, state.remaining !== undefined && state.remaining <= 0 ? state.resetAt + RESET_MARGIN_MS : 0)
      if (until > now && (!best || until - now > best.ms)) best = {name, ms: until - now}
    }
    return best
  }
}
