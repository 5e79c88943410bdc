/**
 * A built-in jq (jq 1.8 compiled to WebAssembly, from the jq-wasm package), loaded on first use only.
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
  apply(input: string | unknown): JqResult
  /**
   * Runs the filter on each input in turn in one jq run, as `jq` does on a stream of JSON texts: an input the filter
   * fails on is reported (the first such error) and the others still run. `input`/`inputs` see only these inputs.
   */
  applyEach(inputs: readonly string[]): JqResult
}

type Jq = import('jq-wasm').Jq
let loading: Promise<Jq> | undefined

function load(): Promise<Jq> {
  loading ??= import('jq-wasm').then((module) => module.loadJq())
  return loading
}

/** jq's stderr split into its error message and the rest (debug and stderr output). */
function splitStderr(stderr: string): {error?: string, rest: string} {
  const lines = stderr.split('\n')
  const at = lines.findIndex((line) => line.startsWith('jq: error'))
  if (at === -1) return {rest: stderr}
  const error = lines[at]!.replace(/^jq: error(?: \(at [^)]*\))?: ?/, '')
  return {error: error || 'the filter failed', rest: lines.filter((line) => !line.startsWith('jq: error')).join('\n')}
}

function run(jq: Jq, expr: string, input: string): JqResult {
  const result = jq.raw(input, expr, ['-c'])
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
  const jq = await load()
  const check = jq.raw('', expr, ['-c'])
  if (check.exitCode !== 0) {
    const first = check.stderr.split('\n').find((line) => line.startsWith('jq: error')) ?? check.stderr.split('\n')[0] ?? 'does not compile'
    throw new JqSyntaxError(first.replace(/^jq: error: ?/, '').replace(/ at <top-level>, line \d+, column \d+:$/, '').replace(/ at <top-level>, line \d+:$/, ''))
  }
  return {
    expr,
    apply: (input) => run(jq, expr, typeof input === 'string' ? input : JSON.stringify(input)),
    applyEach: (inputs) => (inputs.length === 0 ? {outputs: [], stderr: ''} : run(jq, expr, inputs.join('\n'))),
  }
}

/** An output as printed: strings raw (like `jq -r`) unless `json`, anything else as its compact JSON text. */
export function outputText(output: string, json: boolean): string {
  return !json && output.startsWith('"') ? (JSON.parse(output) as string) : output
}
