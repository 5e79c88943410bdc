import type {Operation} from '../spec/index.js'

/**
 * The name that resolves to exactly this operation: its operationId, prefixed with `v1:` when v2 has the same id
 * (an unprefixed id resolves to v2).
 */
export function operationName(op: Operation, v2Ids: ReadonlySet<string>): string {
  return op.version === 'v1' && v2Ids.has(op.operationId) ? `v1:${op.operationId}` : op.operationId
}

/** The operationIds of the v2 spec, for `operationName`. */
export function v2IdSet(ops: readonly Operation[]): Set<string> {
  return new Set(ops.filter((op) => op.version === 'v2').map((op) => op.operationId))
}

/** `preview`, `deprecated`, `preview,deprecated` or empty: the lifecycle marker of list output. */
export function statusMarker(op: Operation): string {
  return [op.unstable ? 'preview' : '', op.deprecated || op.sunset ? 'deprecated' : ''].filter(Boolean).join(',')
}
