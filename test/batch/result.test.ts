import {Writable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {ResultWriter} from '../../src/batch/output.js'
import {bodyJson, dryRunLine, errorLine, responseLine, resultHeaders} from '../../src/batch/result.js'
import {createMasker} from '../../src/credentials/mask.js'

describe('result lines', () => {
  it.each([
    {name: 'JSON kept as received, 64-bit numbers exact', body: '{"id": 12345678901234567891}', type: 'application/json', expected: '{"id": 12345678901234567891}'},
    {name: 'pretty JSON folded onto one line', body: '{\n  "a": [\r\n 1 ]\n}\n', type: 'application/json; charset=utf-8', expected: '{   "a": [  1 ] }'},
    {name: 'JSON without a JSON content type', body: '[1,2]', type: 'text/plain', expected: '[1,2]'},
    {name: 'text as a string', body: 'hello\n', type: 'text/plain', expected: '"hello\\n"'},
    {name: 'broken JSON as a string', body: '{"a":', type: 'application/json', expected: '"{\\"a\\":"'},
    {name: 'an empty body as an empty string', body: '', type: 'application/json', expected: '""'},
  ])('bodyJson gives $name', ({body, type, expected}) => {
    expect(bodyJson(Buffer.from(body), type)).toBe(expected)
    expect(() => JSON.parse(expected)).not.toThrow()
  })

  it.each([
    {name: 'with an id', head: {id: 'a', hasId: true, line: 3}, expected: '{"id":"a","line":3,"error":"boom"}\n'},
    {name: 'without an id', head: {hasId: false, line: 4}, expected: '{"line":4,"error":"boom"}\n'},
    {name: 'with a null id', head: {id: null, hasId: true, line: 5}, expected: '{"id":null,"line":5,"error":"boom"}\n'},
  ])('errorLine writes $name', ({head, expected}) => {
    expect(errorLine(head, 'boom')).toBe(expected)
  })

  it('escapes C1 controls and line separators so a result cannot drive a terminal or break the line', () => {
    const line = responseLine({hasId: false, line: 1}, 200, {}, '"a\u009b2J\u2028b"')
    expect(line).toBe('{"line":1,"status":200,"headers":{},"body":"a\\u009b2J\\u2028b"}\n')
    expect(JSON.parse(line).body).toBe('a\u009b2J\u2028b')
  })

  it('masks secret response headers by name and by value', () => {
    const mask = createMasker(['apikey000000000000001234'])
    const headers = resultHeaders({'set-cookie': ['a=1', 'b=2'], 'x-echo': 'key apikey000000000000001234', 'content-type': 'application/json'}, mask)
    expect(headers).toEqual({'set-cookie': '****, ****', 'x-echo': 'key ****1234', 'content-type': 'application/json'})
  })
})

function sink() {
  const written: string[] = []
  let full = false
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _e, done) {
      written.push(chunk.toString())
      if (full) return
      done()
    },
  })
  return {stream, written, stall: () => { full = true }}
}

describe('ResultWriter', () => {
  it('writes in completion order by default', () => {
    const {stream, written} = sink()
    const writer = new ResultWriter(stream, false, 4)
    writer.write(2, 'c\n')
    writer.write(0, 'a\n')
    writer.flush()
    expect(written).toEqual(['c\na\n'])
  })

  it('with ordered, holds early results until the ones before them are written', () => {
    const {stream, written} = sink()
    const writer = new ResultWriter(stream, true, 4)
    writer.write(1, 'b\n')
    writer.write(2, 'c\n')
    writer.flush()
    expect(written).toEqual([])
    writer.write(0, 'a\n')
    writer.flush()
    expect(written).toEqual(['a\nb\nc\n'])
  })

  it('with ordered, has no room for a request beyond the window behind the oldest unfinished one', () => {
    const {stream} = sink()
    const writer = new ResultWriter(stream, true, 3)
    writer.write(1, 'b\n')
    expect(writer.hasRoom(2)).toBe(true)
    expect(writer.hasRoom(3)).toBe(false)
    writer.write(0, 'a\n')
    expect(writer.hasRoom(3)).toBe(true)
  })

  it.each([
    {name: 'on a terminal, escapes a bidi override and a C1 control, keeping tabs and line ends', terminal: true, want: '{"a":\t"\\u202ex\\u009b"}\n{"b":1}\n'},
    {name: 'piped, writes the lines as given', terminal: false, want: '{"a":\t"\u202ex\u009b"}\n{"b":1}\n'},
  ])('$name', ({terminal, want}) => {
    const {stream, written} = sink()
    const writer = new ResultWriter(stream, false, 4, terminal)
    writer.write(0, '{"a":\t"\u202ex\u009b"}\n')
    writer.write(1, '{"b":1}\n')
    writer.flush()
    expect(written.join('')).toBe(want)
  })

  it('has no room while stdout is backed up', () => {
    const {stream, stall} = sink()
    const writer = new ResultWriter(stream, false, 3)
    stall()
    writer.write(0, 'a\n')
    writer.flush()
    writer.write(1, 'b\n')
    writer.flush()
    expect(writer.hasRoom(2)).toBe(false)
  })

  it.each([
    {name: 'a short api_key in the URL', url: 'https://api.example.com/x?api_key=abc', body: undefined, url2: 'https://api.example.com/x?api_key=****', body2: undefined},
    {name: 'an api_key at the end of a URL inside the body', url: 'https://api.example.com/x', body: '{"u":"https://h/?api_key=abcdef","n":1}', url2: 'https://api.example.com/x', body2: {u: 'https://h/?api_key=****', n: 1}},
    {name: 'a configured secret in the body', url: 'https://api.example.com/x', body: '{"k":"apikey000000000000001234"}', url2: 'https://api.example.com/x', body2: {k: '****1234'}},
  ])('dryRunLine masks $name and stays one valid JSON line', ({url, body, url2, body2}) => {
    const mask = createMasker(['apikey000000000000001234'])
    const request = {method: 'POST', url: new URL(url), headers: {'User-Agent': 'ddcli/1 (x y)', 'DD-API-KEY': 'apikey000000000000001234'}, ...(body ? {body: {kind: 'buffer' as const, data: Buffer.from(body)}} : {})}
    const line = dryRunLine({id: 1, hasId: true, line: 1}, request, mask)
    expect(line.endsWith('}\n')).toBe(true)
    expect(JSON.parse(line)).toEqual({id: 1, line: 1, method: 'POST', url: url2, headers: {'User-Agent': 'ddcli/1 (x y)', 'DD-API-KEY': '****1234'}, ...(body2 ? {body: body2} : {})})
  })
})
