/**
 * A built-in jq (jq 1.8 compiled to WebAssembly, from the jq-wasm package), loaded on first use only, in a worker
 * thread: jq-wasm runs a filter synchronously and gathers its whole output before returning, so on the main thread
 * `repeat(1)` or `[range(1e9)]` would block the event loop for good, Ctrl-C and SIGTERM included (their handlers never
 * ran). In the worker, the main thread stays free: a signal ends the run as it does any other.
 * `compileJq(expr)` checks the filter once; `apply(input)` runs it and returns each output as compact JSON text, so
 * numbers beyond 2^53 and key order survive exactly as jq wrote them.
 */

/** A filter that jq refused to compile; `message` is jq's own first line. */
export class JqSyntaxError extends Error {
  override name = 'JqSyntaxError'
}

/** What one run of a filter produced: its outputs, then the runtime error that stopped it, if any. */
export interface JqResult {
  /** Each output as compact JSON text (one line each). */
  outputs: string[]
  /** jq's message when the filter failed on the data (`Cannot index number with "a"`), without the `jq: error` prefix. */
  error?: string
  /** Anything else jq wrote on stderr (`debug`, `stderr`), to pass on. */
  stderr: string
}

/** A compiled jq filter. */
export interface JqFilter {
  readonly expr: string
  /** Runs the filter on one input (JSON text, or a value to serialise). */
  apply(input: string | unknown): Promise<JqResult>
  /**
   * Runs the filter on each input in turn in one jq run, as `jq` does on a stream of JSON texts: an input the filter
   * fails on is reported (the first such error) and the others still run. `input`/`inputs` see only these inputs.
   */
  applyEach(inputs: readonly string[]): Promise<JqResult>
}

type Raw = {stdout: string, stderr: string, exitCode: number}

/** The worker's code (CommonJS, run with eval so that it needs no file of its own next to src/ or dist/). */
const WORKER = `
const {parentPort, workerData} = require('node:worker_threads')
const ready = require(workerData.jqWasm).loadJq()
parentPort.on('message', async ({id, input, expr}) => {
  try {
    const jq = await ready
    parentPort.postMessage({id, raw: jq.raw(input, expr, ['-c'])})
  } catch (error) {
    parentPort.postMessage({id, failure: String(error && error.message || error)})
  }
})
`

type Pending = {resolve: (raw: Raw) => void, reject: (error: Error) => void}
let worker: import('node:worker_threads').Worker | undefined
const pending = new Map<number, Pending>()
let nextId = 0

async function start(): Promise<import('node:worker_threads').Worker> {
  if (worker) return worker
  const {Worker} = await import('node:worker_threads')
  const {createRequire} = await import('node:module')
  const started = new Worker(WORKER, {eval: true, workerData: {jqWasm: createRequire(import.meta.url).resolve('jq-wasm')}})
  started.unref()
  const failAll = (error: Error) => {
    for (const {reject} of pending.values()) reject(error)
    pending.clear()
    worker = undefined
  }
  started.on('message', (message: {id: number, raw?: Raw, failure?: string}) => {
    const waiting = pending.get(message.id)
    if (!waiting) return
    pending.delete(message.id)
    if (pending.size === 0) started.unref()
    if (message.raw) waiting.resolve(message.raw)
    else waiting.reject(new Error(`jq failed: ${message.failure ?? 'no result'}`))
  })
  started.on('error', (error) => failAll(new Error(`jq failed: ${error.message}`)))
  started.on('exit', () => failAll(new Error('jq stopped before its result (out of memory?)')))
  worker ??= started
  return worker
}

/** One run of jq in the worker; the worker keeps the process alive only while a run is pending. */
async function raw(input: string, expr: string): Promise<Raw> {
  const running = await start()
  const id = nextId++
  return new Promise<Raw>((resolve, reject) => {
    pending.set(id, {resolve, reject})
    running.ref()
    running.postMessage({id, input, expr})
  })
}

/** jq's stderr split into its error message and the rest (debug and stderr output). */
function splitStderr(stderr: string): {error?: string, rest: string} {
  const lines = stderr.split('\n')
  const at = lines.findIndex((line) => line.startsWith('jq: error'))
  if (at === -1) return {rest: stderr}
  const error = lines[at]!.replace(/^jq: error(?: \(at [^)]*\))?: ?/, '')
  return {error: error || 'the filter failed', rest: lines.filter((line) => !line.startsWith('jq: error')).join('\n')}
}

async function run(expr: string, input: string): Promise<JqResult> {
  const result = await raw(input, expr)
  const outputs = result.stdout === '' ? [] : result.stdout.split('\n')
  if (result.exitCode === 0) return {outputs, stderr: result.stderr}
  const {error, rest} = splitStderr(result.stderr)
  return {outputs, error: error ?? (result.stderr.trim() || `jq exited with ${result.exitCode}`), stderr: rest}
}

/**
 * Compiles a jq filter, throwing JqSyntaxError with jq's message when it does not compile. Nothing is evaluated:
 * the check runs the filter on no input at all.
 */
export async function compileJq(expr: string): Promise<JqFilter> {
  const check = await raw('', expr)
  if (check.exitCode !== 0) {
    const first = check.stderr.split('\n').find((line) => line.startsWith('jq: error')) ?? check.stderr.split('\n')[0] ?? 'does not compile'
    throw new JqSyntaxError(first.replace(/^jq: error: ?/, '').replace(/ at <top-level>, line \d+, column \d+:$/, '').replace(/ at <top-level>, line \d+:$/, ''))
  }
  return {
    expr,
    apply: (input) => run(expr, typeof input === 'string' ? input : JSON.stringify(input)),
    applyEach: async (inputs) => (inputs.length === 0 ? {outputs: [], stderr: ''} : run(expr, inputs.join('\n'))),
  }
}

/** An output as printed: strings raw (like `jq -r`) unless `json`, anything else as its compact JSON text. */
export function outputText(output: string, json: boolean): string {
  return !json && output.startsWith('"') ? (JSON.parse(output) as string) : output
}
