import type {ChalkInstance} from 'chalk'

/**
 * Replaces C0/C1 control characters (but tab and newline) and bidi/invisible format characters, so a response
 * can neither drive the terminal nor reorder what it shows.
 */
export function neutralizeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function painter(chalk?: ChalkInstance) {
  return {
    key: (s: string) => (chalk ? chalk.blue.bold(s) : s),
    string: (s: string) => (chalk ? chalk.green(s) : s),
    literal: (s: string) => (chalk ? chalk.yellow(s) : s),
    punct: (s: string) => s,
  }
}

/** Pretty JSON for a terminal, two-space indented, coloured when a chalk instance with a level is given. */
export function prettyJson(value: unknown, chalk?: ChalkInstance): string {
  const paint = painter(chalk)
  const walk = (node: unknown, indent: string): string => {
    if (node === null || typeof node === 'boolean' || typeof node === 'number') return paint.literal(String(node))
    if (typeof node === 'string') return paint.string(neutralizeControls(JSON.stringify(node)))
    const inner = `${indent}  `
    if (Array.isArray(node)) {
      if (node.length === 0) return paint.punct('[]')
      return `${paint.punct('[')}\n${node.map((item) => inner + walk(item, inner)).join(',\n')}\n${indent}${paint.punct(']')}`
    }
    const entries = Object.entries(node as Record<string, unknown>)
    if (entries.length === 0) return paint.punct('{}')
    const lines = entries.map(([k, v]) => `${inner}${paint.key(neutralizeControls(JSON.stringify(k)))}: ${walk(v, inner)}`)
    return `${paint.punct('{')}\n${lines.join(',\n')}\n${indent}${paint.punct('}')}`
  }
  return walk(value, '')
}

/** One JSON token after optional whitespace: a string, a number, a literal or a punctuation mark. */
const TOKEN = /\s*("[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}[\],:])/y

/**
 * `prettyJson` laid out from the body's own text, which must be valid JSON (JSON.parse it first): numbers are shown as
 * written, so an ID over 2^53 (12345678901234567890) is not rounded to 12345678901234567000, and 1.0 stays 1.0.
 */
export function prettyJsonText(text: string, chalk?: ChalkInstance): string {
  const paint = painter(chalk)
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) tokens.push(match[1]!)
  let out = ''
  let indent = ''
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token === '{' || token === '[') {
      const close = token === '{' ? '}' : ']'
      if (tokens[i + 1] === close) {
        out += paint.punct(token + close)
        i++
        continue
      }
      indent += '  '
      out += `${paint.punct(token)}\n${indent}`
    } else if (token === '}' || token === ']') {
      indent = indent.slice(2)
      out += `\n${indent}${paint.punct(token)}`
    } else if (token === ',') {
      out += `,\n${indent}`
    } else if (token === ':') {
      out += ': '
    } else if (token.startsWith('"')) {
      // Without a backslash, JSON.stringify would write the token as it is; skip the round trip (most strings).
      const shown = neutralizeControls(token.includes('\\') ? JSON.stringify(JSON.parse(token)) : token)
      out += tokens[i + 1] === ':' ? paint.key(shown) : paint.string(shown)
    } else {
      out += paint.literal(token)
    }
  }
  return out
}
