/**
 * `batch --jq`: the built-in jq (src/jq) run on each result's body. Loaded only when --jq is given; the filter is
 * compiled before any request, so one that does not compile is a usage error and nothing is sent.
 */

/** A result body (JSON text) filtered: its new JSON text, or why the filter failed on it. */
export type BodyFilter = (body: string) => Promise<{body: string} | {error: string}>

/**
 * The filter's outputs become the body: one output is the body itself; none or several become an array of them
 * (as `[FILTER]` would), so no output is lost and each result stays one line.
 */
export async function loadBodyFilter(expression: string): Promise<BodyFilter> {
  const {compileFilter} = await import('../call/scripting.js')
  const filter = await compileFilter(expression)
  return async (body) => {
    const {outputs, error} = await filter.apply(body)
    if (error !== undefined) return {error: `--jq failed on the body: ${error}`}
    return {body: outputs.length === 1 ? outputs[0]! : `[${outputs.join(',')}]`}
  }
}
