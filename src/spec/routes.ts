import {normalizeId, templateParams, templateShape} from './match.js'
import {ROUTE_SECURITY, ROUTE_SERVERS, ROUTES} from './routes.generated.js'
import {pathSegments} from './suggest.js'
import type {Operation} from './types.js'

/** What a call needs of its operation: method and path, credentials, own host, lifecycle notes. */
export type RouteOperation = Pick<Operation, 'version' | 'operationId' | 'method' | 'path' | 'pathParams' | 'security' | 'server' | 'unstable' | 'deprecated' | 'sunset'>

/** Calls `visit` with the fields of each line of the route table (`version METHOD path id security flags...`). */
function eachRoute(visit: (fields: string[], line: string) => void): void {
  for (let start = 0; start < ROUTES.length;) {
    const end = ROUTES.indexOf('\n', start)
    const line = ROUTES.slice(start, end === -1 ? undefined : end)
    start = end === -1 ? ROUTES.length : end + 1
    visit(line.split(' ', 3), line)
  }
}

/**
 * The operation a concrete request path belongs to, as `findOperationByRequest` finds it in the full index, read
 * from the small route table that scripts/gen-spec.mjs writes from the same specs: a call never parses the index.
 */
export function findRoute(method: string, path: string): RouteOperation | undefined {
  const verb = method.toUpperCase()
  const given = pathSegments(path)
  let best: string | undefined
  let bestShape = ''
  eachRoute(([, lineMethod, template], line) => {
    if (lineMethod !== verb) return
    const shape = templateShape(template!, given)
    if (shape !== undefined && (best === undefined || shape < bestShape)) {
      best = line
      bestShape = shape
    }
  })
  return best === undefined ? undefined : routeOperation(best)
}

/** The operation named `ListMonitors`, `list-monitors` or `v1:ListMonitors`, as `findOperationById` finds it. */
export function findRouteById(name: string): RouteOperation | undefined {
  const prefixed = /^(v[12]):(.*)$/i.exec(name.trim())
  const version = prefixed?.[1]?.toLowerCase()
  const wanted = normalizeId(prefixed?.[2] ?? name)
  let found: string | undefined
  let foundVersion: string | undefined
  eachRoute(([lineVersion], line) => {
    if (version !== undefined && lineVersion !== version) return
    const id = line.split(' ', 4)[3]!
    if (normalizeId(id) !== wanted) return
    if (found === undefined || lineVersion === 'v2') {
      found = line
      foundVersion = lineVersion
    }
  })
  return found === undefined || foundVersion === undefined ? undefined : routeOperation(found)
}

function routeOperation(line: string): RouteOperation {
  const [version, method, path, operationId, security, ...flags] = line.split(' ') as [Operation['version'], string, string, string, string, ...string[]]
  const op: RouteOperation = {version, operationId, method, path, pathParams: templateParams(path), security: ROUTE_SECURITY[Number(security)]!, deprecated: false}
  for (const flag of flags) {
    if (flag === 'u') op.unstable = true
    else if (flag === 'd') op.deprecated = true
    else if (flag.startsWith('x')) op.sunset = flag.slice(1)
    else if (flag.startsWith('s')) op.server = ROUTE_SERVERS[Number(flag.slice(1))]!
  }
  return op
}
