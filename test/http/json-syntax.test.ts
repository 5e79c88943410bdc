import {describe, expect, it} from 'vitest'
import {PARSE_LIMIT, isJsonContentType, jsonBytesError, jsonSyntaxError, parseJsonBytes} from '../../src/http/json-syntax.js'
import {seededRandom} from '../helpers/random.js'

describe('jsonSyntaxError', () => {
  it.each([
    {name: 'an object', text: '{"a":1,"b":[true,false,null],"c":{"d":"e"}}'},
    {name: 'whitespace around values', text: ' \t\r\n{ "a" : [ 1 , 2 ] }\r\n'},
    {name: 'numbers in every form', text: '[0,-0,1.5,-2e10,3E-2,4e+1,12345678901234567891]'},
    {name: 'escapes', text: '["\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00"]'},
    {name: 'a bare string', text: '"hi"'},
    {name: 'a bare number', text: '42'},
    {name: 'empty containers', text: '{"a":{},"b":[],"c":[{}]}'},
    {name: 'non-ASCII text', text: '{"é":"日本語 😀"}'},
  ])('accepts $name', ({text}) => {
    expect(jsonSyntaxError(text)).toBeUndefined()
  })

  it.each([
    {name: 'an empty text', text: '', line: 1, column: 1, problem: 'the body is empty'},
    {name: 'only whitespace', text: ' \n ', line: 1, column: 1, problem: 'the body is empty'},
    {name: 'a bare word', text: 'hello', line: 1, column: 1, problem: 'expected a value (object, array, string, number, true, false or null), found "h"'},
    {name: 'a byte order mark', text: '\uFEFF{}', line: 1, column: 1, problem: 'a byte order mark (U+FEFF) starts the text, which JSON does not allow; save it without one'},
    {name: 'a trailing comma in an array', text: '[1,\n2,\n]', line: 3, column: 1, problem: 'expected a value after the comma, found "]" (JSON allows no trailing comma)'},
    {name: 'a missing colon', text: '{"a" 1}', line: 1, column: 6, problem: 'expected ":" after the property name, found "1"'},
    {name: 'a missing comma', text: '[1 2]', line: 1, column: 4, problem: 'expected "," or "]", found "2"'},
    {name: 'an unclosed array', text: '[1,2', line: 1, column: 5, problem: 'expected "," or "]", found the end'},
    {name: 'a leading zero', text: '[01]', line: 1, column: 2, problem: 'expected a number in JSON form (no leading zeros, digits after "." and "e")'},
    {name: 'a bare minus', text: '-', line: 1, column: 1, problem: 'expected a number (digits, no leading + or .)'},
    {name: 'NaN', text: '[NaN]', line: 1, column: 2, problem: 'expected a value (object, array, string, number, true, false or null), found "N"'},
    {name: 'a raw line break in a string', text: '{"a":"x\ny"}', line: 1, column: 8, problem: 'expected the closing double quote of a string, found a line break (write it as an escape such as \\n)'},
    {name: 'a bad escape', text: '["\\x"]', line: 1, column: 3, problem: 'expected an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) after the backslash'},
    {name: 'a short unicode escape', text: '["\\u12"]', line: 1, column: 3, problem: 'expected four hex digits after \\u'},
    {name: 'a comment', text: '{"a":1 // no\n}', line: 1, column: 8, problem: 'expected "," or "}", found "/"'},
    {name: 'CRLF line endings', text: '{\r\n"a":1,\r\n}', line: 3, column: 1, problem: 'expected a property name after the comma, found "}" (JSON allows no trailing comma)'},
    {name: 'an emoji counting as one column', text: '["😀" x]', line: 1, column: 6, problem: 'expected "," or "]", found "x"'},
    {name: 'a NUL byte', text: '{"a":1}\u0000', line: 1, column: 8, problem: 'expected the end after the JSON value, found a NUL byte (one body holds one value)'},
  ])('finds $name', ({text, line, column, problem}) => {
    expect(jsonSyntaxError(text)).toEqual({line, column, problem})
  })

  it('agrees with JSON.parse on whether a text is JSON', () => {
    const pieces = ['{', '}', '[', ']', '"a"', ':', ',', '1', '-', '0', '.5', 'e3', 'true', 'nul', ' ', '\n', '"\\', 'x', '"']
    const random = seededRandom(7)
    for (let n = 0; n < 20_000; n++) {
      const text = Array.from({length: 1 + Math.floor(random() * 8)}, () => pieces[Math.floor(random() * pieces.length)]).join('')
      let valid = true
      try {
        JSON.parse(text)
      } catch {
        valid = false
      }
      expect(jsonSyntaxError(text) === undefined, JSON.stringify(text)).toBe(valid)
    }
  })

  it('scans 100,000 nested arrays without overflowing the stack', () => {
    expect(jsonSyntaxError('['.repeat(100_000) + ']'.repeat(100_000))).toBeUndefined()
    expect(jsonSyntaxError('['.repeat(100_000))).toMatchObject({line: 1, column: 100_001})
  })

  it('scans 4 MB of JSON in linear time (a generous bound: about 0.3 s on a loaded 2-core machine)', () => {
    const text = `[${Array.from({length: 61_000}, (_, i) => `{"id":${i},"name":"monitor ${i}","tags":["a:b","c:d"],"ok":true}`).join(',')}]`
    expect(text.length).toBeGreaterThan(4_000_000)
    const start = performance.now()
    expect(jsonSyntaxError(text)).toBeUndefined()
    expect(performance.now() - start).toBeLessThan(3000)
  })
})

