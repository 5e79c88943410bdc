/**
 * `batch --jq`: the built-in jq (src/jq) run on each result's body. Loaded only when --jq is given; the filter is
 * compiled before any request, so one that does not compile is a usage error and nothing is sent.
 */

/** A result body (JSON text) filtered: its new JSON text, or why the filter failed on it. */
export type BodyFilter = (body: string, signal?: AbortSignal) => Promise<{body: string} | {error: string}>

/** Thrown by the sink of a run whose outputs outgrow what a result may hold; the run stops there. */
class OutputLimit extends Error {}

/**
 * The filter's outputs become the body: one output is the body itself; none or several become an array of them
 * (as `[FILTER]` would), so no output is lost and each result stays one line. Outputs beyond `limit` characters
 * (an endless filter) fail the result. jq's own stderr (`debug`, `stderr`, `halt_error`'s message) goes to `say`,
 * made printable, as with `call --jq`.
 */
export async function loadBodyFilter(expression: string, limit: number, say: (text: string) => void): Promise<BodyFilter> {
  const {compileFilter} = await import('../call/scripting.js')
  const {JqStderr, haltedLine} = await import('../jq/print.js')
  const {printable} = await import('../output/render.js')
  const filter = await compileFilter(expression)
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
    if (end.error !== undefined) return {error: `--jq failed on the body: ${printable(end.error)}`}
    if (end.halted !== undefined) return {error: haltedLine(end.halted)}
    return {body: outputs.length === 1 ? outputs[0]! : `[${outputs.join(',')}]`}
  }
}
