import {PassThrough, Readable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {colorLevel, type IO} from '../../src/io.js'
import {writeBody} from '../../src/output/body.js'

function fakeIO(stdoutIsTTY: boolean, colorOut: 0 | 1 = 0) {
  const stdout = new PassThrough()
  const chunks: Buffer[] = []
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
  const io: IO = {stdin: Readable.from([]), stdout, stderr: new PassThrough(), stdinIsTTY: false, stdoutIsTTY, stderrIsTTY: false, colorOut, colorErr: 0}
  return {io, text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks)}
}

const ESC = '\u001b'

describe('writeBody', () => {
  it.each([
    {name: 'piped JSON stays byte-exact', tty: false, body: '{"a":1,"b":[1,2]}', expected: '{"a":1,"b":[1,2]}'},
    {name: 'piped text with escapes stays byte-exact', tty: false, body: `x${ESC}[2Jy\u0007`, expected: `x${ESC}[2Jy\u0007`},
    {name: 'terminal JSON is pretty-printed', tty: true, body: '{"a":1,"b":[true,null]}', expected: '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}\n'},
    {name: 'terminal text has control characters neutralised', tty: true, body: `x${ESC}[2Jy\u0007\u009b`, expected: 'x\\u001b[2Jy\\u0007\\u009b\n'},
    {name: 'terminal JSON strings have escapes neutralised', tty: true, body: '{"t":"\\u001b]0;pwned\\u0007"}', expected: '{\n  "t": "\\u001b]0;pwned\\u0007"\n}\n'},
    {name: 'terminal text keeps tabs and newlines', tty: true, body: 'a\tb\nc\n', expected: 'a\tb\nc\n'},
  ])('$name', async ({tty, body, expected}) => {
    const out = fakeIO(tty)
    await writeBody(Readable.from([Buffer.from(body)]), out.io, {silent: false, keepHead: false, host: 'api.test'})
    expect(out.text()).toBe(expected)
  })

  it('colours keys and values on a colour terminal', async () => {
    const out = fakeIO(true, 1)
    await writeBody(Readable.from([Buffer.from('{"a":"b"}')]), out.io, {silent: false, keepHead: false, host: 'api.test'})
    expect(out.text()).toContain(`${ESC}[34m`)
    expect(out.text()).toContain(`${ESC}[32m"b"`)
  })

  it('keeps the head of the body for error messages even with --silent', async () => {
    const out = fakeIO(false)
    const head = await writeBody(Readable.from([Buffer.from('{"errors":["x"]}')]), out.io, {silent: true, keepHead: true, host: 'api.test'})
    expect(head.toString()).toBe('{"errors":["x"]}')
    expect(out.bytes().length).toBe(0)
  })
})

describe('colorLevel', () => {
  it.each([
    {name: 'a terminal gets colour', tty: true, env: {}, flag: false, level: 1},
    {name: 'a pipe gets none', tty: false, env: {}, flag: false, level: 0},
    {name: 'NO_COLOR turns it off', tty: true, env: {NO_COLOR: '1'}, flag: false, level: 0},
    {name: 'an empty NO_COLOR is ignored', tty: true, env: {NO_COLOR: ''}, flag: false, level: 1},
    {name: '--no-color turns it off', tty: true, env: {}, flag: true, level: 0},
    {name: '--no-color beats FORCE_COLOR', tty: true, env: {FORCE_COLOR: '1'}, flag: true, level: 0},
    {name: 'FORCE_COLOR works on a pipe', tty: false, env: {FORCE_COLOR: '1'}, flag: false, level: 1},
    {name: 'NO_COLOR beats FORCE_COLOR', tty: false, env: {NO_COLOR: '1', FORCE_COLOR: '1'}, flag: false, level: 0},
    {name: 'FORCE_COLOR beats TERM=dumb', tty: true, env: {TERM: 'dumb', FORCE_COLOR: '1'}, flag: false, level: 1},
    {name: 'FORCE_COLOR=2 sets 256 colours', tty: false, env: {FORCE_COLOR: '2'}, flag: false, level: 2},
    {name: 'FORCE_COLOR=0 turns it off', tty: true, env: {FORCE_COLOR: '0'}, flag: false, level: 0},
    {name: 'TERM=dumb gets none', tty: true, env: {TERM: 'dumb'}, flag: false, level: 0},
    {name: 'truecolor terminals get level 3', tty: true, env: {COLORTERM: 'truecolor'}, flag: false, level: 3},
  ])('$name', ({tty, env, flag, level}) => {
    expect(colorLevel(tty, env, flag)).toBe(level)
  })
})
