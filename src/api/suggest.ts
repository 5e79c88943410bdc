import type {Operation} from '../spec/index.js'

const normalize = (name: string) => name.trim().replace(/^v[12]:/i, '').toLowerCase().replace(/[-_\s]/g, '')

function distance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}

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
    const score = wanted.length >= 4 && id.includes(wanted) ? (id.length - wanted.length) / 100 : distance(wanted, id)
    if (score <= limit) scored.set(op.operationId, score)
  }
  return [...scored].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, n).map(([id]) => id)
}
