import {EventEmitter} from 'node:events'
import {Readable, Writable} from 'node:stream'
import {parse} from '@oclif/core/parser'
import {callArgs, callFlags, callOptions} from '../call/flags.js'
import {runCall} from '../call/run.js'
import {colorFlags} from '../flags.js'
import type {IO} from '../io.js'

// Run only while the executable's start-up snapshot is built (src/sea/main.ts). V8 keeps in the snapshot the bytecode
// of every function that ran, so a run restored from it compiles nothing of what ran here: without this, each call
// compiled some 270 functions of the call pipeline and got from source (measured: about 6 ms of a 55 ms call), and
// evaluated got's 30 modules (about 6 ms more). node:http cannot be loaded while a snapshot is built (its bindings
// cannot be serialised), so got talks to the stand-in below instead; the bundle's lazy node:http reads it only
// while SNAPSHOT_STAND_INS is set (scripts/exe.mjs), and every run loads the real node:http on first use.
// Nothing the warm-up reads is kept: its env, IO and config folder are its own, and a route lookup caches only rows
// of the build's own spec tables.

/** The global through which the bundle's lazy modules read a stand-in while the snapshot is built (scripts/bundle.mjs). */
const SNAPSHOT_STAND_INS = Symbol.for('ddcli.snapshot-stand-ins')

/** What the stand-in server answers: a call's usual small JSON body. */
export const BODY = '{"valid":true}'

/** A socket as got's timers see one that has just connected to 127.0.0.1. */
class StandInSocket extends EventEmitter {
  connecting = false
  writable = true
  destroyed = false
  remoteAddress = '127.0.0.1'
  remotePort = 9
  bytesWritten = 0
  bytesRead = 0
  address() {
    return {address: '127.0.0.1', family: 'IPv4', port: 49152}
  }

  setTimeout() {
    return this
  }

  setNoDelay() {
    return this
  }

  setKeepAlive() {
    return this
  }

  ref() {
    return this
  }

  unref() {
    return this
  }

  destroy() {
    this.destroyed = true
    return this
  }
}

/** An IncomingMessage's fields as got reads them, over a body of BODY. */
function standInResponse(socket: StandInSocket): Readable {
  const response = Readable.from([Buffer.from(BODY)], {objectMode: false})
  return Object.assign(response, {
    statusCode: 200,
    statusMessage: 'OK',
    httpVersion: '1.1',
    httpVersionMajor: 1,
    httpVersionMinor: 1,
    headers: {'content-type': 'application/json', 'content-length': String(BODY.length)},
    rawHeaders: ['Content-Type', 'application/json', 'Content-Length', String(BODY.length)],
    trailers: {},
    rawTrailers: [],
    complete: true,
    aborted: false,
    socket,
  })
}

/** A ClientRequest as got drives one: it takes the body, then hands over a socket and answers BODY. */
class StandInRequest extends Writable {
  socket: StandInSocket | undefined
  reusedSocket = false

  constructor() {
    super()
    process.nextTick(() => {
      this.socket = new StandInSocket()
      this.emit('socket', this.socket)
    })
  }

  setTimeout(_ms: number, callback?: () => void) {
    if (callback) this.once('timeout', callback)
    return this
  }

  abort() {
    this.destroy()
  }

  override _write(_chunk: unknown, _encoding: string, done: () => void) {
    done()
  }

  override _final(done: () => void) {
    done()
    setImmediate(() => {
      const socket = this.socket ?? new StandInSocket()
      this.emit('response', standInResponse(socket))
    })
  }
}

/** The part of node:http that got uses for a plain-http request, answering every request with BODY. */
export const standInHttp = {
  request: () => new StandInRequest(),
  STATUS_CODES: {200: 'OK'},
}

/** A stream that keeps what is written to it. */
function sink(): {stream: Writable, text: () => string} {
  const chunks: Buffer[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk))
      done()
    },
  })
  return {stream, text: () => Buffer.concat(chunks).toString('utf8')}
}

/** The calls the warm-up makes: the plain one, and one with a field and a header (query and header building). */
const WARM_UP_CALLS = [
  ['GET', '/api/v1/validate', '--api-url', 'http://127.0.0.1:9'],
  ['GET', '/api/v1/validate', '--api-url', 'http://127.0.0.1:9', '-f', 'a=1', '-H', 'x-a: b'],
]

/**
 * Runs `ddcli call GET /api/v1/validate` through the whole pipeline (oclif's parser, options, credentials from env,
 * route, request, got, the response to stdout) against the stand-in http, with an env, IO and config folder of its
 * own, plainly and with a field and a header. Throws when a call did not print the stand-in's body alone: the
 * snapshot would then hold less than it should.
 */
export async function warmUpCall(): Promise<void> {
  const global = globalThis as {[SNAPSHOT_STAND_INS]?: Record<string, unknown>}
  global[SNAPSHOT_STAND_INS] = {'node:http': standInHttp}
  try {
    for (const argv of WARM_UP_CALLS) await warmUpOne(argv)
  } finally {
    delete global[SNAPSHOT_STAND_INS]
  }
}

async function warmUpOne(argv: string[]): Promise<void> {
  const {args, flags} = await parse(argv, {args: callArgs, flags: {...colorFlags, ...callFlags}, strict: true})
  const stdout = sink()
  const stderr = sink()
  const io: IO = {stdin: Readable.from([]), stdout: stdout.stream, stderr: stderr.stream, stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, colorOut: 0, colorErr: 0}
  const env = {DD_API_KEY: '0'.repeat(32), HOME: '/nonexistent/ddcli-snapshot', DDCLI_CONFIG_DIR: '/nonexistent/ddcli-snapshot/config'}
  await runCall(callOptions(args, flags, argv), {io, env, signal: new AbortController().signal})
  if (stdout.text() !== BODY || stderr.text() !== '') {
    throw new Error(`exe: the snapshot's warm-up call ${argv.join(' ')} printed ${JSON.stringify(stdout.text())}, and ${JSON.stringify(stderr.text())} on stderr`)
  }
}
