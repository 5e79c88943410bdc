/**
 * Reads the items of a page straight from its JSON text, so each is printed exactly as the server wrote it (a
 * 64-bit id stays exact, which JSON.parse then JSON.stringify would round), only without insignificant whitespace.
 * The text must already be valid JSON (the caller parsed it).
 */

function skipSpace(text: string, at: number): number {
  while (at < text.length && (text[at] === ' ' || text[at] === '\n' || text[at] === '\r' || text[at] === '\t')) at++
  return at
}

function skipString(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 92) i++
    else if (c === 34) return i + 1
  }
  return text.length
}

/** The index just past the JSON value that starts at `at`. */
function skipValue(text: string, at: number): number {
  const first = text[at]
  if (first === '"') return skipString(text, at)
  if (first !== '{' && first !== '[') {
    let i = at
    while (i < text.length && !',]} \n\r\t'.includes(text[i]!)) i++
    return i
  }
  let depth = 0
  for (let i = at; i < text.length; i++) {
    const c = text[i]
    if (c === '"') i = skipString(text, i) - 1
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return text.length
}

/** A JSON text without whitespace outside strings. */
export function compactJson(text: string): string {
  if (!/[ \n\r\t]/.test(text)) return text
  let out = ''
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') {
      i = skipString(text, i) - 1
    } else if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      out += text.slice(from, i)
      from = i + 1
    }
  }
  return out + text.slice(from)
}

/** Where the value at `path` (object keys) starts in the text, or -1. */
function find(text: string, path: readonly string[]): number {
  let at = skipSpace(text, 0)
  for (const key of path) {
    if (text[at] !== '{') return -1
    at = skipSpace(text, at + 1)
    let found = false
    while (text[at] === '"') {
      const end = skipString(text, at)
      const name = JSON.parse(text.slice(at, end)) as string
      at = skipSpace(text, skipSpace(text, end) + 1)
      if (name === key) {
        found = true
        break
      }
      at = skipSpace(text, skipValue(text, at))
      if (text[at] === ',') at = skipSpace(text, at + 1)
    }
    if (!found) return -1
  }
  return at
}

/**
 * The compact JSON text of each element of the array at `path` (e.g. `['data']`; `[]` for a top-level array), or
 * undefined when there is no array there. With duplicate keys the first wins (JSON.parse keeps the last).
 */
export function arrayItems(text: string, path: readonly string[]): string[] | undefined {
  let at = find(text, path)
  if (at === -1 || text[at] !== '[') return undefined
  const items: string[] = []
  at = skipSpace(text, at + 1)
  while (at < text.length && text[at] !== ']') {
    const end = skipValue(text, at)
    items.push(compactJson(text.slice(at, end)))
    at = skipSpace(text, end)
    if (text[at] === ',') at = skipSpace(text, at + 1)
  }
  return items
}
