import {PassThrough, Readable, Writable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {colorLevel, type IO} from '../../src/io.js'
import {writeBody} from '../../src/output/body.js'
import {OutputError} from '../../src/errors.js'

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
    {name: 'terminal JSON keeps an integer over 2^53 as sent', tty: true, body: '{"id":12345678901234567890}', expected: '{\n  "id": 12345678901234567890\n}\n'},
    {name: 'terminal JSON keeps numbers as written', tty: true, body: '[1.0, -0, 1e2, 2.50E-3]', expected: '[\n  1.0,\n  -0,\n  1e2,\n  2.50E-3\n]\n'},
    {name: 'terminal JSON keeps empty containers on one line', tty: true, body: ' { "a" : { } , "b":[ ],"c":[[]] } ', expected: '{\n  "a": {},\n  "b": [],\n  "c": [\n    []\n  ]\n}\n'},
    {name: 'terminal JSON strings with quotes, colons and brackets stay strings', tty: true, body: '{"k:\\"[":"v,}\\\\"}', expected: '{\n  "k:\\"[": "v,}\\\\"\n}\n'},
    {name: 'terminal JSON shows escaped characters as JSON.stringify writes them', tty: true, body: '["\\u00e9\\/"]', expected: '[\n  "é/"\n]\n'},
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

  it.each([
    {name: 'JSON over the limit is written as it came, not pretty-printed', chunks: ['{"a":', '1,"b":', '[true]}'], expected: '{"a":1,"b":[true]}\n'},
    {name: 'text over the limit has control characters neutralised', chunks: ['0123456789ab', `x${ESC}[2J\u009b\n`], expected: '0123456789abx\\u001b[2J\\u009b\n'},
    {name: 'a character split across chunks past the limit stays whole', chunks: ['0123456789ab', Buffer.from('é').subarray(0, 1), Buffer.from('é').subarray(1), 'z\n'], expected: '0123456789abéz\n'},
    {name: 'a body at the limit is still pretty-printed', chunks: ['{"a":', '1}'], expected: '{\n  "a": 1\n}\n'},
  ])('on a terminal, $name', async ({chunks, expected}) => {
    const out = fakeIO(true)
    await writeBody(Readable.from(chunks.map((c) => Buffer.from(c))), out.io, {silent: false, keepHead: false, prettyLimit: 10, host: 'example.test'})
    expect(out.text()).toBe(expected)
  })

  it('streams a body over the limit to a terminal before it ends (an endless body must not fill memory)', async () => {
    const out = fakeIO(true)
    const body = new PassThrough()
    const done = writeBody(body, out.io, {silent: false, keepHead: false, prettyLimit: 1024, host: 'example.test'})
    body.write(Buffer.alloc(4096, 'a'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(out.text().length).toBe(4096)
    body.end('b')
    await done
    expect(out.text()).toBe(`${'a'.repeat(4096)}b\n`)
  })

  it('keeps the head of the body for error messages even with --silent', async () => {
    const out = fakeIO(false)
    const head = await writeBody(Readable.from([Buffer.from('{"errors":["x"]}')]), out.io, {silent: true, keepHead: true, host: 'api.test'})
    expect(head.toString()).toBe('{"errors":["x"]}')
    expect(out.bytes().length).toBe(0)
  })
})

describe('writeBody into a pipe', () => {
  /** A sink that takes one chunk at a time, slowly, and records how much was ever waiting in it. */
  function slowSink() {
    const chunks: Buffer[] = []
    let peak = 0
    const sink = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk)
        setImmediate(done)
      },
    })
    sink.on('drain', () => undefined)
    const write = sink.write.bind(sink)
    sink.write = ((chunk: Buffer, ...rest: never[]) => {
      const ok = write(chunk, ...rest)
      peak = Math.max(peak, sink.writableLength)
      return ok
    }) as typeof sink.write
    return {sink, bytes: () => Buffer.concat(chunks), peak: () => peak}
  }

  const ioWith = (stdout: Writable): IO => ({stdin: Readable.from([]), stdout, stderr: new PassThrough(), stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, colorOut: 0, colorErr: 0})

  it('writes every byte in order and waits while stdout is full (at most one chunk waits in it)', async () => {
    const parts = Array.from({length: 200}, (_, i) => Buffer.from(`${String(i).padStart(4, '0')}:${'x'.repeat(1000)}\n`))
    const {sink, bytes, peak} = slowSink()
    const head = await writeBody(Readable.from(parts), ioWith(sink), {silent: false, keepHead: true, host: 'api.test'})
    expect(bytes().equals(Buffer.concat(parts))).toBe(true)
    expect(head.equals(Buffer.concat(parts).subarray(0, head.length))).toBe(true)
    expect(peak()).toBeLessThanOrEqual(1006)
  })

  it('does not end stdout (a pagination or batch run writes more after it)', async () => {
    const {sink} = slowSink()
    await writeBody(Readable.from([Buffer.from('{}')]), ioWith(sink), {silent: false, keepHead: false, host: 'api.test'})
    expect(sink.writableEnded).toBe(false)
  })

  it('names the server when the body fails, and stops reading it', async () => {
    const body = new PassThrough()
    const {sink} = slowSink()
    const written = writeBody(body, ioWith(sink), {silent: false, keepHead: false, host: 'api.test'})
    body.write('{"partial"')
    setImmediate(() => body.destroy(Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'})))
    await expect(written).rejects.toThrow(/^response from api\.test incomplete: the connection was cut short/)
  })

  // got emits a body's failure as soon as the socket data that follows the headers fails to parse (a bad chunk size,
  // a broken gzip): often before the caller has a listener on the body. The error is then only in body.errored; a
  // copy that waited for events hung with nothing left to run, and the call exited 0 with an empty body.
  it.each([
    {name: 'into a pipe', tty: false, silent: false},
    {name: 'on a terminal', tty: true, silent: false},
    {name: 'with --silent', tty: false, silent: true},
  ])('names the server when the body failed before it was handed over ($name)', async ({tty, silent}) => {
    const body = new PassThrough()
    body.on('error', () => undefined)
    body.destroy(Object.assign(new Error('Parse Error: Invalid character in chunk size'), {code: 'HPE_INVALID_CHUNK_SIZE'}))
    await new Promise((resolve) => setImmediate(resolve))
    const {io} = fakeIO(tty)
    await expect(writeBody(body, io, {silent, keepHead: false, host: 'api.test'})).rejects.toThrow(/^response from api\.test incomplete: the connection was cut short/)
  })

  it.each([
    {name: 'before it was handed over', early: true},
    {name: 'while it was copied', early: false},
  ])('names the server when the body was closed before its end, without an error ($name)', async ({early}) => {
    const body = new PassThrough()
    const {sink} = slowSink()
    if (early) body.destroy()
    const written = writeBody(body, ioWith(sink), {silent: false, keepHead: false, host: 'api.test'})
    if (!early) {
      body.write('{"partial"')
      setImmediate(() => body.destroy())
    }
    await expect(written).rejects.toThrow(/^response from api\.test incomplete: the connection was cut short/)
  })

  it('ends quietly and destroys the body when the reader of stdout went away (EPIPE)', async () => {
    const body = new PassThrough()
    const sink = new Writable({write: (_chunk, _encoding, done) => done(Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}))})
    const written = writeBody(body, ioWith(sink), {silent: false, keepHead: false, host: 'api.test'})
    body.write('{"a":1}')
    await expect(written).resolves.toBeInstanceOf(Buffer)
    expect(body.destroyed).toBe(true)
  })

  it('reports any other stdout failure (a full disk) as an output error', async () => {
    const sink = new Writable({write: (_chunk, _encoding, done) => done(Object.assign(new Error('no space left on device'), {code: 'ENOSPC'}))})
    await expect(writeBody(Readable.from([Buffer.from('{}')]), ioWith(sink), {silent: false, keepHead: false, host: 'api.test'})).rejects.toSatisfy((error) => error instanceof OutputError && error.exitCode === 6)
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
