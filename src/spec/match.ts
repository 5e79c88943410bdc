import {pathSegments} from './suggest.js'
import type {Operation, Param} from './types.js'

/** An operation id compared loosely: `ListMonitors`, `listmonitors` and `list-monitors` are the same. */
export const normalizeId = (name: string) => name.toLowerCase().replace(/[-_\s]/g, '')

/** The template's `{name}` segments, in order; the generator checked they are exactly the spec's path params. */
export function templateParams(path: string): Param[] {
  const out: Param[] = []
  let start = path.indexOf('{')
  while (start !== -1) {
    const end = path.indexOf('}', start)
    out.push({name: path.slice(start + 1, end), required: true})
    start = path.indexOf('{', end)
  }
  return out
}

/**
 * How a path template matches a request path's segments: one letter per segment, `L` for a literal and `P` for a
 * `{param}` (which matches one non-empty segment); undefined when it does not match. When several templates match,
 * the smaller shape wins: it has a literal where the other has a parameter (`/api/v1/monitor/search` over
 * `/api/v1/monitor/{monitor_id}`), because 'L' sorts before 'P'.
 */
export function templateShape(template: string, given: readonly string[]): string | undefined {
  return segmentsShape(pathSegments(template), given)
}

/** `templateShape` for a template already split into its segments. */
export function segmentsShape(segments: readonly string[], given: readonly string[]): string | undefined {
  if (segments.length !== given.length) return undefined
  let shape = ''
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!
    const isParam = segment.startsWith('{')
    if (isParam ? given[i] === '' : segment !== given[i]) return undefined
    shape += isParam ? 'P' : 'L'
  }
  return shape
}

/** The operation's path with its parameters filled in and URL-encoded; throws a plain Error naming missing ones. */
export function fillPath(op: Pick<Operation, 'operationId' | 'path' | 'pathParams'>, params: Readonly<Record<string, string>>): string {
  const value = (name: string) => (Object.hasOwn(params, name) ? params[name] : undefined)
  const missing = op.pathParams.filter((p) => p.required && !value(p.name)).map((p) => p.name)
  if (missing.length > 0) {
    throw new Error(`${op.operationId} needs the path parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`)
  }
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const given = value(name) ?? ''
    // URL parsers resolve `.` and `..` (even encoded) as segments, which would send the request to another path.
    if (given === '.' || given === '..') throw new Error(`path parameter ${name} cannot be "${given}"`)
    return encodeURIComponent(given)
  })
}
