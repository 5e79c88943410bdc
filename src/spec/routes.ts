import {normalizeId, segmentsShape, templateParams} from './match.js'
import {ROUTE_SECURITY, ROUTE_SERVERS, ROUTES} from './routes.generated.js'
import {pathSegments} from './suggest.js'
import type {Operation} from './types.js'

/** What a call needs of its operation: method and path, credentials, own host, lifecycle notes. */
export type RouteOperation = Pick<Operation, 'version' | 'operationId' | 'method' | 'path' | 'pathParams' | 'security' | 'server' | 'unstable' | 'deprecated' | 'sunset'> & {
  /** The operation's request body is JSON: -f/-F fields build it whatever the method (DELETE /api/v1/dashboard). */
  jsonBody?: boolean
  /** A POST that only reads (a search, query or aggregate; scripts/gen-spec.mjs isReadPost): allowed by --read-only. */
  readPost?: boolean
}

/** Rows by `METHOD segment-count`, with their template's segments: a path is compared only with its peers. */
const peersByShape = new Map<string, {row: readonly string[], segments: readonly string[]}[]>()
/** Rows by normalized operationId, for the ids found (a miss costs one regex scan, and then a usage error). */
const rowsById = new Map<string, (readonly string[])[]>()

/**
 * Bounds above anything in the table (its longest id has 49 characters, its deepest template 10 segments; the route
 * table test checks): a longer id or a deeper path matches nothing, and is not turned into a regex that large.
 */
export const MAX_ID_LENGTH = 200
export const MAX_SEGMENTS = 40

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/**
 * The table's lines that match `pattern` (the fields after the version), split into fields. A call looks up one
 * route: V8's regex engine finds its few candidate lines in the 90 KB table at a fraction of the cost of splitting
 * all 1,200 lines in the interpreter. Looked-up keys are kept (batch looks up a route per request).
 */
function rowsMatching(pattern: string, flags = ''): (readonly string[])[] {
  return Array.from(ROUTES.matchAll(new RegExp(`^v[12] ${pattern} .*$`, `gm${flags}`)), (match) => match[0].split(' '))
}

/**
 * The operation a concrete request path belongs to, as `findOperationByRequest` finds it in the full index, read
 * from the small route table that scripts/gen-spec.mjs writes from the same specs: a call never parses the index.
 */
export function findRoute(method: string, path: string): RouteOperation | undefined {
  const verb = method.toUpperCase()
  const given = pathSegments(path)
  const key = `${verb} ${given.length}`
  if (given.length > MAX_SEGMENTS) return undefined
  let peers = peersByShape.get(key)
  if (!peers) {
    // The table's templates are clean (`/api/v1/x/{id}`, or `/`; test/spec/routes.test.ts checks): a template of n
    // segments is n times a slash and a non-empty run without one, and a plain split gives what pathSegments would.
    const template = given.length === 0 ? '/' : `(?:/[^/ \\n]+){${given.length}}`
    peers = rowsMatching(`${escapeRegExp(verb)} ${template}`).map((row) => ({row, segments: row[2] === '/' ? [] : row[2]!.slice(1).split('/')}))
    peersByShape.set(key, peers)
  }
  let best: readonly string[] | undefined
  let bestShape = ''
  for (const {row, segments} of peers) {
    const shape = segmentsShape(segments, given)
    if (shape !== undefined && (best === undefined || shape < bestShape)) {
      best = row
      bestShape = shape
    }
  }
  return best === undefined ? undefined : routeOperation(best)
}

/**
 * The operation named `ListMonitors`, `list-monitors` or `v1:ListMonitors`, as `findOperationById` finds it. The id
 * is compared loosely (normalizeId): its letters in order, case-insensitively, with any `-`, `_` or space between.
 */
export function findRouteById(name: string): RouteOperation | undefined {
  const prefixed = /^(v[12]):(.*)$/i.exec(name.trim())
  const version = prefixed?.[1]?.toLowerCase()
  const id = normalizeId(prefixed?.[2] ?? name)
  // Checked before anything is built from the id: spreading a 20-million-letter id into a pattern took 7 s.
  if (id === '' || id.length > MAX_ID_LENGTH) return undefined
  let rows = rowsById.get(id)
  if (!rows) {
    // The table's ids hold no space (fields are space-separated); -_ may stand between any two letters.
    const loose = [...id].map(escapeRegExp).join('[-_]*')
    rows = rowsMatching(`\\S+ \\S+ [-_]*${loose}[-_]*`, 'i').filter((row) => normalizeId(row[3]!) === id)
    // Only ids the table holds are kept, so the cache stays within the table's size whatever a batch asks for.
    if (rows.length > 0) rowsById.set(id, rows)
  }
  let found: readonly string[] | undefined
  for (const row of rows) {
    if (version !== undefined && row[0] !== version) continue
    if (found === undefined || row[0] === 'v2') found = row
  }
  return found === undefined ? undefined : routeOperation(found)
}

function routeOperation(row: readonly string[]): RouteOperation {
  const [version, method, path, operationId, security, ...flags] = row as [Operation['version'], string, string, string, string, ...string[]]
  const op: RouteOperation = {version, operationId, method, path, pathParams: templateParams(path), security: ROUTE_SECURITY[Number(security)]!, deprecated: false}
  for (const flag of flags) {
    if (flag === 'u') op.unstable = true
    else if (flag === 'd') op.deprecated = true
    else if (flag === 'j') op.jsonBody = true
    else if (flag === 'r') op.readPost = true
    else if (flag.startsWith('x')) op.sunset = flag.slice(1)
    else if (flag.startsWith('s')) op.server = ROUTE_SERVERS[Number(flag.slice(1))]!
  }
  return op
}
