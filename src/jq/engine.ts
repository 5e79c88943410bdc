/**
 * Runs jq (jq-wasm) in a worker thread, one run at a time, and hands its outputs to the caller as they come (see
 * worker.ts for the protocol). In the worker, the main thread stays free while jq computes: a signal, a closed
 * stdout or a stopped run ends the worker (`terminate` interrupts even an endless wasm loop), and the next run
 * starts a new one.
 */
import type {MessagePort, Worker} from 'node:worker_threads'
import {WORKER_SOURCE} from './worker.js'

/** Where one run's results go, as they come; a returned promise holds the run back until it settles. */
export interface JqSink {
  /** Outputs, each as compact JSON text (one line each). */
  outputs(texts: string[]): void | Promise<void>
  /** Text jq wrote on stderr (`debug`, `stderr`, `halt_error`'s message), as written: not yet made printable. */
  stderr(text: string): void | Promise<void>
}

/**
 * How a run ended: jq's exit status, and jq's first uncaught error as it wrote it (`jq: error (at ...): ...`), or
 * its message about an input that is not JSON (`jq: parse error: ...`, with `notJson`).
 */
export interface JqRunEnd {
  exitCode: number
  error?: string
  notJson?: boolean
  /** jq ran out of its heap (`jq: error: cannot allocate memory`, then abort): the worker is gone with its memory. */
  outOfMemory?: boolean
}

/** The environment jq sees (`$ENV`, `env`): names to values. */
export type JqEnv = Readonly<Record<string, string>>

/** What one run takes besides the program: jq's own options (`--arg`, `--argjson`) and the environment. */
export interface JqRunOptions {
  signal?: AbortSignal
  stopAtError?: boolean
  flags?: readonly string[]
  env?: JqEnv
  /** jq's heap limit in 64 KiB pages (default HEAP_PAGES, 2 GiB); tests set less to reach it quickly. */
  heapPages?: number
}

/** jq's heap limit: 2 GiB, where every address stays below 2^31, which jq-wasm's runtime needs (see worker.ts). */
export const HEAP_PAGES = 32_768

type Segment = [fd: 1 | 2 | 3 | 4, text: string]
type Message = {segments: Segment[]} | {end: number} | {failure: string, aborted?: boolean, outOfMemory?: boolean}
type Engine = {worker: Worker, control: Int32Array, input: MessagePort, envKey: string, onMessage?: (message: Message) => void, onFailure?: (error: Error) => void}

let engine: Engine | undefined
let queue: Promise<unknown> = Promise.resolve()
let runs = 0

/**
 * The worker for `env` (jq reads its environment once, when its module starts) and a heap limit: the current one, or
 * a new one.
 */
async function start(env: JqEnv, heapPages: number): Promise<Engine> {
  const envKey = JSON.stringify([heapPages, ...Object.entries(env).sort(([a], [b]) => (a < b ? -1 : 1))])
  if (engine?.envKey === envKey) return engine
  if (engine) stop(engine)
  const {MessageChannel, Worker} = await import('node:worker_threads')
  const {createRequire} = await import('node:module')
  const require = createRequire(import.meta.url)
  const control = new Int32Array(new SharedArrayBuffer(12))
  // The input's blocks go over a port of their own, which the worker reads synchronously while jq waits in fd_read.
  const {port1: input, port2: inputPort} = new MessageChannel()
  const workerData = {jqWasm: require.resolve('jq-wasm'), wasmFile: require.resolve('jq-wasm/jq.wasm'), control: control.buffer, env: {...env}, input: inputPort, heapPages}
  const started: Engine = {worker: new Worker(WORKER_SOURCE, {eval: true, workerData, transferList: [inputPort]}), control, input, envKey}
  input.unref()
  started.worker.unref()
  const fail = (error: Error) => {
    if (engine === started) engine = undefined
    started.onFailure?.(error)
  }
  started.worker.on('message', (message: Message) => started.onMessage?.(message))
  started.worker.on('error', (error) => fail(new Error(`jq failed: ${error.message}`)))
  started.worker.on('exit', () => fail(new Error('jq stopped before its result (out of memory?)')))
  engine = started
  return started
}

function stop(stopped: Engine): void {
  stopped.onMessage = undefined
  stopped.onFailure = undefined
  if (engine === stopped) engine = undefined
  stopped.input.close()
  void stopped.worker.terminate()
}

