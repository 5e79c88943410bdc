import {prepareRequest} from '../call/prepare.js'
import {routeFor} from '../call/route.js'
import type {Settings} from '../credentials/resolve.js'
import {UsageError} from '../errors.js'
import {appendQuery} from '../http/fields.js'
import {isJsonContentType, jsonSyntaxError} from '../http/json-syntax.js'
import type {TransportRequest} from '../http/transport.js'
import type {RouteOperation} from '../spec/routes.js'
import type {CheckOptions} from '../call/validate.js'
import type {BatchRequest} from './parse.js'

/** A request ready to send, with what batch needs around it. */
export interface BuiltRequest {
  request: TransportRequest
  /** Groups requests that share a rate limit until the server names it: the operation, else method and origin. */
  limitKey: string
  /** Preview, deprecation and missing-credential notes, printed once each. */
  notes: string[]
  /** The spec operation, when the index knows it (read-only mode asks whether it only reads). */
  operation?: RouteOperation
}

/**
 * Routes and builds one batch request exactly as `call` would (spec hosts, path templates, PAT-as-app-key,
 * credentials for the API origin only). `common` are the `-H` headers of the whole batch; the request's own win.
 */
export async function buildRequest(input: BatchRequest, settings: Settings, common: ReadonlyArray<readonly [string, string]>, validate: boolean): Promise<BuiltRequest> {
  const route = await routeFor(input.operation ?? input.method!, input.operation === undefined ? input.path : undefined, input.params, settings, validate)
  if (input.hasBody && (route.method === 'GET' || route.method === 'HEAD')) {
    throw new UsageError(`${route.method} requests cannot have a body; put parameters in "query"`)
  }
  const url = input.query.length > 0 ? new URL(appendQuery(route.url.href, input.query)) : route.url
  const userHeaders = [...common, ...input.headers]
  const body = input.hasBody ? bodyBytes(input.body, userHeaders.findLast(([name]) => name.toLowerCase() === 'content-type')?.[1], validate) : undefined
  const {headers, notes} = prepareRequest(route, url, settings, userHeaders, body ? 'application/json' : undefined)
  const op = route.operation
  return {
    request: {method: route.method, url, headers, ...(body ? {body: {kind: 'buffer', data: body}} : {})},
    limitKey: op ? `${op.version}:${op.operationId}` : `${route.method} ${url.origin}`,
    notes,
    ...(op ? {operation: op} : {}),
  }
}

/**
 * The bytes of a line's `body`. Sent as JSON (no Content-Type header, or a JSON one), it is the value as JSON; a string
 * holding JSON text there is a mistake (`jq tojson`, or a body pasted in quotes) that would send one JSON string, so
 * with `validate` it is refused, with where it breaks when it is not JSON either. With a non-JSON Content-Type, a
 * string is sent as its bytes, as they are.
 */
function bodyBytes(body: unknown, contentType: string | undefined, validate: boolean): Buffer {
  const json = contentType === undefined || isJsonContentType(contentType)
  if (typeof body !== 'string') return Buffer.from(JSON.stringify(body))
  if (!json) return Buffer.from(body)
  if (validate && /^\s*[[{]/.test(body)) {
    const bad = jsonSyntaxError(body)
    const what = bad ? `and not JSON either (line ${bad.line}, column ${bad.column}: ${bad.problem})` : 'holding JSON text, which would be sent as one JSON string'
    throw new UsageError(`"body" is a string ${what}; give the JSON value itself, not a string (or send the string with --no-validate)`)
  }
  return Buffer.from(JSON.stringify(body))
}

/**
 * Checks a built line's JSON body against its operation's schema, as call does: a body that breaks it fails the
 * line (every problem in its error), unless `dryRun`, where the problems become notes as call --dry-run prints them;
 * a property the schema does not name is a note. `loaded`: the verdict functions this batch has read, by operation.
 */
export async function checkBuiltBody(built: BuiltRequest, dryRun: boolean, loaded?: CheckOptions['loaded']): Promise<string[]> {
  const {operation: op, request} = built
  if (!op || request.body?.kind !== 'buffer') return []
  const validate = await import('../call/validate.js')
  const contentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1]
  const check = await validate.checkRequestBody(op, request.body.data, contentType, loaded ? {loaded} : {})
  if (!check) return []
  if (dryRun) return validate.refused(check) ? validate.findingsReport(check) : check.result!.warnings.map((finding) => validate.unknownPropertyLine(op.operationId, finding))
  if (validate.refused(check)) throw validate.refusal(check, true)
  return (check.result?.warnings ?? []).map((finding) => validate.unknownPropertyLine(op.operationId, finding))
}

/** Route errors name call's `-p` flag; in a batch, path parameters live in "params". */
export function batchWording(message: string): string {
  return message.replace(/pass each with -p name=value/g, 'give each in "params"').replace(/-p name=value/g, '"params"')
}
