import {cutShort} from '../closest.js'
import {UsageError} from '../errors.js'

/** Methods `ddcli call` sends; the method is never changed behind the user's back. */
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

/** Methods whose fields become query parameters rather than a JSON body. */
export const QUERY_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS'])

// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f]/

/** Validates a method name in any case. */
export function parseMethod(input: string): string {
  const method = input.toUpperCase()
  if ((METHODS as readonly string[]).includes(method)) return method
  throw new UsageError(`unknown method ${JSON.stringify(cutShort(input, 43))}; use one of ${METHODS.join(', ')}`)
}

/** Whether an argument looks like a method name rather than an operation id (`GET`, `get`). */
export function looksLikeMethod(input: string): boolean {
  return (METHODS as readonly string[]).includes(input.toUpperCase())
}

/**
 * The URL a PATH argument points at. A relative path is joined to the API base URL (a missing leading `/` is
 * added, the query string kept as given). An absolute URL is accepted only on the API's own origin: credentials
 * are attached to every request, so another host is refused before anything is sent.
 */
export function resolveTarget(input: string, apiBase: string): URL {
  // An empty PATH (an unset shell variable) would otherwise be `/`, which is another operation on another host.
  if (input === '') throw new UsageError('PATH is empty; give a path such as /api/v1/validate (is a shell variable unset?)')
  if (CONTROL_OR_SPACE.test(input)) {
    throw new UsageError('PATH contains a space or control character; percent-encode it (a space is %20)')
  }
  // URL parsers read `\` as `/` in a path: `\\host` would become `//host`, `http:\\host` http://host.
  if (input.split(/[?#]/)[0]!.includes('\\')) throw new UsageError('PATH has a "\\" before its query string, which URL parsers read as "/"; write "/" (or %5C for a backslash)')
  // URL parsers remove `.` and `..` segments (`%2e` too): the request would go to a path no check saw.
  if (input.split(/[?#]/)[0]!.split('/').some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment))) {
    throw new UsageError('PATH has a "." or ".." segment, which URL parsers remove (/a/../b is sent as /b); write the path it stands for')
  }
  const base = new URL(apiBase)
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(input)?.[1]?.toLowerCase()
  if (scheme !== undefined) {
    // Only http and https are sent: a blob: URL takes the origin of the URL it wraps, so it would pass the check below.
    if (scheme !== 'http' && scheme !== 'https') {
      throw new UsageError(`PATH is a ${cutShort(scheme, 23)}: URL, which ddcli does not send; give a path such as /api/v1/validate, or a URL on ${base.origin}`)
    }
    if (!/^https?:\/\//i.test(input)) throw new UsageError(`PATH is not a valid URL (${scheme}: needs "//" before the host); give a path such as /api/v1/validate, or a URL on ${base.origin}`)
    let url: URL
    try {
      url = new URL(input)
    } catch {
      throw new UsageError('PATH is not a valid URL; give a path such as /api/v1/validate')
    }
    if (url.origin !== base.origin) {
      throw new UsageError(`refusing to send credentials to ${url.protocol}//${url.host}: only ${base.origin} is allowed; set --api-url or --site to change the API host`)
    }
    if (url.username || url.password) throw new UsageError('PATH must not contain a user name or password')
    return url
  }
  if (input.startsWith('//')) throw new UsageError('PATH must start with a single "/", e.g. /api/v1/validate')
  const relative = input.startsWith('/') ? input : `/${input}`
  const prefix = base.pathname.replace(/\/+$/, '')
  return new URL(`${base.origin}${prefix}${relative}`)
}

// RFC 9110 token characters for header names.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * Headers that frame or route the request on the connection. ddcli (Node's HTTP client) sets them from the body and
 * the URL; one given by hand contradicts them, and the request hangs until the timeout (a Content-Length larger than
 * the body, an Expect: 100-continue never answered) or is smuggled past its own framing.
 */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'host', 'te', 'trailer', 'upgrade', 'expect', 'proxy-connection'])

/** Parses `Name: value` from `-H`; a malformed header is a usage error that never prints the value. */
export function parseHeader(input: string): [string, string] {
  const colon = input.indexOf(':')
  if (colon <= 0) throw new UsageError(`a -H header has no ":" after its name; write -H 'Name: value'`)
  const name = input.slice(0, colon).trim()
  const value = input.slice(colon + 1).trim()
  if (!TOKEN.test(name)) throw new UsageError(`a -H header name has a space or character not allowed in names; write -H 'Name: value'`)
  if (FRAMING.has(name.toLowerCase())) {
    throw new UsageError(`header ${name} is set by ddcli itself from the URL and body (a hand-set one can hang the request); remove it`)
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
    throw new UsageError(`header ${name} has a line break or control character in its value; remove it`)
  }
  // Node sends other characters as Latin-1 bytes (or refuses them at send time): never what was typed.
  if (/[^\t\x20-\x7e]/.test(value)) {
    throw new UsageError(`header ${name} has a character that is not ASCII in its value, which an HTTP header cannot carry as text; percent-encode it or remove it`)
  }
  return [name, value]
}

/** Sets headers case-insensitively: `override` replaces one already there, otherwise it is kept. Returns `into`. */
export function mergeHeaders(into: Record<string, string>, headers: ReadonlyArray<readonly [string, string]>, override: boolean): Record<string, string> {
  for (const [name, value] of headers) {
    const existing = Object.keys(into).find((key) => key.toLowerCase() === name.toLowerCase())
    if (existing !== undefined && !override) continue
    if (existing !== undefined) delete into[existing]
    into[name] = value
  }
  return into
}

/**
 * `-H` headers with a repeated name (any case) joined into one, values in order and comma-separated, which HTTP
 * defines as the same as sending both lines (as gh does). The first spelling of the name is kept.
 */
export function combineRepeated(headers: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const [name, value] of headers) {
    const existing = out.find(([known]) => known.toLowerCase() === name.toLowerCase())
    if (existing) existing[1] = `${existing[1]}, ${value}`
    else out.push([name, value])
  }
  return out
}