/** Bytes copied into a block of their own, which can be transferred to the worker (a Buffer may share its memory). */
function block(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

const BLOCK = 1 << 20
const SMALL = 16 << 10

/** Whether bytes are the whole of their memory, so that transferring them hands over nothing else. */
function owned(bytes: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
}

/**
 * Posts the input to the worker as it comes (an async iterable, e.g. a response body: jq parses while the rest
 * arrives), then its end. A chunk that owns its memory (a socket read) is transferred as it is; small or shared ones
 * are gathered into blocks of their own. Each message bumps control[2], on which the worker waits for the next.
 */
async function feed(current: Engine, run: number, input: AsyncIterable<Uint8Array>, stopped: () => boolean): Promise<void> {
  const notify = () => {
    Atomics.add(current.control, 2, 1)
    Atomics.notify(current.control, 2)
  }
  const send = (bytes: Uint8Array) => {
    try {
      current.input.postMessage({run, block: bytes}, [bytes.buffer as ArrayBuffer])
    } catch {
      // A buffer Node marks untransferable is copied by the clone instead.
      current.input.postMessage({run, block: bytes})
    }
    notify()
  }
  let chunks: Uint8Array[] = []
  let size = 0
  const flush = () => {
    if (size > 0) send(block(chunks, size))
    chunks = []
    size = 0
  }
  try {
    for await (const chunk of input) {
      if (stopped()) return
      if (owned(chunk) && chunk.length >= SMALL) {
        flush()
        send(chunk)
      } else {
        chunks.push(chunk)
        size += chunk.length
        if (size >= BLOCK) flush()
      }
    }
    flush()
  } finally {
    // Also when reading failed: jq then sees the end of its input, and the run ends with the reading's error.
    if (!stopped()) {
      current.input.postMessage({run, end: true})
      notify()
    }
  }
}

/**
 * Runs jq on `input` (JSON texts, one after another, as bytes) with `expr`, handing outputs and stderr to `sink` in
 * order. Bytes that own their whole memory are handed over to the worker (transferred: the caller's copy is then
 * empty); others are copied. Runs queue behind each other. With `stopAtError`, the first uncaught error ends the run
 * (jq would go on with the next input). An abort of `signal`, or a sink that throws, ends the run with that reason.
 */
export function runJq(expr: string, input: Uint8Array | AsyncIterable<Uint8Array>, sink: JqSink, options: JqRunOptions = {}): Promise<JqRunEnd> {
  const run = queue.then(() => execute(expr, input, sink, options))
  queue = run.catch(() => undefined)
  return run
}

async function execute(expr: string, input: Uint8Array | AsyncIterable<Uint8Array>, sink: JqSink, {signal, stopAtError = false, flags = [], env = {}, heapPages = HEAP_PAGES}: JqRunOptions): Promise<JqRunEnd> {
  signal?.throwIfAborted()
  const current = await start(env, heapPages)
  return new Promise<JqRunEnd>((resolve, reject) => {
    const inbox: Message[] = []
    let busy = false
    let done = false
    let carry = ''
    let error: string | undefined
    let notJson = false
    const finish = (end: () => void, terminate: boolean) => {
      if (done) return
      done = true
      signal?.removeEventListener('abort', onAbort)
      if (terminate) {
        stop(current)
      } else {
        current.onMessage = undefined
        current.onFailure = undefined
        current.worker.unref()
      }
      end()
    }
    const onAbort = () => finish(() => reject(signal!.reason), true)
    const handle = async (message: Message) => {
      // An aborted jq (out of memory, or any other abort) cannot run again: its worker ends, and its memory with it.
      if ('failure' in message && message.outOfMemory) return finish(() => resolve({exitCode: 2, outOfMemory: true}), true)
      if ('failure' in message) return finish(() => reject(new Error(`jq failed: ${message.failure}`)), message.aborted === true)
      if ('end' in message) {
        if (carry !== '') await sink.outputs([carry])
        return finish(() => resolve({exitCode: message.end, error, ...(notJson ? {notJson} : {})}), false)
      }
      for (const [fd, text] of message.segments) {
        if (done) return
        if (fd === 1) {
          const lines = (carry + text).split('\n')
          carry = lines.pop()!
          if (lines.length > 0) await sink.outputs(lines)
        } else if (fd === 2) {
          await sink.stderr(text)
        } else if (error === undefined) {
          error = text
          notJson = fd === 4
          if (stopAtError) return finish(() => resolve({exitCode: 5, error, ...(notJson ? {notJson} : {})}), true)
        }
      }
    }
    const pump = async () => {
      if (busy) return
      busy = true
      try {
        while (!done && inbox.length > 0) {
          try {
            await handle(inbox.shift()!)
          } finally {
            Atomics.add(current.control, 1, 1)
            Atomics.notify(current.control, 1)
          }
        }
      } catch (failure: unknown) {
        finish(() => reject(failure), true)
      } finally {
        busy = false
      }
    }
    current.onMessage = (message) => {
      inbox.push(message)
      void pump()
    }
    current.onFailure = (failure) => finish(() => reject(failure), false)
    signal?.addEventListener('abort', onAbort, {once: true})
    current.worker.ref()
    if (!(input instanceof Uint8Array)) {
      // Blocks carry the run's number: the worker drops any left over from an earlier run that stopped reading.
      const run = ++runs
      current.worker.postMessage({stream: run, expr, flags})
      feed(current, run, input, () => done).catch((failure: unknown) => finish(() => reject(failure), true))
      return
    }
    // A view of a larger buffer (Node's pool of small Buffers) is copied first: a clone would copy all of it.
    const bytes = owned(input) ? input : Uint8Array.prototype.slice.call(input)
    try {
      current.worker.postMessage({input: bytes, expr, flags}, [bytes.buffer as ArrayBuffer])
    } catch {
      // A buffer Node marks untransferable is copied by the clone instead.
      current.worker.postMessage({input: bytes, expr, flags})
    }
  })
}
