/**
 * The code of the jq worker thread (CommonJS, run with eval so that it needs no file of its own next to src/ or
 * dist/). jq-wasm runs jq's own main() on a string it copies into an emulated /dev/stdin byte by byte, gathers the
 * whole stdout in memory, caps jq's heap at 256 MiB, and shows jq a made-up environment. The worker keeps jq-wasm's
 * runtime but takes over the wasm module's imports where that matters:
 *
 * - Input: `fd_read` on the file jq opens for its input (`/dev/stdin`, seen through `openat`) copies straight from
 *   the bytes the main thread transferred: no string, no copy per byte. A streamed input (a response body as it
 *   arrives) comes in blocks over `workerData.input`, read synchronously with receiveMessageOnPort while jq waits in
 *   fd_read (on `control[2]`, which the main thread bumps after each block), so jq parses while the rest arrives.
 * - Heap: jq-wasm's jq.wasm declares at most 4096 pages (256 MiB) and its runtime refuses to grow past that, so a
 *   35 MB list of 300,000 items did not fit (`cannot allocate memory`). The worker loads the runtime with the limit
 *   raised to 2 GiB (every address stays below 2^31, which the runtime's `>> 2` indexing needs) and the module's
 *   memory section to match. Both are checked: a jq-wasm whose code differs fails to load with a message.
 * - Environment: `environ_get`/`environ_sizes_get` give jq exactly `workerData.env` (the caller's choice: the
 *   process environment less ddcli's secrets), read once when the module starts, hence one worker per environment.
 * - Output: jq's writes to fd 1 and 2 are taken through `fd_write` and posted to the main thread as they come, as
 *   `[fd, text]` segments in order: 1 stdout, 2 stderr, 3 jq's uncaught error (`jq: error (at ...): ...`), 4 an input
 *   that is not JSON (`jq: parse error: ...`); jq writes a long message and its final line break apart, so that line
 *   break belongs to the message before it. A message goes when 64 Ki characters are gathered or 20 ms have passed.
 * - Flow control: `control[0]` counts the messages posted, `control[1]` those the main thread has dealt with (it
 *   adds one and notifies after each). More than 8 ahead, the worker waits, which holds jq in its write, so memory
 *   stays flat however slow the reader of stdout is.
 * - `{end: exitCode}` ends a run, `{failure}` reports a run that could not start (jq-wasm failed to load) or that
 *   aborted (`aborted`), after `jq: error: cannot allocate memory` (`outOfMemory`; that line is not passed on, and
 *   neither is the runtime's `Aborted()` on console.error: the main thread says it in one line of its own).
 */
