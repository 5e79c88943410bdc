import type {Settings} from '../credentials/resolve.js'
import {UsageError} from '../errors.js'
import {looksLikeMethod, parseMethod, resolveTarget} from '../http/request.js'
import type {Operation} from '../spec/index.js'

/** Where a call goes: method, URL, and the spec operation it belongs to when the index knows it. */
export interface Route {
  method: string
  url: URL
  operation?: Operation
  /** The origin credentials are attached for. */
  base: string
}

/** Parses `-p name=value` path parameters. */
export function parseParams(args: readonly string[]): Record<string, string> {
  const params: Record<string, string> = Object.create(null)
  for (const arg of args) {
    const eq = arg.indexOf('=')
    if (eq <= 0) throw new UsageError('a -p path parameter is not name=value; write e.g. -p monitor_id=123')
    params[arg.slice(0, eq)] = arg.slice(eq + 1)
  }
  return params
}

/**
 * The method, URL and operation of a call: `GET /api/v1/monitor` or an operation id (`ListMonitors`,
 * `list-monitors`). An operation with a server override goes to its own host on the site, unless an API URL was set.
 */
export async function resolveRoute(first: string, path: string | undefined, paramArgs: readonly string[], settings: Settings): Promise<Route> {
  return routeFor(first, path, parseParams(paramArgs), settings)
}

/** `resolveRoute` with the path parameters already parsed (batch requests carry them as an object). */
export async function routeFor(first: string, path: string | undefined, params: Record<string, string>, settings: Settings): Promise<Route> {
  const spec = await import('../spec/index.js')
  const ops = await spec.loadOperations()
  let method: string
  let target: string
  let operation: Operation | undefined
  if (path === undefined) {
    if (looksLikeMethod(first)) throw new UsageError(`PATH is missing; write ddcli call ${first.toUpperCase()} /api/v1/...`)
    operation = spec.findOperationById(ops, first)
    if (!operation) {
      const {unknownOperationLine} = await import('./mistakes.js')
      throw new UsageError(await unknownOperationLine(ops, first))
    }
    method = operation.method
    target = fillOrThrow(() => spec.fillPath(operation!, params))
    checkParams(params, operation.pathParams.map((p) => p.name), operation.operationId)
  } else {
    if (!looksLikeMethod(first)) {
      const {operationWithPathLine, unknownMethodLine} = await import('./mistakes.js')
      const named = spec.findOperationById(ops, first)
      throw new UsageError(named ? operationWithPathLine(named, path) : await unknownMethodLine(ops, first))
    }
    method = parseMethod(first)
    target = fillTemplate(path, params)
    const pathname = /^[a-z][a-z0-9+.-]*:/i.test(target) ? safePathname(target) : target.split(/[?#]/)[0]!
    operation = pathname === undefined ? undefined : spec.findOperationByRequest(ops, method, pathname)
  }
  const override = settings.apiUrl.origin === 'default' && operation ? fillOrThrow(() => spec.operationHost(operation!, settings.site.value)) : undefined
  const base = override ?? settings.apiUrl.value
  return {method, url: resolveTarget(target, base), operation, base: new URL(base).origin}
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

/** `{name}` placeholders in a literal PATH are filled from `-p` too; leftovers are a usage error. */
function fillTemplate(path: string, params: Record<string, string>): string {
  const used = new Set<string>()
  const filled = path.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole
    used.add(name)
    return encodeURIComponent(params[name]!)
  })
  const missing = [...filled.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1])
  if (missing.length > 0) throw new UsageError(`PATH has unfilled placeholders ${missing.join(', ')}; pass each with -p name=value`)
  checkParams(params, [...used], 'PATH')
  return filled
}

function checkParams(params: Record<string, string>, known: readonly string[], what: string): void {
  const unknown = Object.keys(params).filter((name) => !known.includes(name))
  if (unknown.length > 0) {
    throw new UsageError(`${what} has no path parameter ${unknown.join(', ')}${known.length ? `; it takes ${known.join(', ')}` : ''}`)
  }
}

function safePathname(url: string): string | undefined {
  try {
    return new URL(url).pathname
  } catch {
    return undefined
  }
}
