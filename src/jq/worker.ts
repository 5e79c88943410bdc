/**
 * The code of the jq worker thread (CommonJS, run with eval so that it needs no file of its own next to src/ or
 * dist/). jq-wasm gathers a run's whole stdout and stderr in memory and returns them at the end, so an endless
 * filter (`range(1e9)`) would print nothing and grow without bound. The worker takes jq's writes to fd 1 and 2
 * itself, through the wasm module's `fd_write` import, and posts them to the main thread as they come:
 *
 * - A message carries the writes gathered since the last one, as `[fd, text]` segments in order: 1 for stdout,
 *   2 for stderr, 3 for jq's uncaught error (`jq: error (at ...): ...`: a write of its own, and when the message
 *   is long, a second one of its final line break).
 *   A message goes when 64 Ki characters are gathered or 20 ms have passed, so the first output goes at once.
 * - Flow control: `control[0]` counts the messages posted, `control[1]` those the main thread has dealt with (it
 *   adds one and notifies after each). More than 8 ahead, the worker waits, which holds jq in its write, so memory
 *   stays flat however slow the reader of stdout is.
 * - `{end: exitCode}` ends a run, `{failure}` reports a run that could not start (jq-wasm failed to load).
 */
export const WORKER_SOURCE = `
const {parentPort, workerData} = require('node:worker_threads')
const {readFileSync} = require('node:fs')
const control = new Int32Array(workerData.control)
const WINDOW = 8
const CHUNK = 65536
const LATENCY_MS = 20
const ERROR = Buffer.from('jq: error (at ')
let memory
// Bytes written since the last message, and the [fd, start, end] segments they make; decoded only when posted.
let bytes = new Uint8Array(CHUNK)
let used = 0
let segments = []
let last = 0
let afterError = false
let decoders

function post(message) {
  const posted = Atomics.add(control, 0, 1) + 1
  parentPort.postMessage(message)
  for (let taken = Atomics.load(control, 1); posted - taken > WINDOW; taken = Atomics.load(control, 1)) Atomics.wait(control, 1, taken)
}

function flush() {
  if (segments.length === 0) return
  const texts = segments.map(([fd, start, end]) => [fd, decoders[fd === 3 ? 2 : fd].decode(bytes.subarray(start, end), {stream: true})])
  segments = []
  used = 0
  if (bytes.length > CHUNK) bytes = new Uint8Array(CHUNK)
  last = Date.now()
  post({segments: texts})
}

function add(fd, heap, start, length, joins) {
  if (used + length > bytes.length) {
    flush()
    if (length > bytes.length) bytes = new Uint8Array(length)
  }
  // Most writes are one short output: a loop copies those faster than a view of the memory would.
  if (length < 64) for (let i = 0; i < length; i++) bytes[used + i] = heap[start + i]
  else bytes.set(heap.subarray(start, start + length), used)
  const tail = segments[segments.length - 1]
  if (tail && tail[0] === fd && tail[2] === used && joins) tail[2] += length
  else segments.push([fd, used, used + length])
  used += length
}

let heap
let view

/** Whether the write (an iovec array in wasm memory) starts with jq's error prefix. */
function startsWithError(iov, iovcnt) {
  let at = 0
  for (let i = 0; i < iovcnt && at < ERROR.length; i++) {
    const start = view.getUint32(iov + i * 8, true)
    const length = view.getUint32(iov + i * 8 + 4, true)
    for (let j = 0; j < length && at < ERROR.length; j++, at++) if (heap[start + j] !== ERROR[at]) return false
  }
  return at === ERROR.length
}

function hook(original) {
  return (fd, iov, iovcnt, pnum) => {
    if (fd !== 1 && fd !== 2) return original(fd, iov, iovcnt, pnum)
    if (!heap || heap.buffer !== memory.buffer) {
      heap = new Uint8Array(memory.buffer)
      view = new DataView(memory.buffer)
    }
    let total = 0
    let lastStart = 0
    for (let i = 0; i < iovcnt; i++) {
      const length = view.getUint32(iov + i * 8 + 4, true)
      if (length > 0) lastStart = view.getUint32(iov + i * 8, true)
      total += length
    }
    view.setUint32(pnum, total, true)
    if (total === 0) return 0
    // jq prints its error with one fprintf, which writes a long message and its final line break apart.
    const lineBreak = total === 1 && heap[lastStart] === 10
    const error = fd === 2 && ((afterError && lineBreak) || startsWithError(iov, iovcnt))
    afterError = error
    for (let i = 0, first = true; i < iovcnt; i++) {
      const length = view.getUint32(iov + i * 8 + 4, true)
      if (length === 0) continue
      add(error ? 3 : fd, heap, view.getUint32(iov + i * 8, true), length, !error || !first || lineBreak)
      first = false
    }
    if (used >= CHUNK || Date.now() - last >= LATENCY_MS) flush()
    return 0
  }
}

// From files (the npm install), or handed over as code and bytes (the single executable, which has no such files).
const wasm = workerData.wasm ?? readFileSync(workerData.wasmFile)
function fromSource(source) {
  const module = {exports: {}}
  new Function('module', 'exports', 'require', '__filename', '__dirname', source)(module, module.exports, require, 'jq-wasm.cjs', '.')
  return module.exports
}
const jqWasm = workerData.jqWasmSource === undefined ? require(workerData.jqWasm) : fromSource(workerData.jqWasmSource)
const ready = jqWasm.loadJq({instantiateWasm(imports, onSuccess) {
  let hooked = false
  for (const module of Object.values(imports)) {
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function' && value.name === '_fd_write') {
        module[name] = hook(value)
        hooked = true
      }
    }
  }
  if (!hooked) throw new Error('this jq-wasm has no _fd_write import to take its output from')
  WebAssembly.instantiate(wasm, imports).then(({instance, module}) => {
    memory = Object.values(instance.exports).find((value) => value instanceof WebAssembly.Memory)
    onSuccess(instance, module)
  })
}})

parentPort.on('message', async ({input, expr}) => {
  try {
    const jq = await ready
    decoders = {1: new TextDecoder(), 2: new TextDecoder()}
    last = 0
    afterError = false
    const {exitCode} = jq.raw(input, expr, ['-c'])
    flush()
    post({end: exitCode})
  } catch (error) {
    segments = []
    used = 0
    post({failure: String((error && error.message) || error)})
  }
})
`
