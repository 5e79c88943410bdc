import {asset} from './assets.js'

/** What the jq worker (src/jq/worker.ts) loads in the single executable: jq-wasm's code and jq.wasm, from assets. */
export function seaJqWorkerData(): {jqWasmSource: string, wasm: Buffer} {
  return {jqWasmSource: asset('jq-wasm.cjs').toString('utf8'), wasm: asset('jq.wasm')}
}
