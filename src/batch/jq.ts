import {UsageError} from '../errors.js'

/**
 * The `--jq` hook: a function from a result body (JSON text) to its filtered JSON text. The jq engine comes with
 * the scripting work (src/jq); until it lands, the flag says so instead of doing nothing.
 */
export async function loadBodyFilter(expression: string): Promise<(body: string) => string> {
  void expression
  throw new UsageError('--jq is not available in this build of ddcli; pipe the results to jq instead')
}
