import {normalizeId, templateShape} from './match.js'
import {pathSegments} from './suggest.js'
import type {Operation} from './types.js'

export type {ApiVersion, Operation, Pagination, Param, SecurityScheme, ServerOverride, ServerVariable} from './types.js'
export {SECURITY_SCHEMES, SPEC_DEFAULT_SITE, SPEC_SITES} from './schemes.generated.js'
export {operationHost} from './hosts.js'
export {nearbyOperations, suggestPaths} from './suggest.js'
export {fillPath} from './match.js'

let loading: Promise<readonly Operation[]> | undefined

/** The operations of both specs, v1 first; the index module is imported and decoded on first use only. */
export function loadOperations(): Promise<readonly Operation[]> {
  loading ??= Promise.all([import('./operations.generated.js'), import('./decode.js')]).then(
    ([generated, decode]) => decode.decodeOperations(generated.OPERATIONS_JSON),
  )
  return loading
}

/**
 * The operation a concrete request path belongs to (query string ignored, trailing slash tolerated). A `{param}`
 * matches one non-empty segment; when several templates match, the one with a literal segment at the first place
 * they differ wins (`/api/v1/monitor/search` over `/api/v1/monitor/{monitor_id}`).
 */
export function findOperationByRequest(ops: readonly Operation[], method: string, path: string): Operation | undefined {
  const verb = method.toUpperCase()
  const given = pathSegments(path)
  let best: Operation | undefined
  let bestShape = ''
  for (const op of ops) {
    if (op.method !== verb) continue
    const shape = templateShape(op.path, given)
    if (shape !== undefined && (best === undefined || shape < bestShape)) {
      best = op
      bestShape = shape
    }
  }
  return best
}

/**
 * The operation named `ListMonitors`, `listmonitors` or `list-monitors`. An id present in both specs resolves to v2
 * unless the name is prefixed with `v1:` or `v2:`.
 */
export function findOperationById(ops: readonly Operation[], name: string): Operation | undefined {
  const prefixed = /^(v[12]):(.*)$/i.exec(name.trim())
  const version = prefixed?.[1]?.toLowerCase()
  const wanted = normalizeId(prefixed?.[2] ?? name)
  let found: Operation | undefined
  for (const op of idIndex(ops).get(wanted) ?? []) {
    if (version !== undefined && op.version !== version) continue
    if (found === undefined || op.version === 'v2') found = op
  }
  return found
}

const idIndexes = new WeakMap<readonly Operation[], Map<string, Operation[]>>()

/** Operations by normalised id, built once per list: batch looks up an id per request. */
function idIndex(ops: readonly Operation[]): Map<string, Operation[]> {
  let index = idIndexes.get(ops)
  if (!index) {
    index = new Map()
    for (const op of ops) {
      const key = normalizeId(op.operationId)
      const list = index.get(key)
      if (list) list.push(op)
      else index.set(key, [op])
    }
    idIndexes.set(ops, index)
  }
  return index
}

/** Operations whose id (also in kebab-case), path or summary contains the term, case-insensitively; in index order. */
export function searchOperations(ops: readonly Operation[], term: string): Operation[] {
  const lower = term.trim().toLowerCase()
  const compact = normalizeId(term)
  return ops.filter(
    (op) =>
      op.operationId.toLowerCase().includes(lower) ||
      (compact !== '' && normalizeId(op.operationId).includes(compact)) ||
      op.path.toLowerCase().includes(lower) ||
      op.summary.toLowerCase().includes(lower),
  )
}

/** Whether the present scheme names fully satisfy one of the operation's security alternatives (none needed: true). */
export function satisfies(op: Operation, present: ReadonlySet<string>): boolean {
  return op.security.length === 0 || op.security.some((alternative) => alternative.every((name) => present.has(name)))
}
