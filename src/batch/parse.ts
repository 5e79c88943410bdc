import {cutShort} from '../closest.js'
import {UsageError} from '../errors.js'
import {parseHeader, parseMethod} from '../http/request.js'
import {jsonSyntaxError} from '../http/json-syntax.js'

/** One request of a batch, checked but not yet routed. */
export interface BatchRequest {
  /** The `id` as given (any JSON value), echoed in the result; absent when the line had none. */
  id?: unknown
  hasId: boolean
  /** Either an operation id, or a method and path. */
  operation?: string
  method?: string
  path?: string
  params: Record<string, string>
  query: Array<[string, string]>
  headers: Array<[string, string]>
  /** The JSON body to send; `hasBody` tells an explicit `null` from no body. */
  body?: unknown
  hasBody: boolean
}

/** A line that could not be understood: the message, and its id when the line got that far. */
export interface ParseFailure {
  error: string
  id?: unknown
  hasId: boolean
}

const KEYS = ['id', 'method', 'path', 'operation', 'params', 'query', 'body', 'headers']

type Scalar = string | number | boolean

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Deepest nesting of an id or body: JSON.stringify recurses, so deeper values would crash writing them back. */
export const MAX_DEPTH = 512

/** Whether a parsed JSON value nests arrays and objects deeper than `max` (walked without recursion). */
export function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!
    if (typeof item !== 'object' || item === null) continue
    if (depth > max) return true
    for (const child of Object.values(item)) stack.push([child, depth + 1])
  }
  return false
}

const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g

/**
 * The first number in JSON text that a JS number cannot hold as written: an integer beyond 2^53 (a 64-bit id would
 * be sent rounded) or one that overflows to Infinity (sent as null). Strings are skipped.
 */
export function lossyNumber(json: string): string | undefined {
  for (const [token] of json.matchAll(TOKENS)) {
    if (token.startsWith('"')) continue
    const number = Number(token)
    if (!Number.isFinite(number) || (/^-?\d+$/.test(token) && !Number.isSafeInteger(number))) return token
  }
  return undefined
}

function fail(message: string): never {
  throw new UsageError(message)
}

function stringMap(value: unknown, key: string): Record<string, string> {
  if (value === undefined) return Object.create(null) as Record<string, string>
  if (!isObject(value)) fail(`"${key}" must be an object of name: value`)
  const out: Record<string, string> = Object.create(null)
  for (const [name, item] of Object.entries(value)) {
    if (!isScalar(item)) fail(`"${key}.${name}" must be a string, number or boolean`)
    out[name] = String(item)
  }
  return out
}

function queryPairs(value: unknown): Array<[string, string]> {
  if (value === undefined) return []
  if (!isObject(value)) fail('"query" must be an object of name: value (a list repeats the parameter)')
  const pairs: Array<[string, string]> = []
  for (const [name, item] of Object.entries(value)) {
    const items = Array.isArray(item) ? item : [item]
    for (const one of items) {
      if (!isScalar(one)) fail(`"query.${name}" must be a string, number, boolean or a list of them`)
      pairs.push([name, String(one)])
    }
  }
  return pairs
}

function headerPairs(value: unknown): Array<[string, string]> {
  return Object.entries(stringMap(value, 'headers')).map(([name, item]) => {
    try {
      return parseHeader(`${name}: ${item}`)
    } catch (error: unknown) {
      return fail(`"headers.${cutShort(name, 63)}": ${(error as Error).message.replace(/ -H /g, ' ').replace(/; write .*$/, '')}`)
    }
  })
}

/**
 * Checks one NDJSON request line: `{"id", "method", "path", "query", "body", "headers"}` or
 * `{"id", "operation", "params", ...}`. Returns the request, or why the line is refused.
 */
export function parseRequestLine(text: string): BatchRequest | ParseFailure {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error: unknown) {
    // Where the line stops being JSON, from ddcli's scanner: V8's message may quote the line, which may hold a secret.
    const bad = jsonSyntaxError(text)
    const where = bad ? `column ${bad.column}: ${bad.problem}` : cutShort((error as Error).message, 123)
    return {error: `not valid JSON (${where}); write one JSON object per line`, hasId: false}
  }
  if (!isObject(data)) return {error: 'a request must be a JSON object such as {"method":"GET","path":"/api/v1/validate"}', hasId: false}
  if (deeperThan(data.id, MAX_DEPTH)) return {error: `"id" is nested deeper than ${MAX_DEPTH} levels; use a string or number`, hasId: false}
  const lossy = lossyNumber(text)
  if (lossy !== undefined) {
    const idExact = lossyNumber(JSON.stringify(data.id) ?? '') === undefined
    const keep = Object.hasOwn(data, 'id') && idExact
    return {error: `the number ${lossy.slice(0, 40)} is too large to keep exactly; write it as a string ("${lossy.slice(0, 40)}")`, ...(keep ? {id: data.id} : {}), hasId: keep}
  }
  const hasId = Object.hasOwn(data, 'id')
  const id = data.id
  try {
    const unknown = Object.keys(data).filter((key) => !KEYS.includes(key))
    if (unknown.length > 0) fail(`unknown key ${unknown.map((key) => JSON.stringify(cutShort(key, 43))).join(', ')}; a request has ${KEYS.join(', ')}`)
    const {operation, method, path} = data
    if (operation !== undefined) {
      if (typeof operation !== 'string' || operation.trim() === '') fail('"operation" must be an operationId such as "GetMonitor"')
      if (method !== undefined || path !== undefined) fail('give "operation", or "method" and "path", not both')
    } else {
      if (typeof method !== 'string' || typeof path !== 'string' || path === '') {
        fail('a request needs "method" and "path" (e.g. "GET", "/api/v1/validate"), or "operation"')
      }
    }
    const hasBody = Object.hasOwn(data, 'body')
    if (deeperThan(data.body, MAX_DEPTH)) fail(`"body" is nested deeper than ${MAX_DEPTH} levels; flatten it`)
    const request: BatchRequest = {
      ...(hasId ? {id} : {}),
      hasId,
      params: stringMap(data.params, 'params'),
      query: queryPairs(data.query),
      headers: headerPairs(data.headers),
      hasBody,
      ...(hasBody ? {body: data.body} : {}),
    }
    if (operation !== undefined) return {...request, operation: operation as string}
    const verb = parseMethod(method as string)
    if (hasBody && (verb === 'GET' || verb === 'HEAD')) fail(`${verb} requests cannot have a body; put parameters in "query"`)
    return {...request, method: verb, path: path as string}
  } catch (error: unknown) {
    return {error: (error as Error).message, ...(hasId ? {id} : {}), hasId}
  }
}

/** Whether parsing failed. */
export function isFailure(parsed: BatchRequest | ParseFailure): parsed is ParseFailure {
  return 'error' in parsed
}
