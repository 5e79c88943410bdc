/** Where a text stops being JSON: 1-based line and column (in characters), and what was expected there. */
export interface JsonSyntaxError {
  line: number
  column: number
  problem: string
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

/**
 * The first syntax error of a JSON text (RFC 8259), or undefined when it is one JSON value. A scanner rather than
 * JSON.parse: it builds nothing (a 16 MiB body costs no heap), and it knows where it stopped, which V8's messages do
 * not always say. Its problems name what was expected and never quote the text, which may hold a secret.
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0
  const n = text.length
  const fail = (problem: string): JsonSyntaxError => ({...position(text, i), problem})
  const found = () => (i >= n ? 'the end' : describeChar(text.charCodeAt(i)))
  const skip = () => {
    while (i < n && isSpace(text.charCodeAt(i))) i++
  }
  // An explicit stack instead of recursion: a body of 100,000 `[` must not overflow the call stack.
  const stack: Array<'array' | 'object'> = []
  if (text.charCodeAt(0) === 0xfeff) return fail('a byte order mark (U+FEFF) starts the text, which JSON does not allow; save it without one')
  skip()
  if (i >= n) return {line: 1, column: 1, problem: 'the body is empty'}
  for (;;) {
    // A value.
    skip()
    const c = text.charCodeAt(i)
    if (c === 0x7b /* { */) {
      i++
      skip()
      if (text.charCodeAt(i) === 0x7d) i++
      else {
        stack.push('object')
        const key = member()
        if (key) return key
        continue
      }
    } else if (c === 0x5b /* [ */) {
      i++
      skip()
      if (text.charCodeAt(i) === 0x5d) i++
      else {
        stack.push('array')
        continue
      }
    } else if (c === 0x22 /* " */) {
      const bad = string()
      if (bad) return bad
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const bad = number()
      if (bad) return bad
    } else if (text.startsWith('true', i)) i += 4
    else if (text.startsWith('false', i)) i += 5
    else if (text.startsWith('null', i)) i += 4
    else return fail(`expected a value (object, array, string, number, true, false or null), found ${found()}${c === 0x27 ? ' (JSON strings take double quotes)' : ''}`)
    // After a value: close containers, or go on to the next element.
    for (;;) {
      skip()
      const top = stack.at(-1)
      if (top === undefined) {
        return i >= n ? undefined : fail(`expected the end after the JSON value, found ${found()} (one body holds one value)`)
      }
      const next = text.charCodeAt(i)
      if (next === 0x2c /* , */) {
        i++
        skip()
        if (top === 'object') {
          const key = member()
          if (key) return key
        } else if (text.charCodeAt(i) === 0x5d) return fail('expected a value after the comma, found "]" (JSON allows no trailing comma)')
        break
      }
      if (next === (top === 'object' ? 0x7d : 0x5d)) {
        i++
        stack.pop()
        continue
      }
      return fail(`expected "," or "${top === 'object' ? '}' : ']'}", found ${found()}`)
    }
  }

  /** `"key" :` of an object member; leaves `i` at the value. */
  function member(): JsonSyntaxError | undefined {
    if (text.charCodeAt(i) === 0x7d) return fail('expected a property name after the comma, found "}" (JSON allows no trailing comma)')
    if (text.charCodeAt(i) !== 0x22) return fail(`expected a property name in double quotes, found ${found()}`)
    const bad = string()
    if (bad) return bad
    skip()
    if (text.charCodeAt(i) !== 0x3a) return fail(`expected ":" after the property name, found ${found()}`)
    i++
    return undefined
  }

  function string(): JsonSyntaxError | undefined {
    i++
    for (;;) {
      if (i >= n) return fail('expected the closing double quote of a string, found the end')
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        i++
        return undefined
      }
      if (c < 0x20) return fail(`expected the closing double quote of a string, found ${describeChar(c)} (write it as an escape such as \\n)`)
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1)
        if (e === 0x75 /* u */) {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('expected four hex digits after \\u')
          i += 6
          continue
        }
        if (!'"\\/bfnrt'.includes(text[i + 1] ?? 'x')) return fail('expected an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) after the backslash')
        i += 2
        continue
      }
      i++
    }
  }

  function number(): JsonSyntaxError | undefined {
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
    match.lastIndex = i
    const m = match.exec(text)
    if (!m || m[0] === '-' || m[0] === '') return fail('expected a number (digits, no leading + or .)')
    const c = text.charCodeAt(i + m[0].length)
    // Told at the number's start: `01`, `1.`, `1e` are one mistake, not one at the second character.
    if (c === 0x2e || c === 0x65 || c === 0x45 || (c >= 0x30 && c <= 0x39)) return fail('expected a number in JSON form (no leading zeros, digits after "." and "e")')
    i += m[0].length
    return undefined
  }
}

