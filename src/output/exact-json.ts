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

/**
 * Compact JSON of a value from parseExact, numbers as written. Iterative: a server's `[[[[...]]]]` nested 100,000 deep
 * (which JSON.parse takes) must not overflow the stack.
 */
export function compactJson(value: unknown): string {
  if (typeof value !== 'object' || value === null || value instanceof JsonNumber) return scalarJson(value)
  try {
    // Native and fast; a JsonNumber goes through as a marked string whose quotes are then dropped.
    const mark = `\u0000${Math.random().toString(36).slice(2)}:`
    const text = JSON.stringify(value, (_key, item: unknown) => (item instanceof JsonNumber ? mark + item.text : item))
    return text.includes(mark.slice(1)) ? text.replace(new RegExp(`"\\\\u0000${mark.slice(1)}([^"]*)"`, 'g'), '$1') : text
  } catch (error: unknown) {
    if (!(error instanceof RangeError)) throw error
  }
  return compactDeep(value)
}

function scalarJson(value: unknown): string {
  return value instanceof JsonNumber ? value.text : JSON.stringify(value) ?? 'null'
}

/** compactJson without recursion, for values nested deeper than JSON.stringify goes. */
function compactDeep(value: unknown): string {
  let out = ''
  // Each entry is a value to write, or text (a comma, a key, a closing bracket) to write as it is.
  const stack: Array<{value: unknown} | string> = [{value}]
  while (stack.length > 0) {
    const next = stack.pop()!
    if (typeof next === 'string') {
      out += next
      continue
    }
    const node = next.value
    if (node instanceof JsonNumber) {
      out += node.text
    } else if (Array.isArray(node)) {
      out += '['
      stack.push(']')
      for (let i = node.length - 1; i >= 0; i--) {
        stack.push({value: node[i]})
        if (i > 0) stack.push(',')
      }
    } else if (typeof node === 'object' && node !== null) {
      out += '{'
      stack.push('}')
      const entries = Object.entries(node)
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push({value: entries[i]![1]})
        stack.push(`${i > 0 ? ',' : ''}${JSON.stringify(entries[i]![0])}:`)
      }
    } else {
      out += JSON.stringify(node) ?? 'null'
    }
  }
  return out
}

/** Whether a value nests arrays and objects deeper than `max` levels (counted without recursion). */
export function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (typeof node !== 'object' || node === null || node instanceof JsonNumber) continue
    if (depth >= max) return true
    for (const child of Object.values(node)) stack.push([child, depth + 1])
  }
  return false
}
