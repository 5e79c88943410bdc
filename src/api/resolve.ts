import {cutShort} from '../closest.js'
import {UsageError} from '../errors.js'
import {METHODS, looksLikeMethod} from '../http/request.js'
import {findOperationById, findOperationByRequest, suggestPaths, type Operation} from '../spec/index.js'
import {pathSegments} from '../spec/suggest.js'
import {unknownOperationLine} from './render-show.js'
import {suggestIds} from '../spec/suggest-ids.js'

const looksLikePath = (text: string) => text.startsWith('/') || /^https?:\/\//i.test(text)

/** The operations on a path, given as a template or a concrete path: an exact template first, else any that match. */
function byPath(ops: readonly Operation[], path: string): Operation[] {
  const key = pathSegments(path).join('/')
  const exact = ops.filter((op) => pathSegments(op.path).join('/') === key)
  if (exact.length > 0) return exact
  return METHODS.map((method) => findOperationByRequest(ops, method, path)).filter((op): op is Operation => op !== undefined)
}

/**
 * The operations `ddcli api show` describes: one for an operationId (any case, kebab, `v1:`/`v2:`) or `METHOD PATH`
 * (one argument or two), every method for a bare path. Throws a UsageError with up to 3 suggestions otherwise.
 */
export function resolveOperations(ops: readonly Operation[], target: string, path?: string): Operation[] {
  let first = target.trim()
  let second = path?.trim()
  if (second === undefined && /\s/.test(first)) [first, second] = first.split(/\s+/, 2) as [string, string]
  if (second !== undefined) {
    if (!looksLikeMethod(first)) throw new UsageError(`${JSON.stringify(cutShort(first, 43))} is not an HTTP method; write e.g. ddcli api show GET /api/v1/monitor`)
    const found = findOperationByRequest(ops, first, second)
    if (found) return [found]
    const others = byPath(ops, second).map((op) => `${op.method} ${op.path}`)
    throw new UsageError(unknownOperationLine(`${first.toUpperCase()} ${second}`, others.length > 0 ? others.slice(0, 3) : suggestPaths(ops, second, 3)))
  }
  if (looksLikePath(first)) {
    const found = byPath(ops, first)
    if (found.length > 0) return found
    throw new UsageError(unknownOperationLine(first, suggestPaths(ops, first, 3)))
  }
  if (looksLikeMethod(first)) throw new UsageError(`PATH is missing; write ddcli api show ${first.toUpperCase()} /api/v1/...`)
  const found = findOperationById(ops, first)
  if (found) return [found]
  throw new UsageError(unknownOperationLine(first, suggestIds(ops, first, 3)))
}
