import type {ChalkInstance} from 'chalk'

/**
 * Replaces C0/C1 control characters (but tab and newline) and bidi/invisible format characters, so a response
 * can neither drive the terminal nor reorder what it shows.
 */
export function neutralizeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Pretty JSON for a terminal, two-space indented, coloured when a chalk instance with a level is given. */
export function prettyJson(value: unknown, chalk?: ChalkInstance): string {
  const paint = {
    key: (s: string) => (chalk ? chalk.blue.bold(s) : s),
    string: (s: string) => (chalk ? chalk.green(s) : s),
    literal: (s: string) => (chalk ? chalk.yellow(s) : s),
    punct: (s: string) => s,
  }
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
