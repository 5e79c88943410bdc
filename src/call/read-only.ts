import {cutShort} from '../closest.js'
import {badValue, UsageError} from '../errors.js'
import type {Env} from '../io.js'
import type {Route} from './route.js'

/** Methods that change nothing on the server (RFC 9110 safe methods that ddcli sends). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Whether read-only mode is on, and what turned it on (for the refusal line); off when `source` is undefined. */
export interface ReadOnly {
  on: boolean
  source?: string
}

const ON = /^(1|true|yes|on)$/i
const OFF = /^(0|false|no|off)$/i

/**
 * Parses a read-only switch as written in DDCLI_READ_ONLY or a profile: 1/true/yes/on, 0/false/no/off, blank for
 * unset. Anything else is an error rather than "off": a typo must not silently let writes through.
 */
export function parseSwitch(text: string | undefined, origin: 'env' | 'config' | 'flag', where: string): boolean | undefined {
  const value = text?.trim() ?? ''
  if (value === '') return undefined
  if (ON.test(value)) return true
  if (OFF.test(value)) return false
  // The value is not echoed: a secret pasted into the wrong place must not reach a log.
  throw badValue(origin, `${where} must be true or false (1/0, yes/no, on/off)`)
}

/**
 * Read-only mode is on when any of --read-only, DDCLI_READ_ONLY or the profile's read-only setting turns it on; none
 * of them turns off what another turned on (DDCLI_READ_ONLY=0 does not lift a profile's read-only), so a guard set
 * for an agent's profile stays set whatever its environment says.
 */
export function resolveReadOnly(flag: boolean, env: Env, stored: string | undefined, storeLabel: string): ReadOnly {
  if (flag) return {on: true, source: '--read-only'}
  if (parseSwitch(env.DDCLI_READ_ONLY, 'env', 'DDCLI_READ_ONLY')) return {on: true, source: 'DDCLI_READ_ONLY'}
  if (parseSwitch(stored, 'config', `read-only in ${storeLabel}`)) return {on: true, source: storeLabel}
  return {on: false}
}

/** Whether a route only reads: a safe method, or a POST the spec index marks as a read (a search, query, aggregate). */
export function isRead(route: Pick<Route, 'method' | 'operation' | 'url'>): boolean {
  if (SAFE_METHODS.has(route.method)) return true
  const op = route.operation
  return route.method === 'POST' && op?.readPost === true && sentTo(op.path, route.url.pathname)
}

/**
 * Whether the URL as it will be sent still ends in the operation's path: the operation was found from the path as
 * typed, and URL parsing resolves `..` and `.` segments (even percent-encoded) after that, so a typed path could
 * match a read and be sent elsewhere. The API URL's own prefix (a proxy path) may come before it.
 */
function sentTo(template: string, pathname: string): boolean {
  const want = template.split('/').filter(Boolean)
  const sent = pathname.split('/').filter(Boolean)
  if (sent.length < want.length || pathname.endsWith('/') !== template.endsWith('/')) return false
  const tail = sent.slice(sent.length - want.length)
  return want.every((segment, i) => (/^\{[^}]+\}$/.test(segment) ? !/^(\.|%2e){1,2}$/i.test(tail[i]!) : segment === tail[i]))
}

/** `CreateMonitor (POST /api/v1/monitor)`, or `POST /api/v2/x (not in the spec index)`. */
function named(route: Pick<Route, 'method' | 'operation' | 'url'>): string {
  const op = route.operation
  return op ? `${op.operationId} (${op.method} ${op.path})` : `${route.method} ${cutShort(route.url.pathname, 123)} (not in the spec index)`
}

/** The refusal of a write in read-only mode: what was refused, what is allowed, and what turned the mode on. */
export function readOnlyRefusal(route: Pick<Route, 'method' | 'operation' | 'url'>, readOnly: ReadOnly): string {
  return `read-only mode refuses ${named(route)}: only GET, HEAD, OPTIONS and the POST searches and queries the spec marks as reads are sent (read-only is on by ${readOnly.source})`
}

/** Headers by which some servers and gateways take the method from the request instead of its request line. */
const METHOD_OVERRIDES = /^x-(http-method-override|http-method|method-override)$/i

/**
 * A method override header naming a write turns a GET or a search into that write on servers that honour it: in
 * read-only mode it is refused like the write itself (the value is not echoed).
 */
function overrideRefusal(route: Pick<Route, 'method' | 'operation' | 'url'>, readOnly: ReadOnly, headers: ReadonlyArray<readonly [string, string]>): string | undefined {
  const writes = headers.some(([name, value]) => METHOD_OVERRIDES.test(name.trim()) && !SAFE_METHODS.has(value.trim().toUpperCase()))
  if (!writes) return undefined
  return `read-only mode refuses ${named(route)} with a method override header (X-HTTP-Method-Override, X-HTTP-Method, X-Method-Override) naming a method other than GET, HEAD or OPTIONS; drop it (read-only is on by ${readOnly.source})`
}

/**
 * The check of each redirect in read-only mode, for the transport: a 307 or 308 keeps the method and body, so a
 * server could turn a search into a POST to a write. It is followed only when what it would send still reads (a safe
 * method, or the same POST read at its own path); undefined when read-only mode is off.
 */
export function redirectGuard(readOnly: ReadOnly, operation: Route['operation']): ((method: string, to: URL) => string | undefined) | undefined {
  if (!readOnly.on) return undefined
  return (method, to) => (isRead({method, operation, url: to})
    ? undefined
    : `redirect to ${cutShort(to.pathname, 123)} not followed: it would send ${method} there, which read-only mode refuses (read-only is on by ${readOnly.source})`)
}

/**
 * Refuses a route that may write, or a method override header that would make it write, before anything is read or
 * sent: a UsageError (exit 2). A run that sends nothing (--dry-run, --curl) is not refused: it gets the refusal as a
 * note, so a script can preview what it would do.
 */
export function checkReadOnly(route: Pick<Route, 'method' | 'operation' | 'url'>, readOnly: ReadOnly, sendsNothing: boolean, headers: ReadonlyArray<readonly [string, string]> = []): string | undefined {
  if (!readOnly.on) return undefined
  const line = isRead(route) ? overrideRefusal(route, readOnly, headers) : readOnlyRefusal(route, readOnly)
  if (line === undefined) return undefined
  if (!sendsNothing) throw new UsageError(line)
  return `note: ${line}; nothing is sent now`
}
