import {Readable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {countLines, readLines, type InputLine} from '../../src/batch/lines.js'

async function collect(chunks: string[], max?: number): Promise<InputLine[]> {
  const out: InputLine[] = []
  for await (const line of readLines(Readable.from(chunks.map((c) => Buffer.from(c))), max)) out.push(line)
  return out
}

/** Each chunk a string of byte values (latin1), to split a multi-byte sequence where a test wants it. */
async function collectBytes(chunks: string[]): Promise<InputLine[]> {
  const out: InputLine[] = []
  for await (const line of readLines(Readable.from(chunks.map((c) => Buffer.from(c, 'latin1'))))) out.push(line)
  return out
}

describe('readLines', () => {
  it.each([
    {name: 'lines split across chunks', chunks: ['{"a"', ':1}\n{"b":2}\n'], expected: [{line: 1, text: '{"a":1}'}, {line: 2, text: '{"b":2}'}]},
    {name: 'a last line without a newline', chunks: ['x\ny'], expected: [{line: 1, text: 'x'}, {line: 2, text: 'y'}]},
    {name: 'CRLF line ends', chunks: ['x\r\ny\r\n'], expected: [{line: 1, text: 'x'}, {line: 2, text: 'y'}]},
    {name: 'blank lines, numbered but skipped', chunks: ['\n  \nx\n\n'], expected: [{line: 3, text: 'x'}]},
    // A UTF-8 byte-order mark is skipped at the very start of the input, as jq does; anywhere else it is text.
    {name: 'a byte-order mark at the start', chunks: ['\ufeff{"a":1}\n{"b":2}\n'], expected: [{line: 1, text: '{"a":1}'}, {line: 2, text: '{"b":2}'}]},
    {name: 'a byte-order mark split across chunks', chunks: ['\ufeff'].flatMap((bom) => [...Buffer.from(bom)].map((byte) => String.fromCharCode(byte))).concat(['x\n']), latin1: true, expected: [{line: 1, text: 'x'}]},
    {name: 'a byte-order mark alone on the first line, a blank line', chunks: ['\ufeff\nx\n'], expected: [{line: 2, text: 'x'}]},
    {name: 'a byte-order mark at the start of line 2, kept', chunks: ['x\n\ufeffy\n'], expected: [{line: 1, text: 'x'}, {line: 2, text: '\ufeffy'}]},
    {name: 'a byte-order mark after a blank first line, kept', chunks: ['\n\ufeffy\n'], expected: [{line: 2, text: '\ufeffy'}]},
    {name: 'two byte-order marks at the start, the second kept', chunks: ['\ufeff\ufeffx\n'], expected: [{line: 1, text: '\ufeffx'}]},
    {name: 'a multi-byte character split across chunks', chunks: ['"\xc3', '\xa9"\n'].map((s) => Buffer.from(s, 'latin1').toString('latin1')), expected: undefined},
  ])('reads $name', async ({chunks, expected, latin1}) => {
    if (expected === undefined) {
      const out: InputLine[] = []
      for await (const line of readLines(Readable.from([Buffer.from([0x22, 0xc3]), Buffer.from([0xa9, 0x22, 0x0a])]))) out.push(line)
      expect(out).toEqual([{line: 1, text: '"é"'}])
      return
    }
    expect(latin1 ? await collectBytes(chunks) : await collect(chunks)).toEqual(expected)
  })

  it('marks a line longer than the limit instead of holding it, and goes on', async () => {
    expect(await collect(['short\n', 'x'.repeat(30), 'y'.repeat(30), '\nnext\n'], 50)).toEqual([
      {line: 1, text: 'short'}, {line: 2, tooLong: true}, {line: 3, text: 'next'},
    ])
  })

  it.each([
    {name: 'lines with a final newline', text: 'a\nb\n', count: 2},
    {name: 'a last line without one', text: 'a\nb', count: 2},
    {name: 'blank and whitespace lines', text: '\na\n \t\r\n\nb\n\n', count: 2},
    {name: 'nothing', text: '', count: 0},
  ])('countLines counts $name', async ({text, count}) => {
    expect(await countLines(Readable.from([Buffer.from(text)]))).toBe(count)
  })
})