const utf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})

/**
 * The first reason bytes are not a JSON text as sent (RFC 8259 wants UTF-8): a UTF-16 byte order mark, a byte that
 * is not UTF-8 (a Latin-1 `é`), else the text's first syntax error.
 */
export function jsonBytesError(data: Uint8Array): JsonSyntaxError | undefined {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
    return {line: 1, column: 1, problem: 'the text is UTF-16 (its byte order mark says so), and JSON is sent as UTF-8; save it as UTF-8'}
  }
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')
  return notUtf8(data, text) ?? jsonSyntaxError(text)
}

/** Largest body parseJsonBytes parses with JSON.parse (its heap is a few times the text); above it, only scanned. */
export const PARSE_LIMIT = 2 * 1024 * 1024

/**
 * The same verdict as jsonBytesError, the fast way: strict UTF-8 decoding and JSON.parse (native, about a fifth of
 * the scanner's time on a cold start) accept exactly the texts the scanner does (a byte order mark fails both), so
 * the scanner runs only to say where a refused text breaks. The parsed value comes back, for the schema check;
 * none for a body over PARSE_LIMIT, which is scanned.
 */
export function parseJsonBytes(data: Uint8Array): {error?: JsonSyntaxError, value?: {parsed: unknown}} {
  if (data.byteLength <= PARSE_LIMIT) {
    try {
      return {value: {parsed: JSON.parse(utf8.decode(data))}}
    } catch {
      // Not UTF-8, or not JSON: the scanner says where.
    }
  }
  return {error: jsonBytesError(data)}
}

/** Where bytes stop being UTF-8 (`text` is their lossy decoding), or undefined when they are UTF-8 throughout. */
export function notUtf8(data: Uint8Array, text: string): JsonSyntaxError | undefined {
  try {
    utf8.decode(data)
    return undefined
  } catch {
    // The lossy decoding put U+FFFD for each bad sequence; the first one that is not a real U+FFFD (EF BF BD) is it.
    let bytes = 0
    let from = 0
    for (let at = text.indexOf('\uFFFD'); at !== -1; at = text.indexOf('\uFFFD', at + 1)) {
      bytes += Buffer.byteLength(text.slice(from, at))
      from = at
      if (!(data[bytes] === 0xef && data[bytes + 1] === 0xbf && data[bytes + 2] === 0xbd)) {
        const byte = data[bytes]!.toString(16).toUpperCase().padStart(2, '0')
        return {...position(text, at), problem: `byte 0x${byte} is not UTF-8, which JSON is sent as (a Latin-1 or Windows-1252 file?); save it as UTF-8`}
      }
    }
    return undefined
  }
}

/** `"x"` for a printable ASCII character; a name or code point for anything else (never a run of the text). */
function describeChar(code: number): string {
  if (code === 0x0a) return 'a line break'
  if (code === 0x09) return 'a tab'
  if (code === 0) return 'a NUL byte'
  if (code >= 0x21 && code <= 0x7e) return JSON.stringify(String.fromCharCode(code))
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
}

/** 1-based line and column of an offset; a CRLF ends one line, and a surrogate pair is one column. */
function position(text: string, offset: number): {line: number, column: number} {
  let line = 1
  let column = 1
  for (let k = 0; k < offset && k < text.length; k++) {
    const c = text.charCodeAt(k)
    if (c === 0x0a) {
      line++
      column = 1
    } else if (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a) {
      line++
      column = 1
    } else if (c === 0x0d || (c >= 0xdc00 && c <= 0xdfff && k > 0)) {
      // The CR of a CRLF and the second half of a surrogate pair take no column.
    } else column++
  }
  return {line, column}
}

/** Whether a Content-Type names JSON: application/json, or a +json type such as application/vnd.api+json. */
export function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && /^\s*application\/(?:[\w.!#$&^+-]*\+)?json\s*(?:;|$)/i.test(value)
}
