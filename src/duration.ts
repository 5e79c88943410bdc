import {given, UsageError} from './errors.js'

// Durations as a person writes them: `30` (seconds, as ever), `0.5`, `500ms`, `5s`, `2m`, `1h`, `1m30s`.

const UNIT_MS = {h: 3_600_000, m: 60_000, s: 1000, ms: 1} as const
const ORDER = ['h', 'm', 's', 'ms'] as const

/** Where a duration may go: whether 0 is allowed, and the most it may be. */
export interface DurationLimits {
  allowZero: boolean
  maxSeconds: number
}

/** Milliseconds of a duration as typed, or NaN: a plain decimal is seconds; units go largest first, each once. */
function milliseconds(text: string): number {
  const trimmed = text.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)]
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== trimmed) return Number.NaN
  let last = -1
  let total = 0
  for (const [, number, unit] of parts) {
    const rank = ORDER.indexOf(unit as typeof ORDER[number])
    if (rank <= last) return Number.NaN
    last = rank
    total += Number(number) * UNIT_MS[unit as keyof typeof UNIT_MS]
  }
  return total
}

/** A duration for a message, as the other waits in it are written: `500 ms` below a second, else `5 s`, `1.5 s`. */
export function formatDuration(ms: number): string {
  return ms > 0 && ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(3))} s`
}

/** The largest unit that writes a whole number of seconds as typed: 86400 -> `24h`, 90 -> `90s`. */
function typed(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`
  if (seconds % 60 === 0) return `${seconds / 60}m`
  return `${seconds}s`
}

/**
 * Parses a duration flag (`--timeout`, `--max-wait`, `--cache`) into whole milliseconds (a fraction rounds up, so a
 * positive duration never becomes 0): plain decimal seconds (`30`, `0.5`) or units `ms`, `s`, `m`, `h`, combined
 * largest first (`1m30s`); nothing else (`0x10`, `1e3`, `Infinity`, `5S`, `-1s`, an empty value), within the limits.
 */
export function parseDuration(text: string, flag: string, {allowZero, maxSeconds}: DurationLimits): number {
  const ms = Math.ceil(Math.round(milliseconds(text) * 1000) / 1000)
  if (!(ms <= maxSeconds * 1000) || (!allowZero && ms === 0)) {
    throw new UsageError(`${flag} must be a duration from ${allowZero ? '0' : '1ms'} to ${typed(maxSeconds)} (30 is seconds; or 500ms, 5s, 2m, 1h), got ${given(text)}; e.g. ${flag} ${allowZero ? '60s' : '30s'}`)
  }
  return ms
}
