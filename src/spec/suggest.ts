import type {Operation} from './types.js'

/** The segments of a request path, URL or template, without origin, query string, fragment or edge slashes. */
export function pathSegments(path: string): string[] {
  const bare = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/[?#].*$/s, '')
  // Edge slashes trimmed by hand: a regex `\/+$` retries at every slash of a run that does not end the string, which
  // is quadratic (`x` + 100,000 slashes + `x` took 34 s, in the synchronous part of a call that even SIGTERM waits for).
  let start = 0
  let end = bare.length
  while (start < end && bare.charCodeAt(start) === SLASH) start++
  while (end > start && bare.charCodeAt(end - 1) === SLASH) end--
  return start === end ? [] : bare.slice(start, end).split('/')
}

const SLASH = 0x2f

const isParam = (segment: string) => segment.startsWith('{') && segment.endsWith('}')

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
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

/** 0 for equal segments, 0.2 for a template parameter (so words beat wildcards), up to 1 for unrelated words. */
function segmentCost(given: string, template: string): number {
  if (given === template) return 0
  if (isParam(template)) return 0.2
  if (isParam(given)) return 0.5
  // A word this long is unrelated to every template's (the longest has 33 letters), and spelling it out costs
  // its length times theirs.
  if (given.length > LONG_SEGMENT) return 1
  return editDistance(given.toLowerCase(), template.toLowerCase()) / Math.max(given.length, template.length)
}

/**
 * Edit distance over segments: inserting or dropping a segment costs 1, replacing one costs its spelling distance.
 * `costs` caches segment costs per given segment, since templates share most of their segments.
 */
function pathDistance(given: readonly string[], template: readonly string[], costs: Map<string, number>[]): number {
  let previous = Array.from({length: template.length + 1}, (_, j) => j)
  for (let i = 1; i <= given.length; i++) {
    const current = [i]
    const cache = costs[i - 1]!
    for (let j = 1; j <= template.length; j++) {
      const segment = template[j - 1]!
      let cost = cache.get(segment)
      if (cost === undefined) cache.set(segment, (cost = segmentCost(given[i - 1]!, segment)))
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
    }
    previous = current
  }
  return previous[template.length]!
}

const LONG_SEGMENT = 200

/** Deeper than any template (10 segments) by far: no template is close, and each comparison costs the depth. */
const DEEP_PATH = 40

/** The n known path templates closest to a path the index does not know, closest first; none for an absurd path. */
export function suggestPaths(ops: readonly Operation[], path: string, n = 3): string[] {
  const given = pathSegments(path)
  if (given.length > DEEP_PATH) return []
  const costs = given.map(() => new Map<string, number>())
  const scored = new Map<string, number>()
  for (const op of ops) {
    if (!scored.has(op.path)) scored.set(op.path, pathDistance(given, pathSegments(op.path), costs))
  }
  return [...scored].sort((a, b) => a[1] - b[1]).slice(0, n).map(([template]) => template)
}

/**
 * Operations of `method` next to a path that has none of that method: under it (`DELETE /api/v1/monitor/{monitor_id}`
 * for `DELETE /api/v1/monitor`), closest first, else above it. As `OperationId: METHOD /template`, at most `n`.
 */
export function nearbyOperations(ops: readonly Operation[], method: string, path: string, n = 3): string[] {
  const given = pathSegments(path)
  const fits = (template: readonly string[], count: number) => template.slice(0, count).every((segment, i) => (isParam(segment) ? given[i] !== '' : segment === given[i]))
  const scored: Array<[number, Operation]> = []
  for (const op of ops) {
    if (op.method !== method) continue
    const template = pathSegments(op.path)
    if (template.length > given.length && fits(template, given.length)) scored.push([template.length - given.length, op])
    else if (template.length < given.length && template.length > 1 && fits(template, template.length)) scored.push([given.length - template.length + 0.5, op])
  }
  return scored.sort((a, b) => a[0] - b[0]).slice(0, n).map(([, op]) => `${op.operationId}: ${op.method} ${op.path}`)
}
