/**
 * JSON parsed for the output formats with every number kept as written: JSON.parse rounds an integer over 2^53 (a
 * v1 event id such as 12345678901234567890), which a table, a CSV cell or YAML would then show wrongly.
 */

/** A JSON number that a double cannot hold exactly, kept as its text. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

// Strings are matched so that digits inside them are left alone; numbers are the other alternative.
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g

/**
 * Whether a number token has more significant digits than a double keeps (15 always survive the round trip), or is
 * beyond a double's range (1e400 would become Infinity, then null).
 */
function lossy(token: string): boolean {
  const digits = token.replace(/[eE].*$/, '').replace(/[-.]/g, '').replace(/^0+/, '')
  return digits.length > 15 || !Number.isFinite(Number(token))
}

/** Parses JSON text (valid: the caller checked), with numbers a double would round kept as JsonNumber. */
export function parseExact(text: string): unknown {
  // Most bodies have no run of 16 digits and no 3-digit exponent: then JSON.parse alone is exact.
  if (!/\d{16}|[eE][+-]?\d{3}/.test(text)) return JSON.parse(text)
  // A mark no server string can hold: a NUL (which JSON text can only escape) and a fresh random part.
  const mark = `\u0000${Math.random().toString(36).slice(2)}:`
  let marked = false
  const rewritten = text.replace(TOKENS, (token) => {
    if (token.startsWith('"') || !lossy(token)) return token
    marked = true
    return JSON.stringify(mark + token)
  })
  if (!marked) return JSON.parse(text)
  return JSON.parse(rewritten, (_key, value: unknown) => (typeof value === 'string' && value.startsWith(mark) ? new JsonNumber(value.slice(mark.length)) : value))
}

/** Compact JSON of a value from parseExact, numbers as written. */
export function compactJson(value: unknown): string {
  if (value instanceof JsonNumber) return value.text
  if (Array.isArray(value)) return `[${value.map(compactJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${compactJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