describe('jsonBytesError', () => {
  it.each([
    {name: 'UTF-8 text', bytes: Buffer.from('{"é":"日本語 😀"}')},
    {name: 'a real U+FFFD', bytes: Buffer.from('["\uFFFD x \uFFFD"]')},
  ])('accepts $name', ({bytes}) => {
    expect(jsonBytesError(bytes)).toBeUndefined()
  })

  it.each([
    {name: 'a Latin-1 byte in a string', bytes: Buffer.from([...Buffer.from('{"a":\n "caf'), 0xe9, ...Buffer.from('"}')]), line: 2, column: 6, problem: /byte 0xE9 is not UTF-8.*save it as UTF-8/},
    {name: 'a cut multi-byte sequence after a real U+FFFD', bytes: Buffer.from([...Buffer.from('["\uFFFD'), 0xe6, 0x97, ...Buffer.from('"]')]), line: 1, column: 4, problem: /byte 0xE6 is not UTF-8/},
    {name: 'UTF-16 with its byte order mark (little-endian)', bytes: Buffer.from([0xff, 0xfe, ...Buffer.from('{}', 'utf16le')]), line: 1, column: 1, problem: /UTF-16.*save it as UTF-8/},
    {name: 'UTF-16 with its byte order mark (big-endian)', bytes: Buffer.from([0xfe, 0xff, 0, 0x7b, 0, 0x7d]), line: 1, column: 1, problem: /UTF-16.*save it as UTF-8/},
    {name: 'a syntax error', bytes: Buffer.from('{bad'), line: 1, column: 2, problem: /property name/},
  ])('refuses $name, saying where', ({bytes, line, column, problem}) => {
    const bad = jsonBytesError(bytes)
    expect(bad).toMatchObject({line, column})
    expect(bad?.problem).toMatch(problem)
  })
})

