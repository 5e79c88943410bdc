import {cutShort} from '../closest.js'
import type {Settings} from '../credentials/resolve.js'
import {UsageError} from '../errors.js'
import {looksLikeMethod, parseMethod, resolveTarget} from '../http/request.js'
import {operationHost} from '../spec/hosts.js'
import {isSpecGap} from '../spec/gaps.js'
import {fillPath} from '../spec/match.js'
import {knownOperationsOnPath, methodNotOnPathLine, requestPathname} from './methods.js'
import {serverPath} from './path-form.js'
import {findRoute, findRouteById, type RouteOperation} from '../spec/routes.js'

/** Where a call goes: method, URL, and the spec operation it belongs to when the index knows it. */
export interface Route {
  method: string
  url: URL
  operation?: RouteOperation
  /** The origin credentials are attached for. */
  base: string
  /** Notes on how the path was read (pup's `v2/...` shorthand), printed before sending. */
  notes?: string[]
}

/** Parses `-p name=value` path parameters. */
export function parseParams(args: readonly string[]): Record<string, string> {
  const params: Record<string, string> = Object.create(null)
  for (const arg of args) {
    const eq = arg.indexOf('=')
    if (eq <= 0) throw new UsageError('a -p path parameter is not name=value; write e.g. -p monitor_id=123')
    const name = arg.slice(0, eq)
    const value = arg.slice(eq + 1)
    // An empty segment, `.` or `..` (even percent-encoded) would send the request to another path than the one named.
    if (value === '') throw new UsageError(`-p ${name} is empty; give the value, e.g. -p ${name}=123`)
    if (value === '.' || value === '..') throw new UsageError(`-p ${name} is ".." or ".", which would change the path; give the real value`)
    params[name] = value
  }
  return params
}

/**
 * The method, URL and operation of a call: `GET /api/v1/monitor` or an operation id (`ListMonitors`,
 * `list-monitors`). An operation with a server override goes to its own host on the site, unless an API URL was set.
 * Both are looked up in the small route table, not in the operations index.
 */
export async function resolveRoute(first: string, path: string | undefined, paramArgs: readonly string[], settings: Settings, validate: boolean): Promise<Route> {
  return routeFor(first, path, parseParams(paramArgs), settings, validate)
}

/**
 * `resolveRoute` with the path parameters already parsed (batch requests carry them as an object). With `validate`,
 * a method the spec does not have on a path it knows is a usage error naming what it has.
 */
export async function routeFor(first: string, path: string | undefined, params: Record<string, string>, settings: Settings, validate: boolean): Promise<Route> {
  let method: string
  let target: string
  let operation: RouteOperation | undefined
  const notes: string[] = []
  if (path === undefined) {
    if (looksLikeMethod(first)) throw new UsageError(`PATH is missing; write ddcli call ${first.toUpperCase()} /api/v1/...`)
    const found = findRouteById(first)
    if (!found) {
      const [{unknownOperationLine}, {loadOperations}] = await Promise.all([import('./mistakes.js'), import('../spec/index.js')])
      throw new UsageError(await unknownOperationLine(await loadOperations(), first))
    }
    operation = found
    method = found.method
    target = fillOrThrow(() => fillPath(found, params))
    checkParams(params, found.pathParams.map((p) => p.name), found.operationId)
  } else {
    if (!looksLikeMethod(first)) {
      const [{operationWithPathLine, unknownMethodLine}, {loadOperations}] = await Promise.all([import('./mistakes.js'), import('../spec/index.js')])
      const named = findRouteById(first)
      throw new UsageError(named ? operationWithPathLine(named, path) : await unknownMethodLine(await loadOperations(), first))
    }
    method = parseMethod(first)
    target = fillTemplate(serverPath(path), params)
    const pathname = requestPathname(target)
    operation = pathname === undefined ? undefined : findRoute(method, pathname)
    if (!operation && /^v[12]\//.test(target)) {
      const shorthand = pupShorthand(method, target)
      if (shorthand.operation) ({target, operation} = shorthand)
      else notes.push(shorthandNote(method, target))
    }
    if (!operation && validate && pathname !== undefined) await checkMethodOnPath(method, pathname)
  }
  const override = settings.apiUrl.origin === 'default' && operation ? hostOrThrow(() => operationHost(operation!, settings.site.value)) : undefined
  const base = override ?? settings.apiUrl.value
  return {method, url: resolveTarget(target, base), operation, base: new URL(base).origin, ...(notes.length > 0 ? {notes} : {})}
}

