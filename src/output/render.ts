import type {IncomingHttpHeaders} from 'node:http'
import {cutShort} from '../closest.js'
import {maskHeaders, type Masker} from '../credentials/mask.js'
import type {ProxyRoute} from '../http/proxy.js'
import type {TransportEvent} from '../http/transport.js'
import {neutralizeControls} from './json.js'

/** One diagnostic line: `ddcli: <message>`, always a single line. */
export function diagnostic(message: string): string {
  return `ddcli: ${oneLine(message)}\n`
}

/** ANSI SGR: red and yellow foreground, and back to the default colour; valid at every chalk level above 0. */
const RED = '\u001b[31m'
const YELLOW = '\u001b[33m'
const RESET = '\u001b[39m'

/** An error line for stderr: `ddcli: <message>`, the prefix red when stderr takes colour (`colorErr` > 0). */
export function errorLine(message: string, color: number): string {
  return color > 0 ? `${RED}ddcli:${RESET} ${oneLine(message)}\n` : diagnostic(message)
}

/** A warning line for stderr: `ddcli: <message>`, the prefix yellow when stderr takes colour. */
export function warningLine(message: string, color: number): string {
  return color > 0 ? `${YELLOW}ddcli:${RESET} ${oneLine(message)}\n` : diagnostic(message)
}

// Bidi marks (ALM too), overrides and isolates, zero-width and line/paragraph separators: they reorder or hide what
// a line says.
const FORMAT_CHARS = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g

const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`

/**
 * A server-controlled string (reason phrase, header name or value, rate limit name) made safe for one line of a
 * terminal: C0/C1 controls and bidi/invisible format characters become `\u001b`, so nothing can retitle the
 * window, clear the screen or reorder the text, and the reader still sees that something was there.
 */
export function printable(text: string): string {
  // The characters neutralizeControls escapes in a body, and the tab and newline a body keeps: one set to maintain.
  return neutralizeControls(text).replace(/[\t\n]/g, escaped)
}

/** A server-chosen string for one line: configured secrets masked first, then made `printable`, as header values are. */
function serverText(text: string, mask: Masker): string {
  return printable(mask(text))
}

/** Collapses whitespace and line breaks so a message stays on one line; format characters are escaped. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(FORMAT_CHARS, escaped).replace(/\s+/g, ' ').trim()
}

/**
 * The message of a Datadog error body, from any of its shapes: `{"errors":["..."]}`, JSON:API
 * `{"errors":[{title,detail}]}`, `{"errors":"..."}`, `{"error":"..."}`, `{"message":"..."}`. A `message` next to
 * `errors` is shown too, first.
 */
export function apiErrorMessage(body: Buffer): string | undefined {
  let data: unknown
  try {
    data = JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
  if (typeof data !== 'object' || data === null) return undefined
  const {errors, error, message} = data as {errors?: unknown, error?: unknown, message?: unknown}
  const list = Array.isArray(errors) ? errors : [errors]
  const parts = list.map((item: unknown) => {
    if (typeof item === 'string') return item
    if (typeof item === 'object' && item !== null) {
      const {title, detail} = item as {title?: unknown, detail?: unknown}
      return [title, detail].filter((s) => typeof s === 'string' && s).join(': ')
    }
    return ''
  }).filter(Boolean)
  if (typeof error === 'string' && error && parts.length === 0) parts.push(error)
  if (typeof message === 'string' && message && !parts.includes(message)) parts.unshift(message)
  return parts.length > 0 ? parts.join('; ') : undefined
}

/** A body as `--verbose` shows it, each line after `prefix`: masked, neutralised, cut at `limit` bytes with a note. */
export function verboseBody(prefix: string, body: Buffer, mask: Masker, limit = VERBOSE_BODY_LIMIT): string {
  if (body.length === 0) return ''
  // Masked before cutting, so a secret that straddles the cut is never half shown.
  const lines = mask(body.toString('utf8')).slice(0, limit).replace(/\n$/, '').split('\n').map(neutralizeControls)
  const cut = body.length > limit ? `${prefix} [cut at ${limit} bytes]\n` : ''
  return `${lines.map((line) => `${prefix} ${line}`).join('\n')}\n${cut}`
}

/** An error body written to stderr (with --jq or --paginate): masked, and neutralised when stderr is a terminal. */
export function errorBodyText(body: string, stderrIsTTY: boolean, mask: Masker): string {
  if (body === '') return ''
  const text = mask(body.endsWith('\n') ? body : `${body}\n`)
  return stderrIsTTY ? neutralizeControls(text) : text
}

/** How many bytes of each body `--verbose` shows. */
export const VERBOSE_BODY_LIMIT = 4096

/** `--dry-run` of fields that went to the query string of a method that could carry a body. */
export function fieldsInQueryNote(method: string, path: string): string {
  return `fields went to the query string: ${method} ${path} is not in the spec index; send a JSON body with --input instead`
}

/** `cannot write the output (ENOSPC: no space left on device); ...`: stdout failed for another reason than a closed pipe. */
export function outputFailureLine(error: unknown): string {
  const {code, message = 'unknown error'} = error as {code?: string, message?: string}
  const why = code && !message.startsWith(code) ? `${code}: ${message}` : message
  return `cannot write the output (${why}); free disk space or redirect stdout elsewhere`
}

/** Why `call` stops before sending when no credential is configured. */
export function noCredentialsMessage(): string {
  return 'no Datadog credentials; set DD_API_KEY (and DD_APP_KEY) or DD_BEARER_TOKEN, or run: ddcli auth set-pat'
}

/** A redirect to another origin, which ddcli does not follow. */
export function refusedRedirectLine(status: number, to: URL, from: URL): string {
  return `HTTP ${status}: redirect to ${to.protocol}//${to.host} not followed; credentials are sent only to ${from.origin} (call that URL with --api-url if you trust it)`
}

