import {normalizeId, templateParams, templateShape} from './match.js'
import {ROUTE_SECURITY, ROUTE_SERVERS, ROUTES} from './routes.generated.js'
import {pathSegments} from './suggest.js'
import type {Operation} from './types.js'

/** What a call needs of its operation: method and path, credentials, own host, lifecycle notes. */
export type RouteOperation = Pick<Operation, 'version' | 'operationId' | 'method' | 'path' | 'pathParams' | 'security' | 'server' | 'unstable' | 'deprecated' | 'sunset'> & {
  /** The operation's request body is JSON: -f/-F fields build it whatever the method (DELETE /api/v1/dashboard). */
  jsonBody?: boolean
}

let rows: readonly (readonly string[])[] | undefined
let idIndex: Map<string, (readonly string[])[]> | undefined

/** The route table's lines as fields (`version METHOD path id security flags...`), split on first use. */
function routeRows(): readonly (readonly string[])[] {
  rows ??= ROUTES.split('\n').map((line) => line.split(' '))
  return rows
}

/**
 * The operation a concrete request path belongs to, as `findOperationByRequest` finds it in the full index, read
 * from the small route table that scripts/gen-spec.mjs writes from the same specs: a call never parses the index.
 */
export function findRoute(method: string, path: string): RouteOperation | undefined {
  const verb = method.toUpperCase()
  const given = pathSegments(path)
  let best: readonly string[] | undefined
  let bestShape = ''
  for (const row of routeRows()) {
    if (row[1] !== verb) continue
    const shape = templateShape(row[2]!, given)
    if (shape !== undefined && (best === undefined || shape < bestShape)) {
      best = row
      bestShape = shape
    }
  }
  return best === undefined ? undefined : routeOperation(best)
}

/**
 * The operation named `ListMonitors`, `list-monitors` or `v1:ListMonitors`, as `findOperationById` finds it. The id
 * index is built on first use (batch looks up an id per request).
 */
export function findRouteById(name: string): RouteOperation | undefined {
  const prefixed = /^(v[12]):(.*)$/i.exec(name.trim())
  const version = prefixed?.[1]?.toLowerCase()
  if (!idIndex) {
    idIndex = new Map()
    for (const row of routeRows()) {
      const key = normalizeId(row[3]!)
      const list = idIndex.get(key)
      if (list) list.push(row)
      else idIndex.set(key, [row])
    }
  }
  let found: readonly string[] | undefined
  for (const row of idIndex.get(normalizeId(prefixed?.[2] ?? name)) ?? []) {
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
    else if (flag.startsWith('x')) op.sunset = flag.slice(1)
    else if (flag.startsWith('s')) op.server = ROUTE_SERVERS[Number(flag.slice(1))]!
  }
  return op
}
