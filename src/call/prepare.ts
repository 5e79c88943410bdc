import type {Settings} from '../credentials/resolve.js'
import {NoCredentialsError} from '../errors.js'
import {authHeaders, hasCredentials} from '../http/auth-headers.js'
import {mergeHeaders} from '../http/request.js'
import {noCredentialsMessage} from '../output/render.js'
import {userAgent} from '../version.js'
import {credentialsSatisfy, missingCredentialsLine, operationNotes, patAsAppKey} from './hints.js'
import type {Route} from './route.js'

/** The headers of one request and the notes to print before sending it. */
export interface PreparedRequest {
  headers: Record<string, string>
  notes: string[]
}

/**
 * The checks and headers of one request, shared by `call` and `batch`. No credential at all for an operation that
 * needs one is a NoCredentialsError; credentials that satisfy none of its security alternatives only add a note.
 * Headers: defaults, then the user's (which win), then credentials for the API origin unless the user set that header.
 */
export function prepareRequest(route: Route, url: URL, settings: Settings, userHeaders: ReadonlyArray<readonly [string, string]>, contentType?: string): PreparedRequest {
  const op = route.operation
  const needsAuth = !op || op.security.length > 0
  if (needsAuth && !hasCredentials(settings)) throw new NoCredentialsError(noCredentialsMessage())
  const patApp = patAsAppKey(op, settings)
  const notes = [...route.notes ?? [], ...op ? operationNotes(op) : []]
  if (op && !credentialsSatisfy(op, settings, patApp)) notes.push(missingCredentialsLine(op))
  const defaults: Array<[string, string]> = [['User-Agent', userAgent()], ['Accept', 'application/json']]
  if (contentType) defaults.push(['Content-Type', contentType])
  const auth = url.origin === route.base ? Object.entries(authHeaders(settings, {patAsAppKey: patApp})) : []
  const headers = mergeHeaders(mergeHeaders({}, defaults, true), userHeaders, true)
  mergeHeaders(headers, auth, false)
  return {headers, notes}
}