/** `HTTP 403 Forbidden: <message>`, truncated to keep the line readable. */
export function httpErrorLine(status: number, statusText: string, message: string | undefined): string {
  const head = `HTTP ${status}${statusText ? ` ${printable(statusText)}` : ''}`
  if (!message) return head
  const text = oneLine(message)
  // Never cut inside a word: a server that echoes a key near the cut would get part of it past the masker.
  return `${head}: ${cutShort(text, 300)}`
}

/** Status line and headers as `-i` prints them: the reason phrase and sensitive values masked, all of it printable. */
export function responseHead(httpVersion: string, status: number, statusText: string, rawHeaders: string[], mask: Masker): string {
  const headers: Array<[string, string]> = []
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers.push(...maskHeaders({[rawHeaders[i]!]: rawHeaders[i + 1]!}, mask))
  const lines = [`HTTP/${printable(httpVersion)} ${status} ${serverText(statusText, mask)}`, ...headers.map(([n, v]) => `${printable(n)}: ${printable(v)}`)]
  return `${lines.join('\n')}\n\n`
}

function headerLines(prefix: string, headers: Record<string, string> | IncomingHttpHeaders, mask: Masker): string {
  return maskHeaders(headers, mask).map(([name, value]) => `${prefix} ${printable(name)}: ${printable(value)}\n`).join('')
}

/** The `--verbose` trace of one transport event, on stderr, secrets masked. */
export function verboseEvent(event: TransportEvent, mask: Masker): string {
  switch (event.type) {
    case 'request':
      return mask(`> ${event.method} ${event.url.href}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}\n`) + headerLines('>', event.headers, mask)
    case 'response':
      return `< HTTP/${printable(event.httpVersion)} ${event.status} ${serverText(event.statusText, mask)} (${Math.round(event.elapsedMs)} ms)\n${headerLines('<', event.headers, mask)}`
    case 'retry':
      return `* ${oneLine(mask(retryLine(event)))}\n`
    case 'give-up':
      return `* ${oneLine(mask(event.cause))}\n`
    case 'redirect':
      return mask(`* redirect ${event.status} to ${printable(event.to.href)}${event.followed ? '' : ' not followed'}\n`)
    case 'proxy':
      return mask(`* ${proxyLine(event.route, event.url.host)}\n`)
  }
}

/** `proxy http://****@proxy:3128 (HTTPS_PROXY), tunnel to api.datadoghq.com:443`, or why a request goes direct. */
export function proxyLine(route: ProxyRoute, host: string): string {
  if (route.kind === 'proxy') return `proxy ${route.label} (${route.source}), CONNECT tunnel to ${host}`
  return `no proxy for ${host}${route.reason ? ` (${route.reason})` : ''}`
}

/** The error line when the proxy itself refused the CONNECT tunnel: nothing reached the API. */
export function proxyRefusedLine(status: number, statusText: string, route: Extract<ProxyRoute, {kind: 'proxy'}>): string {
  const fix = status === 407 ? `put the proxy's user and password in ${route.source}, before its host (user:password@host:port)` : `check ${route.source} or add the API host to NO_PROXY`
  return `proxy ${route.label} refused the tunnel: HTTP ${status}${statusText ? ` ${printable(statusText)}` : ''}; ${fix}`
}

/** `rate limited (<name>), retrying in 2 s (1/3)` */
export function retryLine(event: Extract<TransportEvent, {type: 'retry'}>): string {
  const wait = event.delayMs >= 1000 ? `${Math.round(event.delayMs / 1000)} s` : `${event.delayMs} ms`
  return `${event.cause}, retrying in ${wait} (${event.attempt}/${event.max})`
}
