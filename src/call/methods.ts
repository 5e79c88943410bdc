import {cutShort} from '../closest.js'
import {UsageError} from '../errors.js'
import {findRoute, type RouteOperation} from '../spec/routes.js'
import {serverPath} from './path-form.js'

/** The methods the spec writes operations for; HEAD goes wherever GET does, and OPTIONS is never in the spec. */
const SPEC_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/** The path part of PATH as typed: a URL's pathname, else everything before the query string or fragment. */
export function requestPathname(target: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) return target.split(/[?#]/)[0]!
  try {
    return new URL(target).pathname
  } catch {
    return undefined
  }
}

/** The operations the index has on a concrete path, one per method that has one, in SPEC_METHODS order. */
export function operationsOnPath(pathname: string): RouteOperation[] {
  return SPEC_METHODS.map((method) => findRoute(method, pathname)).filter((op): op is RouteOperation => op !== undefined)
}

/**
 * `operationsOnPath` when the index surely knows the path, else none. A last segment that only fills a template's
 * parameter may be a literal the spec lacks (`POST .../degradations/backfill` is real, and reads as
 * `.../degradations/{degradation_id}`), so the path counts as known when an operation's template ends in a literal
 * there, or when PATH itself ends in a `{placeholder}`.
 */
export function knownOperationsOnPath(pathname: string): RouteOperation[] {
  const ops = operationsOnPath(pathname)
  if (/\{[A-Za-z0-9_]+\}\/*$/.test(pathname)) return ops
  return ops.some((op) => !op.path.endsWith('}')) ? ops : []
}

/** A path as messages show it: at most 120 characters, so a pasted megabyte never floods the terminal. */
const shownPath = (path: string) => cutShort(path, 120)

/** `ListMonitors (GET)` */
const named = (op: RouteOperation) => `${op.operationId} (${op.method})`

/**
 * The method of `call PATH` with fields and no method. gh's rule (POST) guesses wrong on a path that has only a GET
 * (`/api/v2/audit/events -f 'filter[query]=x'`) and may create something on a path with both, so the index settles
 * it: only GET (or GET and DELETE), GET with the fields in the query; no GET, POST as gh does; GET and a method that
 * takes a body (POST, PUT or PATCH: `/api/v1/monitor/{monitor_id}` has GetMonitor and UpdateMonitor), a usage error
 * naming each, since fields meant as an update must not silently become a read's query string; a path the index does
 * not know (knownOperationsOnPath), POST as gh does.
 */
export function implicitMethod(target: string): 'GET' | 'POST' {
  const pathname = requestPathname(serverPath(target))
  const ops = pathname === undefined ? [] : knownOperationsOnPath(pathname)
  const get = ops.find((op) => op.method === 'GET')
  const writes = ops.filter((op) => op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH')
  if (get && writes.length > 0) {
    const has = writes.length === 1 ? `both ${named(get)} and ${named(writes[0]!)}` : `${named(get)}, ${writes.slice(0, -1).map(named).join(', ')} and ${named(writes.at(-1)!)}`
    const bodies = writes.map((op) => `-X ${op.method} for ${op.operationId}`)
    const which = bodies.length === 1 ? bodies[0]! : `${bodies.slice(0, -1).join(', ')} or ${bodies.at(-1)!}`
    throw new UsageError(`${shownPath(pathname!)} has ${has}; with fields, say which: -X GET for ${get.operationId} (fields in the query string) or ${which} (fields in the JSON body)`)
  }
  return get ? 'GET' : 'POST'
}

/** What `call DELETE /api/v1/monitor` is told: the path's own methods and the operations of that method nearby. */
export function methodNotOnPathLine(method: string, pathname: string, onPath: readonly RouteOperation[], nearby: readonly string[]): string {
  const has = onPath.map(named).join(', ')
  const near = nearby.length > 0 ? `; ${method} is at ${nearby.join(', ')}` : ''
  return `the spec has no ${method} ${shownPath(pathname)}: that path has ${has}${near}; fix the method or path, or send it anyway with --no-validate`
}

/**
 * The hint after a 404 or 405 for a request the index has no operation for: the methods the spec has on that path
 * (sent anyway with --no-validate) and the operations of this method nearby, else the closest known paths. Never
 * the path just sent: a template that matches it is left out.
 */
export async function notFoundHint(method: string, pathname: string): Promise<string | undefined> {
  const [{loadOperations, nearbyOperations, suggestPaths}, {templateShape}, {pathSegments}] = await Promise.all([import('../spec/index.js'), import('../spec/match.js'), import('../spec/suggest.js')])
  const ops = await loadOperations()
  const onPath = operationsOnPath(pathname)
  if (onPath.length > 0) {
    const near = nearbyOperations(ops, method, pathname)
    return `the spec has ${onPath.map(named).join(', ')} on this path${near.length > 0 ? `, and ${method} at ${near.join(', ')}` : ''}`
  }
  const given = pathSegments(pathname)
  const close = suggestPaths(ops, pathname, 6).filter((template) => templateShape(template, given) === undefined).slice(0, 3)
  return close.length > 0 ? `did you mean: ${close.join(', ')}` : undefined
}
