/**
 * `batch --jq`: the built-in jq (src/jq) run on each result's body. Loaded only when --jq is given; the filter is
 * compiled before any request, so one that does not compile is a usage error and nothing is sent.
 */

import type {Env} from '../io.js'
import type {JqFilter} from '../jq/index.js'

/** A result body (JSON text) filtered: its new JSON text, or why the filter failed on it. */
export type BodyFilter = (body: string, signal?: AbortSignal) => Promise<{body: string} | {error: string}>

/** Thrown by the sink of a run whose outputs outgrow what a result may hold; the run stops there. */
class OutputLimit extends Error {}

/** What `batch --jq` takes: the filter, the words of --arg and --argjson, and the process environment. */
export interface BodyFilterOptions {
  expression: string
  args: readonly string[]
  argsJson: readonly string[]
  env: Env
}

/**
 * Compiles the filter (as `call --jq` does) and returns how to make the body filter once the secrets are known
 * (the filter's environment leaves out every variable holding one). The filter's outputs become the body: one output
 * is the body itself; none or several become an array of them (as `[FILTER]` would), so no output is lost and each
 * result stays one line. Outputs beyond `limit` characters (an endless filter) fail the result. jq's own stderr
 * (`debug`, `stderr`, `halt_error`'s message) goes to `say`, made printable, as with `call --jq`.
 */
export async function loadBodyFilter(options: BodyFilterOptions, limit: number, say: (text: string) => void): Promise<(secrets: readonly string[]) => BodyFilter> {
  const {loadFilter} = await import('../call/scripting.js')
  const {JqStderr, haltedLine, OUT_OF_MEMORY_LINE} = await import('../jq/print.js')
  const {printable} = await import('../output/render.js')
  const loaded = await loadFilter(options.expression, options.args, options.argsJson, options.env)
  return (secrets) => bodyFilter(loaded.seeing(secrets), limit, say, {JqStderr, haltedLine, printable, outOfMemoryLine: OUT_OF_MEMORY_LINE})
}

type Helpers = Pick<typeof import('../jq/print.js'), 'JqStderr' | 'haltedLine'> & Pick<typeof import('../output/render.js'), 'printable'> & {outOfMemoryLine: string}

function bodyFilter(filter: JqFilter, limit: number, say: (text: string) => void, {JqStderr, haltedLine, printable, outOfMemoryLine}: Helpers): BodyFilter {
  return async (body, signal) => {
    const outputs: string[] = []
    let size = 0
    const stderr = new JqStderr(say)
    const sink = {
      outputs: (texts: string[]) => {
        for (const text of texts) size += text.length + 1
        if (size > limit) throw new OutputLimit()
        outputs.push(...texts)
      },
      stderr: (text: string) => stderr.text(text),
    }
    let end
    try {
      end = await filter.run(body, sink, signal)
    } catch (error: unknown) {
      if (error instanceof OutputLimit) return {error: `--jq printed more than ${limit / 1024 / 1024} MiB; bound the filter's outputs, e.g. with limit(n; ...)`}
      throw error
    } finally {
      await stderr.end()
    }
    if (end.outOfMemory) return {error: `--jq failed on the body: ${outOfMemoryLine}`}
    if (end.notJson !== undefined) return {error: `--jq failed on the body: it is not JSON (${printable(end.notJson)})`}
    if (end.error !== undefined) return {error: `--jq failed on the body: ${printable(end.error)}`}
    if (end.halted !== undefined) return {error: haltedLine(end.halted)}
    return {body: outputs.length === 1 ? outputs[0]! : `[${outputs.join(',')}]`}
  }
}