// parseJsonBytes says what jsonBytesError says, the fast way (strict UTF-8 decoding and JSON.parse), and hands the
// parsed value to the schema check: a text one accepts and the other refuses would send a body the check refused,
// or refuse one it passed, depending on its size.
describe('parseJsonBytes', () => {
  const pieces = ['{', '}', '[', ']', ',', ':', '"', '"a"', '"\\u00e9"', '"\\ud800"', '"\\udc00\\ud800"', '\\', '\\u', '\\x', '1', '-', '-0', '0', '01', '1.', '.5', '1e',
    '1e400', '-1e-400', '1E+2', 'true', 'false', 'null', 'nul', ' ', '\n', '\r', '\t', '\f', '\v', '\u00a0', '\ufeff', '\u2028', '\u0000', '\u001f', '\u007f', 'é', '\u{1F600}',
    'NaN', 'Infinity', "'a'", '/*c*/', 'x', '+1', '0x1', '"\t"', '"\n"', '"\u007f"', '"\u2028"', '12345678901234567890', '{"a":1}', '[1,2]', '{"__proto__":1}', '{"a":1,"a":2}']
    .map((text) => Buffer.from(text))
  // A UTF-8 byte order mark, UTF-16's, a cut sequence, an encoded surrogate (CESU-8), past U+10FFFF, overlong forms.
  const bytes = [[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xc3], [0xc3, 0xa9], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0xe0, 0x80, 0xaf],
    [0x80], [0xef, 0xbf, 0xbd], [0xf0, 0x9f, 0x98, 0x80]].map((list) => Buffer.from(list))

  it('accepts exactly the texts the scanner accepts, with the value JSON.parse reads and the scanner\'s error', () => {
    const rand = seededRandom(18)
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
    const disagreements: string[] = []
    let accepted = 0
    for (let i = 0; i < 50_000; i++) {
      const parts = Array.from({length: 1 + Math.floor(rand() * 8)}, () => (rand() < 0.1 ? pick(bytes) : pick(pieces)))
      const data = Buffer.concat(parts)
      const scanned = jsonBytesError(data)
      const fast = parseJsonBytes(data)
      if (fast.error === undefined) accepted++
      const same = scanned === undefined
        ? fast.error === undefined && fast.value !== undefined && Object.is(JSON.stringify(fast.value.parsed), JSON.stringify(JSON.parse(data.toString('utf8'))))
        : fast.value === undefined && JSON.stringify(fast.error) === JSON.stringify(scanned)
      if (!same && disagreements.length < 5) disagreements.push(`${data.toString('hex')}: scanner ${JSON.stringify(scanned)}, parseJsonBytes ${JSON.stringify(fast)}`)
    }
    expect(disagreements).toEqual([])
    expect(accepted).toBeGreaterThan(2_000)
  })

  it.each([
    {name: 'a lone surrogate escape', text: '"\\ud800"', value: '\ud800'},
    {name: '1e400, which JSON.parse reads as Infinity', text: '[1e400, -1e400]', value: [Infinity, -Infinity]},
    {name: '-0', text: '-0', value: -0},
    {name: 'a duplicate key (the last one wins, as the schema check reads it)', text: '{"a": 1, "a": 2}', value: {a: 2}},
    {name: '100,000 nested arrays', text: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, value: undefined},
  ])('accepts $name', ({text, value}) => {
    const fast = parseJsonBytes(Buffer.from(text))
    expect(fast.error).toBeUndefined()
    if (value !== undefined) expect(Object.is(fast.value?.parsed, value) || JSON.stringify(fast.value?.parsed) === JSON.stringify(value)).toBe(true)
    expect(jsonBytesError(Buffer.from(text))).toBeUndefined()
  })

  it.each([
    {name: 'just under', size: PARSE_LIMIT - 1},
    {name: 'exactly at', size: PARSE_LIMIT},
    {name: 'just over', size: PARSE_LIMIT + 1},
  ])('judges a body $name the parse limit as the scanner does, and parses it only up to the limit', ({size}) => {
    const good = Buffer.from(`["${'a'.repeat(size - 4)}"]`)
    expect(good.length).toBe(size)
    const parsed = parseJsonBytes(good)
    expect(parsed.error).toBeUndefined()
    expect(parsed.value !== undefined).toBe(size <= PARSE_LIMIT)
    // Broken in its last byte, and by a byte that is not UTF-8 in its middle: refused either side of the limit.
    const cut = Buffer.from(good)
    cut[size - 1] = 0x2c
    const latin1 = Buffer.from(good)
    latin1[size >> 1] = 0xe9
    for (const bad of [cut, latin1]) {
      const refused = parseJsonBytes(bad)
      expect(refused.value).toBeUndefined()
      expect(refused.error).toEqual(jsonBytesError(bad))
      expect(refused.error).toBeDefined()
    }
  })
})

describe('isJsonContentType', () => {
  it.each([
    {value: 'application/json', json: true},
    {value: 'Application/JSON; charset=utf-8', json: true},
    {value: 'application/vnd.api+json', json: true},
    {value: 'application/merge-patch+json', json: true},
    // What the schema check counted as JSON too, when it had a predicate of its own: one predicate serves both.
    {value: 'application/vnd.a+b+json', json: true},
    {value: ' application/json ', json: true},
    {value: 'text/plain', json: false},
    {value: 'application/x-ndjson', json: false},
    {value: 'application/jsonl', json: false},
    {value: 'application/x-www-form-urlencoded', json: false},
  ])('$value is JSON: $json', ({value, json}) => {
    expect(isJsonContentType(value)).toBe(json)
  })
})