/**
 * pup's path shorthand: `v2/monitors` stands for `/api/v2/monitors`. Read so only when the index knows the `/api/`
 * path for this method; anything else is sent as typed (a path of the API URL's own prefix, as before).
 */
function pupShorthand(method: string, target: string): {target: string, operation?: RouteOperation} {
  const full = `/api/${target}`
  return {target: full, operation: findRoute(method, full.split(/[?#]/)[0]!)}
}

function shorthandNote(method: string, target: string): string {
  const path = cutShort(target.split(/[?#]/)[0]!, 83)
  return `note: ${method} /api/${path} is not in the spec index, so ${path} is sent as typed (/${path}); pup's v1/... and v2/... stand for /api/v1/... and /api/v2/... only where the index knows the path`
}

function fillOrThrow(fill: () => string): string
function fillOrThrow(fill: () => string | undefined): string | undefined
function fillOrThrow(fill: () => string | undefined): string | undefined {
  try {
    return fill()
  } catch (error: unknown) {
    throw new UsageError(`${(error as Error).message}; pass each with -p name=value`)
  }
}

function hostOrThrow(host: () => string | undefined): string | undefined {
  try {
    return host()
  } catch (error: unknown) {
    throw new UsageError(`${(error as Error).message}; choose another --site, or the host with --api-url`)
  }
}

/**
 * `{name}` placeholders in a literal PATH's path part are filled from `-p` too; leftovers there are a usage error.
 * The query string and fragment are kept as typed: braces there are data (`query=avg:system.cpu.user{*}by{host}`).
 */
function fillTemplate(target: string, params: Record<string, string>): string {
  const cut = target.search(/[?#]/)
  const path = cut === -1 ? target : target.slice(0, cut)
  const rest = cut === -1 ? '' : target.slice(cut)
  const used = new Set<string>()
  const filled = path.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole
    used.add(name)
    const value = params[name]!
    // URL parsers resolve `.` and `..` (even percent-encoded) as segments: the request would go to another path.
    if (value === '') throw new UsageError(`path parameter ${name} is empty; pass each with -p name=value`)
    if (value === '.' || value === '..') throw new UsageError(`path parameter ${name} cannot be "${value}"; pass each with -p name=value`)
    return encodeURIComponent(value)
  })
  const missing = [...filled.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1])
  if (missing.length > 0) throw new UsageError(`PATH has unfilled placeholders ${missing.join(', ')}; pass each with -p name=value`)
  checkParams(params, [...used], 'PATH')
  return filled + rest
}

function checkParams(params: Record<string, string>, known: readonly string[], what: string): void {
  const unknown = Object.keys(params).filter((name) => !known.includes(name))
  if (unknown.length > 0) {
    const fix = known.length ? `it takes ${known.join(', ')}` : what === 'PATH' ? `write {${unknown[0]}} in PATH where it goes, or drop -p ${unknown[0]}` : `drop -p ${unknown[0]}`
    throw new UsageError(`${what} has no path parameter ${unknown.join(', ')}; ${fix}`)
  }
}

/**
 * Refuses a method the spec does not have on a path it surely knows (`DELETE /api/v1/monitor`; see
 * knownOperationsOnPath), before anything is sent. HEAD goes wherever GET does; OPTIONS (CORS) is never in the spec,
 * and the operations the specs lack (SPEC_GAPS) are real, so neither is refused.
 */
async function checkMethodOnPath(method: string, pathname: string): Promise<void> {
  if (method === 'OPTIONS' || isSpecGap(method, pathname)) return
  const onPath = knownOperationsOnPath(pathname)
  if (onPath.length === 0 || (method === 'HEAD' && onPath.some((op) => op.method === 'GET'))) return
  const {loadOperations, nearbyOperations} = await import('../spec/index.js')
  throw new UsageError(methodNotOnPathLine(method, pathname, onPath, nearbyOperations(await loadOperations(), method, pathname)))
}
