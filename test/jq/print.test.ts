import {PassThrough} from 'node:stream'
import {describe, expect, it} from 'vitest'
import type {IO} from '../../src/io.js'
import {failedLine, JqStderr, outputsText} from '../../src/jq/print.js'

describe('JqStderr', () => {
  it.each([
    {name: 'a debug line as it is', chunks: ['["DEBUG:",1]\n'], shown: '["DEBUG:",1]\n'},
    {name: 'an escape sequence made visible', chunks: ['a\u001b]0;owned\u0007b\n'], shown: 'a\\u001b]0;owned\\u0007b\n'},
    {name: 'a C1 control and a bidi override made visible', chunks: ['a\u009b2J\u202eb\n'], shown: 'a\\u009b2J\\u202eb\n'},
    {name: 'a carriage return made visible (it would overwrite the line)', chunks: ['fake\rreal\n'], shown: 'fake\\u000dreal\n'},
    {name: 'line breaks kept across chunks', chunks: ['a\nb', 'c\n'], shown: 'a\nbc\n'},
    {name: 'a last line ended at end()', chunks: ['no line break'], shown: 'no line break\n'},
    {name: 'nothing at end() after nothing', chunks: [], shown: ''},
  ])('passes on $name', async ({chunks, shown}) => {
    let written = ''
    const stderr = new JqStderr((text) => { written += text })
    for (const chunk of chunks) await stderr.text(chunk)
    await stderr.end()
    expect(written).toBe(shown)
  })
})

describe('failedLine', () => {
  it.each([
    {name: 'jq\'s message', error: 'Cannot index number with "a"', line: 'jq: Cannot index number with "a"; check the --jq filter against the data'},
    {name: 'a server string with an escape sequence, made visible', error: 'x\u001b[2Jy', line: 'jq: x\\u001b[2Jy; check the --jq filter against the data'},
  ])('words $name', ({error, line}) => {
    expect(failedLine(error)).toBe(line)
  })
})

describe('outputsText', () => {
  const io = (stdoutIsTTY: boolean) => ({stdout: new PassThrough(), stdoutIsTTY} as unknown as IO)
  it.each([
    {name: 'piped: a string raw', tty: false, json: false, outputs: ['"a\\u001bb"'], text: 'a\u001bb\n'},
    {name: 'piped: a string quoted with --jq-json', tty: false, json: true, outputs: ['"a"'], text: '"a"\n'},
    {name: 'piped: several, one a line', tty: false, json: false, outputs: ['1', '{"a":2}'], text: '1\n{"a":2}\n'},
    {name: 'terminal: a string raw as gh prints it, its escape sequence made visible', tty: true, json: false, outputs: ['"a\\u001bb"'], text: 'a\\u001bb\n'},
    {name: 'terminal: a raw string keeps its tab and line break', tty: true, json: false, outputs: ['"a\\tb\\nc"'], text: 'a\tb\nc\n'},
    {name: 'terminal: a string quoted with --jq-json, its escape sequence made visible', tty: true, json: true, outputs: ['"a\\u001bb"'], text: '"a\\u001bb"\n'},
    {name: 'terminal: an object pretty', tty: true, json: false, outputs: ['{"a":[1]}'], text: '{\n  "a": [\n    1\n  ]\n}\n'},
    {name: 'terminal: a 64-bit number as jq wrote it, not rounded', tty: true, json: false, outputs: ['{"n":12345678901234567891}'], text: '{\n  "n": 12345678901234567891\n}\n'},
  ])('$name', ({tty, json, outputs, text}) => {
    expect(outputsText(outputs, io(tty), json)).toBe(text)
  })
})
