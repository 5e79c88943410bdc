/** Headers whose values are always masked, whatever they hold. */
export const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'dd-api-key',
  'dd-application-key',
  'cookie',
  'set-cookie',
])

/** Query parameters that carry credentials in some Datadog URLs. */
const SENSITIVE_PARAMS = /([?&](?:api_key|application_key|apikey|appkey)=)([^&#\s]*)/gi

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
 * The one masking function for every output path. It masks by value (any configured secret anywhere in the text),
 * by header name (in `Name: value` lines) and by query parameter name.
 */
export function createMasker(secrets: readonly string[]): Masker {
  const values = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length)
  return (text: string): string => {
    let out = text
    for (const secret of values) out = out.split(secret).join(maskValue(secret))
    out = out.replace(/^([ \t]*(?:[<>*] )?)([A-Za-z0-9-]+)(:[ \t]*)(.*)$/gm, (line, lead: string, name: string, sep: string, value: string) =>
      SENSITIVE_HEADERS.has(name.toLowerCase()) && value && !value.startsWith('****') && !/ \*{4}/.test(value)
        ? `${lead}${name}${sep}${maskHeaderValue(name, value)}`
        : line)
    return out.replace(SENSITIVE_PARAMS, (_match, key: string, value: string) => `${key}${value ? maskValue(value) : ''}`)
  }
}

/** A copy of headers with sensitive values masked, for verbose traces and dry runs. */
export function maskHeaders(headers: Record<string, string | string[] | undefined>, mask: Masker): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      out.push([name, SENSITIVE_HEADERS.has(name.toLowerCase()) ? maskHeaderValue(name, value) : mask(value)])
    }
  }
  return out
}
