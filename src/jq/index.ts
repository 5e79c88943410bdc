/**
 * A built-in jq (jq 1.8 compiled to WebAssembly, from the jq-wasm package), loaded on first use only, in a worker
 * thread (engine.ts): jq-wasm runs a filter synchronously, so on the main thread `repeat(1)` would block the event
 * loop for good, Ctrl-C and SIGTERM included. `compileJq(expr)` checks the filter once; `run(input, sink)` streams
 * each output as compact JSON text, so numbers beyond 2^53 and key order survive exactly as jq wrote them.
 */
import {runJq, type JqEnv, type JqSink} from './engine.js'

export type {JqEnv, JqSink} from './engine.js'

/** A variable given to the filter as jq's `--arg NAME VALUE` (a string) or `--argjson NAME JSON` (`json`) does. */
export interface JqArg {
  name: string
  value: string
  json: boolean
}

/** What a filter is compiled with: its variables, and the environment `$ENV` and `env` show (default: none). */
export interface JqOptions {
  args?: readonly JqArg[]
  env?: JqEnv
  /** jq's heap limit in 64 KiB pages (default 2 GiB); tests set less to reach it quickly. */
  heapPages?: number
}

/** A filter that jq refused to compile; `message` is jq's own first line. */
export class JqSyntaxError extends Error {
  override name = 'JqSyntaxError'
}

/** How a run of a filter ended, once its outputs and stderr have gone to the sink. */
export interface JqEnd {
  /** jq's message when the filter failed on the data (`Cannot index number with "a"`), without jq's prefix; raw. */
  error?: string
  /** The exit status the filter asked for with `halt_error`, when not 0. */
  halted?: number
  /** The input was not JSON: jq's message (`Invalid numeric literal at line 1, column 6`). */
  notJson?: string
  /** jq ran out of memory (its heap stops at 2 GiB) and stopped; outputs before it were given. */
  outOfMemory?: true
}

/**
 * What a filter runs on: JSON text, bytes (transferred to jq's worker when they own their memory), several texts in
 * turn, or bytes as they arrive (a response body: jq parses while the rest comes).
 */
export type JqInput = string | Uint8Array | readonly string[] | AsyncIterable<Uint8Array>

/** A compiled jq filter. */
export interface JqFilter {
  readonly expr: string
  /**
   * Runs the filter on one input (JSON text), or on each of several in turn in one jq run, as `jq` does on a stream
   * of JSON texts (`input`/`inputs` see only these). The first error on the data ends the run. An abort of `signal`
   * or a sink that throws ends it too, and the promise rejects with that reason.
   */
  run(input: JqInput, sink: JqSink, signal?: AbortSignal): Promise<JqEnd>
  /** The same filter, shown another environment. */
  withEnv(env: JqEnv): JqFilter
}

// jq-wasm's jq says `break` when `input` finds no more input; jq itself (1.7 and later) says `No more inputs`. The
// builtin `inputs` keeps its own binding of `input` (it stops at `break`), so only a filter's own `input` changes.
// Directives (import, include, module) must come first, so such a filter is left alone (modules are not available).
const INPUT = 'def __ddcli_input: input; def input: try __ddcli_input catch (if . == "break" then error("No more inputs") else error end); '

/** The program jq runs for `expr`. */
export function program(expr: string): string {
  if (!/\binput\b/.test(expr) || /^\s*(?:#[^\n]*\n\s*)*(?:import|include|module)\b/.test(expr)) return expr
  return INPUT + expr
}

/** jq's error line without its `jq: error (at <input>)` prefix and final line breaks. */
export function errorMessage(written: string): string {
  return written.replace(/^jq: error(?: \(at [^)]*\))?:? ?/, '').replace(/\n+$/, '') || 'the filter failed'
}

/**
 * Compiles a jq filter, throwing JqSyntaxError with jq's message when it does not compile. Nothing is evaluated:
 * the check runs the filter on no input at all.
 */
export async function compileJq(expr: string, options: JqOptions = {}): Promise<JqFilter> {
  const code = program(expr)
  const flags = (options.args ?? []).flatMap((arg) => [arg.json ? '--argjson' : '--arg', arg.name, arg.value])
  let stderr = ''
  const check = await runJq(code, new Uint8Array(0), {outputs: () => undefined, stderr: (text) => { stderr += text }}, {flags, env: options.env, heapPages: options.heapPages})
  if (check.exitCode !== 0) {
    const lines = stderr.split('\n')
    const first = lines.find((line) => line.startsWith('jq: error')) ?? lines[0] ?? 'does not compile'
    throw new JqSyntaxError(first.replace(/^jq: error: ?/, '').replace(/ at <top-level>, line \d+(?:, column \d+)?:$/, '') || 'does not compile')
  }
  return compiled(expr, code, flags, options)
}

function compiled(expr: string, code: string, flags: readonly string[], options: JqOptions): JqFilter {
  return {
    expr,
    run: async (input, sink, signal) => {
      const several = Array.isArray(input) ? input as readonly string[] : undefined
      if (several?.length === 0) return {}
      const bytes = typeof input === 'string' ? Buffer.from(input) : several ? Buffer.from(several.join('\n')) : input as Uint8Array | AsyncIterable<Uint8Array>
      const end = await runJq(code, bytes, sink, {signal, stopAtError: several !== undefined && several.length > 1, flags, env: options.env, heapPages: options.heapPages})
      if (end.outOfMemory) return {outOfMemory: true}
      if (end.notJson) return {notJson: errorMessage(end.error!.replace(/^jq: parse error: /, ''))}
      if (end.error !== undefined) return {error: errorMessage(end.error)}
      return end.exitCode === 0 ? {} : {halted: end.exitCode}
    },
    withEnv: (env) => compiled(expr, code, flags, {...options, env}),
  }
}

/** An output as printed: strings raw (like `jq -r`) unless `json`, anything else as its compact JSON text. */
export function outputText(output: string, json: boolean): string {
  return !json && output.startsWith('"') ? (JSON.parse(output) as string) : output
}
