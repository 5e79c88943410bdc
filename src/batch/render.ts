import {formatDuration} from '../duration.js'
import {printable} from '../output/render.js'

/**
 * The progress line on a terminal: `ddcli: 120/1000 done, 4 in flight, waiting 3 s for logs_query`. The limit's
 * name comes from a response header: escaped, so it cannot drive the terminal.
 */
export function progressLine(done: number, total: number | undefined, inflight: number, wait?: {name: string, ms: number}): string {
  const count = total === undefined ? `${done}` : `${done}/${total}`
  const waiting = wait ? `, waiting ${Math.ceil(wait.ms / 1000)} s for ${printable(wait.name)}` : ''
  return `ddcli: ${count} done, ${inflight} in flight${waiting}`
}

/** The summary when any request failed: `3 of 1000 requests failed (HTTP >= 400 or no response); see their results`. */
export function failedSummary(failed: number, total: number): string {
  return `${failed} of ${total} request${total === 1 ? '' : 's'} failed (HTTP >= 400, no response or a bad line); see the results on stdout`
}

/** Why a request of a held limit is not sent: its wait is longer than `--max-wait`. */
export function heldTooLong(name: string, ms: number, maxWaitMs: number): string {
  return `rate limited (${name}); the limit resets in ${Math.ceil(ms / 1000)} s, longer than --max-wait ${formatDuration(maxWaitMs)}; not sent`
}

/** A line longer than ddcli keeps in memory. */
export function lineTooLong(maxBytes: number): string {
  return `line longer than ${Math.round(maxBytes / 1024 / 1024)} MiB; split the request or shorten its body`
}

/** A response body larger than a result may hold. */
export function bodyTooLarge(maxBytes: number): string {
  return `response body larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; fetch it with ddcli call instead`
}

/** The hint shown when requests are read from a terminal. */
export function terminalInputHint(): string {
  return 'reading requests from the terminal, one JSON object per line; end with Ctrl-D (or give --input FILE)'
}
