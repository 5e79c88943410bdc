import {credentialHeaders} from './credentials.js'

/** Headers whose values are always masked, whatever they hold: every credential's, and HTTP's own. */
export const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', ...credentialHeaders()])

/** Query parameters (or `-f` fields, in an argv trace) that carry credentials in some Datadog URLs. */
const SENSITIVE_PARAMS = /((?:^|[?&\s'"=])(?:api_key|application_key|apikey|appkey)=)([^&#\s'"]*)/gi

/**
 * Datadog secrets by their shape, masked whether configured or not (a key typed in the wrong place, or in a
 * trace): Personal and Service Access Tokens by prefix, API keys (32 hex) and application keys (40 hex) as whole
 * words, so longer hex (digests) and UUIDs stay readable.
 */
const SECRET_SHAPES = /\bdd[ps]at_[A-Za-z0-9_-]{8,}|(?<![A-Za-z0-9])(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{32})(?![A-Za-z0-9])/g

/** The user information of a URL (`https://user:password@host`): both parts can be secrets (a token as user). */
const URL_USERINFO = /(\b[A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s/?#@'"]*)@/g

/** Masks user and password the way the proxy label does: `http://****:****@host`. */
function maskUserinfo(_match: string, scheme: string, userinfo: string): string {
  const colon = userinfo.indexOf(':')
  const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo
  return `${scheme}${user ? '****' : ''}${colon >= 0 ? ':****' : ''}@`
}

/** Secrets shorter than this are masked only as whole words, so `-f x=1` with a one-letter key stays readable. */
const SHORT_SECRET = 8

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Where a configured secret is found: anywhere, or for a short one only between non-word characters; in any case,
 * since HTTP lowers header names and a server may echo a key in upper case, and either still gives it away.
 */
function secretPattern(secret: string): RegExp {
  const body = escapeRegExp(secret)
  return secret.length >= SHORT_SECRET ? new RegExp(body, 'gi') : new RegExp(`(?<![A-Za-z0-9_-])${body}(?![A-Za-z0-9_-])`, 'gi')
}

/** How many leading characters of a configured secret, before a cut's `...`, are masked as part of it. */
const CUT_PREFIX = 6

/**
 * Where a message cut a configured secret short: its first characters (at least CUT_PREFIX, any case) followed by
 * `...` or `…`, with nothing between that is not the secret's. A backstop: messages cut between words (cutShort),
 * but a secret with `.`, `+`, `/` or `!` in it has word boundaries of its own. Bounded by the secret's length, so
 * the scan stays linear.
 */
function cutPattern(secret: string): RegExp {
  return new RegExp(`${escapeRegExp(secret.slice(0, CUT_PREFIX))}[^]{0,${secret.length - CUT_PREFIX - 1}}?(?=\\.\\.\\.|\u2026)`, 'gi')
}

/**
 * Whether a word has the shape of a Datadog secret, configured or not: a ddpat_/ddsat_ token, or a run of 32 (API
 * key) or 40 (application key) hex digits. Such a word is never echoed, nor accepted where a name is expected.
 */
export function hasSecretShape(word: string): boolean {
  return /dd[ps]at_/i.test(word) || /[0-9a-f]{32}/i.test(word)
}

/**
 * A profile name (or a keychain account, `<profile>/<kind>`) as lists, completion and messages show it: masked when it
 * has a secret's shape. ddcli refuses to create such a profile, but a hand-edited config can hold one (a key pasted
 * where a name goes, or after `keychain:`).
 */
export function shownProfileName(name: string): string {
  return hasSecretShape(name) ? maskValue(name) : name
}

/** The masked form of a secret: `****` and its last 4 characters (only `****` for short values). */
export function maskValue(value: string): string {
  return value.length >= 12 ? `****${value.slice(-4)}` : '****'
}

function maskHeaderValue(name: string, value: string): string {
  if (name.toLowerCase() === 'authorization' || name.toLowerCase() === 'proxy-authorization') {
    const space = value.indexOf(' ')
    if (space > 0) return `${value.slice(0, space)} ${maskValue(value.slice(space + 1).trim())}`
  }
  return maskValue(value)
}

/** The secrets in a header the user set: its value, and the token after `Bearer ` (none for other headers). */
export function headerSecrets(name: string, value: string): string[] {
  if (!SENSITIVE_HEADERS.has(name.trim().toLowerCase())) return []
  const trimmed = value.trim()
  return [trimmed, trimmed.split(/\s+/).slice(1).join(' ')].filter((secret) => secret.length > 0)
}

/** A function that removes secrets from text before it is printed. */
export type Masker = (text: string) => string

/**
 * The one masking function for every output path. It masks by value (any configured secret anywhere in the text;
 * a short one as a whole word), by the shape of Datadog secrets, the user information of URLs, by header name (in `Name: value` lines) and by
 * query parameter name.
 */
export function createMasker(secrets: readonly string[]): Masker {
  const values = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length)
  const patterns = values.map((secret) => ({pattern: secretPattern(secret), masked: maskValue(secret)}))
  const cuts = values.filter((secret) => secret.length >= SHORT_SECRET).map((secret) => ({pattern: cutPattern(secret), lower: secret.toLowerCase()}))
  return (text: string): string => {
    let out = text
    for (const {pattern, masked} of patterns) out = out.replace(pattern, () => masked)
    for (const {pattern, lower} of cuts) out = out.replace(pattern, (part) => (lower.startsWith(part.toLowerCase()) ? '****' : part))
    out = out.replace(SECRET_SHAPES, (secret) => maskValue(secret))
    out = out.replace(URL_USERINFO, maskUserinfo)
    out = out.replace(/^([ \t]*(?:[<>*] )?)([A-Za-z0-9-]+)(:[ \t]*)(.*)$/gm, (line, lead: string, name: string, sep: string, value: string) =>
      SENSITIVE_HEADERS.has(name.toLowerCase()) && value && !value.startsWith('****') && !/ \*{4}/.test(value)
        ? `${lead}${name}${sep}${maskHeaderValue(name, value)}`
        : line)
    return out.replace(SENSITIVE_PARAMS, (_match, key: string, value: string) => `${key}${value ? maskValue(value) : ''}`)
  }
}

/** A copy of headers with sensitive values masked, and any secret in a name or value, for traces, dry runs and -i. */
export function maskHeaders(headers: Record<string, string | string[] | undefined>, mask: Masker): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      out.push([mask(name), SENSITIVE_HEADERS.has(name.toLowerCase()) ? maskHeaderValue(name, value) : mask(value)])
    }
  }
  return out
}

const shapesOnly = createMasker([])

/**
 * A stored site or API URL as lists, status and `config get` show it: with what has a secret's shape masked (a key,
 * a URL's user and password). ddcli refuses to store such a value, but a hand-edited config can hold one (a key
 * pasted in the wrong field).
 */
export function shownSetting(value: string): string {
  return shapesOnly(value)
}
