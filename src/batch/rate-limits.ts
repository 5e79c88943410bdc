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
  /** Counts the windows this batch has seen: an answer to a request sent in an earlier one says nothing of this one. */
  window: number
  /** Set by a 429: nothing of this limit is sent before then. */
  blockedUntil: number
  /** Requests of this limit sent and not yet answered (whether or not the limit was known when they went out). */
  inflight: number
}

/** A request counted as sent (`take`), handed back to `observe` with its answer. */
export interface Ticket {
  readonly key: string
  /** When it was sent, and in which window of its limit (undefined: its limit was not known yet). */
  readonly sentAt: number
  readonly window?: number
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

  /** Requests of each key in flight, to count them against its limit once an answer names it. */
  private readonly keyInflight = new Map<string, number>()

  /** The limit name learned for a key, if any. */
  nameOf(key: string): string | undefined {
    return this.names.get(key)
  }

  /** How long a request of this key must wait before it may be sent (0: now). */
  waitMs(key: string): number {
    const state = this.stateOf(key)
    if (!state) return 0
    const now = this.now()
    if (state.blockedUntil > now) return state.blockedUntil - now
    if (state.remaining !== undefined && state.remaining <= 0) {
      if (state.resetAt + RESET_MARGIN_MS > now) return state.resetAt + RESET_MARGIN_MS - now
      // The window has reset: assume its full budget, less what is still in flight, until an answer says otherwise.
      const known = state.limit !== undefined && state.periodMs !== undefined
      state.remaining = known ? Math.max(0, state.limit! - state.inflight) : undefined
      state.window++
      if (known) state.resetAt = Math.max(now, state.resetAt + state.periodMs!)
    }
    return 0
  }

  /**
   * Counts a request as sent, against its limit when known, and in any case against its key: should the first
   * answer name the limit, the requests of that key still in flight are counted against it then.
   */
  take(key: string): Ticket {
    this.keyInflight.set(key, (this.keyInflight.get(key) ?? 0) + 1)
    const state = this.stateOf(key)
    if (!state) return {key, sentAt: this.now()}
    state.inflight++
    if (state.remaining !== undefined) state.remaining--
    return {key, sentAt: this.now(), window: state.window}
  }

  /**
   * Learns from the answer to a request (or its absence): the limit's name, budget and reset, and a 429's hold.
   * Robust to answers handled late or out of order: within a window the budget only goes down (a larger
   * `X-RateLimit-Remaining` is an older answer, not more budget), and only an answer to a request sent after the
   * known reset starts a new window; the time an answer is handled never does.
   */
  observe(ticket: Ticket, status: number | undefined, headers: IncomingHttpHeaders | undefined): void {
    const {key} = ticket
    const left = (this.keyInflight.get(key) ?? 1) - 1
    if (left > 0) this.keyInflight.set(key, left)
    else this.keyInflight.delete(key)
    const before = this.stateOf(key)
    if (before) before.inflight = Math.max(0, before.inflight - 1)
    const name = header(headers, 'x-ratelimit-name')
    if (!name) return
    const now = this.now()
    let state = this.limits.get(name)
    if (!state) {
      state = {resetAt: 0, window: 0, blockedUntil: 0, inflight: 0}
      if (this.limits.size >= 10_000) return
      this.limits.set(name, state)
    }
    if (state !== before && this.names.size < 10_000) {
      // The key's limit is learned (or changed): its requests still in flight count against it from now on.
      if (before) before.inflight = Math.max(0, before.inflight - left)
      state.inflight += left
      if (state.remaining !== undefined) state.remaining -= left
      this.names.set(key, name)
    }
    const limit = count(headers, 'x-ratelimit-limit')
    if (limit !== undefined) state.limit = limit
    const period = count(headers, 'x-ratelimit-period')
    if (period !== undefined && period > 0) state.periodMs = period * 1000
    const resetMs = rateLimitWaitMs(headers, now)
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
    const sameWindow = ticket.window === undefined || ticket.window === state.window
    if (!sameWindow) return // An answer from a window already over says nothing of this one.
    // Sent after the known reset (with its margin): the server counted it in a later window, whose budget replaces this one's.
    const later = state.remaining === undefined || (state.resetAt > 0 && ticket.sentAt >= state.resetAt + RESET_MARGIN_MS)
    if (later) {
      if (state.remaining !== undefined) state.window++
      state.remaining = estimate
      state.resetAt = resetAt
    } else {
      state.remaining = Math.min(state.remaining!, estimate)
      state.resetAt = Math.max(state.resetAt, resetAt)
    }
  }

  private stateOf(key: string): LimitState | undefined {
    const name = this.names.get(key)
    return name === undefined ? undefined : this.limits.get(name)
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
