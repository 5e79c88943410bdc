import type {Operation} from './types.js'
import {editDistance} from './suggest.js'

const normalize = (name: string) => name.trim().replace(/^v[12]:/i, '').toLowerCase().replace(/[-_\s]/g, '')


/**
 * Up to n operationIds close to a name the index does not know, closest first: ids containing the name (shortest
 * first), then ids within a few typos. Nothing when nothing is close, so a suggestion is never a random id.
 */
export function suggestIds(ops: readonly Operation[], name: string, n = 3): string[] {
  const wanted = normalize(name)
  if (wanted === '') return []
  const limit = Math.max(2, Math.floor(wanted.length * 0.4))
  const scored = new Map<string, number>()
  for (const op of ops) {
    if (scored.has(op.operationId)) continue
    const id = normalize(op.operationId)
    // The distance is at least the difference in length: past the limit it is not computed (a million-letter id,
    // compared letter by letter with every id, took minutes).
    const score = wanted.length >= 4 && id.includes(wanted) ? (id.length - wanted.length) / 100
      : Math.abs(wanted.length - id.length) > limit ? Infinity : editDistance(wanted, id)
    if (score <= limit) scored.set(op.operationId, score)
  }
  return [...scored].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, n).map(([id]) => id)
}