export const WORKER_SOURCE = `
const {parentPort, receiveMessageOnPort, workerData} = require('node:worker_threads')
const {readFileSync} = require('node:fs')
const {dirname} = require('node:path')
const vm = require('node:vm')
const control = new Int32Array(workerData.control)
const WINDOW = 8
const CHUNK = 65536
const LATENCY_MS = 20
const HEAP_LIMIT = 'var getHeapMax = () => 268435456;'
const HEAP_PAGES = workerData.heapPages
const PREFIXES = [[3, Buffer.from('jq: error (at ')], [4, Buffer.from('jq: parse error: ')], [5, Buffer.from('jq: error: cannot allocate memory')]]
const consoleError = console.error
console.error = (message, ...rest) => {
  if (typeof message === 'string' && message.startsWith('Aborted(')) return
  consoleError(message, ...rest)
}
let outOfMemory = false
const INPUT_PATH = '/dev/stdin'
let memory
let heap
let view
// Bytes written since the last message, and the [fd, start, end] segments they make; decoded only when posted.
let bytes = new Uint8Array(CHUNK)
let used = 0
let segments = []
let last = 0
let afterMessage = 0
let decoders
let input = new Uint8Array(0)
let inputAt = 0
let inputFd = -1
// A streamed run's number (0: the input came whole) and whether its end has come.
let streamRun = 0
let streamEnded = true

/** Waits for the next block of a streamed input (see engine.ts feed); false at its end. */
function nextBlock() {
  for (;;) {
    const seen = Atomics.load(control, 2)
    const got = receiveMessageOnPort(workerData.input)
    if (got) {
      const message = got.message
      if (message.run !== streamRun) continue
      if (message.end) {
        streamEnded = true
        return false
      }
      input = message.block
      inputAt = 0
      return true
    }
    Atomics.wait(control, 2, seen)
  }
}

function post(message) {
  const posted = Atomics.add(control, 0, 1) + 1
  parentPort.postMessage(message)
  for (let taken = Atomics.load(control, 1); posted - taken > WINDOW; taken = Atomics.load(control, 1)) Atomics.wait(control, 1, taken)
}

function flush() {
  if (segments.length === 0) return
  const texts = segments.map(([fd, start, end]) => [fd, decoders[fd === 1 ? 1 : 2].decode(bytes.subarray(start, end), {stream: true})])
  segments = []
  used = 0
  if (bytes.length > CHUNK) bytes = new Uint8Array(CHUNK)
  last = Date.now()
  post({segments: texts})
}

function views() {
  if (!heap || heap.buffer !== memory.buffer) {
    heap = new Uint8Array(memory.buffer)
    view = new DataView(memory.buffer)
  }
}

function add(fd, start, length, joins) {
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

/** The kind of message a write (an iovec array in wasm memory) starts: 3 or 4 (see PREFIXES), else 0. */
function messageKind(iov, iovcnt) {
  for (const [kind, prefix] of PREFIXES) {
    let at = 0
    let same = true
    for (let i = 0; i < iovcnt && at < prefix.length && same; i++) {
      const start = view.getUint32(iov + i * 8, true)
      const length = view.getUint32(iov + i * 8 + 4, true)
      for (let j = 0; j < length && at < prefix.length; j++, at++) if (heap[start + j] !== prefix[at]) { same = false; break }
    }
    if (same && at === prefix.length) return kind
  }
  return 0
}

function fdWrite(original) {
  return (fd, iov, iovcnt, pnum) => {
    if (fd !== 1 && fd !== 2) return original(fd, iov, iovcnt, pnum)
    views()
    let total = 0
    let lastStart = 0
    for (let i = 0; i < iovcnt; i++) {
      const length = view.getUint32(iov + i * 8 + 4, true)
      if (length > 0) lastStart = view.getUint32(iov + i * 8, true)
      total += length
    }
    view.setUint32(pnum, total, true)
    if (total === 0) return 0
    const lineBreak = total === 1 && heap[lastStart] === 10
    const kind = fd === 2 ? ((afterMessage && lineBreak) ? afterMessage : messageKind(iov, iovcnt)) : 0
    afterMessage = kind
    if (kind === 5) {
      outOfMemory = true
      return 0
    }
    for (let i = 0, first = true; i < iovcnt; i++) {
      const length = view.getUint32(iov + i * 8 + 4, true)
      if (length === 0) continue
      add(kind || fd, view.getUint32(iov + i * 8, true), length, !kind || !first || lineBreak)
      first = false
    }
    if (used >= CHUNK || Date.now() - last >= LATENCY_MS) flush()
    return 0
  }
}

function cString(pointer) {
  views()
  let end = pointer
  while (heap[end] !== 0) end++
  return Buffer.from(heap.subarray(pointer, end)).toString('utf8')
}

function openat(original) {
  return (dirfd, path, flags, varargs) => {
    const fd = original(dirfd, path, flags, varargs)
    if (fd >= 0 && cString(path) === INPUT_PATH) {
      inputFd = fd
      inputAt = 0
    }
    return fd
  }
}

function fdRead(original) {
  return (fd, iov, iovcnt, pnum) => {
    if (fd !== inputFd) return original(fd, iov, iovcnt, pnum)
    while (inputAt >= input.length && !streamEnded && nextBlock()) {}
    views()
    let total = 0
    for (let i = 0; i < iovcnt; i++) {
      const start = view.getUint32(iov + i * 8, true)
      const length = view.getUint32(iov + i * 8 + 4, true)
      const count = Math.min(length, input.length - inputAt)
      heap.set(input.subarray(inputAt, inputAt + count), start)
      inputAt += count
      total += count
      if (count < length) break
    }
    view.setUint32(pnum, total, true)
    return 0
  }
}

const environment = Object.entries(workerData.env).map(([name, value]) => Buffer.from(name + '=' + value + '\\0'))

function environSizes(count, size) {
  views()
  view.setUint32(count, environment.length, true)
  view.setUint32(size, environment.reduce((sum, entry) => sum + entry.length, 0), true)
  return 0
}

function environGet(pointers, buffer) {
  views()
  let at = buffer
  environment.forEach((entry, i) => {
    view.setUint32(pointers + i * 4, at, true)
    heap.set(entry, at)
    at += entry.length
  })
  return 0
}

const HOOKS = {_fd_write: fdWrite, _fd_read: fdRead, ___syscall_openat: openat, _environ_sizes_get: () => environSizes, _environ_get: () => environGet}

/** jq-wasm's runtime with its heap limit raised (see above), loaded as require would load it. */
function loadRuntime(file, given) {
  const source = given ?? readFileSync(file, 'utf8')
  if (!source.includes(HEAP_LIMIT)) throw new Error('this jq-wasm sets its heap limit in a way ddcli does not know; ddcli needs jq-wasm 3.0.0-jq-1.8.2')
  const module = {exports: {}}
  const wrapped = '(function (exports, require, module, __filename, __dirname) {' + source.replace(HEAP_LIMIT, 'var getHeapMax = () => ' + HEAP_PAGES * 65536 + ';') + '\\n})'
  vm.runInThisContext(wrapped, {filename: file})(module.exports, require, module, file, dirname(file))
  return module.exports
}

function leb(value) {
  const out = []
  do {
    let byte = value & 127
    value >>>= 7
    if (value !== 0) byte |= 128
    out.push(byte)
  } while (value !== 0)
  return out
}

/** jq.wasm with the maximum of its one memory raised to HEAP_PAGES. */
function raiseMemoryLimit(wasm) {
  let at = 8
  const read = () => {
    let value = 0
    let shift = 0
    let byte
    do {
      byte = wasm[at++]
      value |= (byte & 127) << shift
      shift += 7
    } while (byte & 128)
    return value >>> 0
  }
  const parts = [wasm.subarray(0, 8)]
  let raised = false
  while (at < wasm.length) {
    const sectionStart = at
    const id = wasm[at++]
    const size = read()
    const start = at
    if (id === 5) {
      const count = read()
      const flags = read()
      const minimum = read()
      if (count !== 1 || flags !== 1) throw new Error('jq.wasm has a memory ddcli does not know how to raise')
      read()
      const body = Buffer.from([...leb(1), 1, ...leb(minimum), ...leb(HEAP_PAGES), ...wasm.subarray(at, start + size)])
      parts.push(Buffer.from([5, ...leb(body.length)]), body)
      raised = true
    } else {
      parts.push(wasm.subarray(sectionStart, start + size))
    }
    at = start + size
  }
  if (!raised) throw new Error('jq.wasm has no memory section to raise')
  return Buffer.concat(parts)
}

const ready = Promise.resolve().then(() => {
  // From files (the npm install), or handed over as code and bytes (the single executable, which has no such files).
  const wasm = raiseMemoryLimit(workerData.wasm === undefined ? readFileSync(workerData.wasmFile) : Buffer.from(workerData.wasm))
  return loadRuntime(workerData.jqWasm ?? 'jq-wasm.cjs', workerData.jqWasmSource).loadJq({instantiateWasm(imports, onSuccess) {
    const hooked = new Set()
    for (const module of Object.values(imports)) {
      for (const [name, value] of Object.entries(module)) {
        if (typeof value === 'function' && Object.hasOwn(HOOKS, value.name)) {
          module[name] = HOOKS[value.name](value)
          hooked.add(value.name)
        }
      }
    }
    const missing = Object.keys(HOOKS).filter((name) => !hooked.has(name))
    if (missing.length > 0) throw new Error('this jq-wasm has no ' + missing.join(', ') + ' import to take over')
    WebAssembly.instantiate(wasm, imports).then(({instance, module}) => {
      memory = Object.values(instance.exports).find((value) => value instanceof WebAssembly.Memory)
      onSuccess(instance, module)
    })
  }})
})

parentPort.on('message', async ({input: given, stream, expr, flags}) => {
  try {
    const jq = await ready
    decoders = {1: new TextDecoder(), 2: new TextDecoder()}
    last = 0
    afterMessage = 0
    input = given || new Uint8Array(0)
    inputAt = 0
    inputFd = -1
    streamRun = stream || 0
    streamEnded = !stream
    outOfMemory = false
    const {exitCode} = jq.raw('', expr, ['-c', ...flags])
    input = new Uint8Array(0)
    streamEnded = true
    flush()
    post({end: exitCode})
  } catch (error) {
    input = new Uint8Array(0)
    // What jq printed before it aborted still goes out, in order, before the failure.
    if (decoders) flush()
    segments = []
    used = 0
    post({failure: String((error && error.message) || error), aborted: error instanceof WebAssembly.RuntimeError, outOfMemory})
  }
})
`
