import {isDeepStrictEqual} from 'node:util'
import type {RunResult} from './cli.js'
import {isJsonType, type Interaction} from './har.js'
import type {CannedResponse, RecordedRequest} from './server.js'
import {QUERY_METHODS} from '../../src/http/request.js'
import {findOperationById, findOperationByRequest, type Operation} from '../../src/spec/index.js'
import {pathSegments} from '../../src/spec/suggest.js'

/** Turns an interaction into `ddcli` arguments aimed at `apiUrl`; the request body, if any, goes to stdin. */
export type ArgvBuilder = (interaction: Interaction, apiUrl: string) => string[]

/** `ddcli call METHOD PATH [--input -] [-H 'Content-Type: ...'] --api-url URL --retries 0`. */
export const callByPath: ArgvBuilder = (interaction, apiUrl) => {
  const argv = ['call', interaction.method, interaction.target]
  if (interaction.requestBody !== undefined) {
    argv.push('--input', '-')
    const type = interaction.requestContentType
    if (type !== undefined && type !== 'application/json') argv.push('-H', `Content-Type: ${type}`)
  }
  argv.push('--api-url', apiUrl, '--retries', '0')
  return argv
}

/** The recorded answer, as the local server should send it. */
export function recordedResponse(interaction: Interaction): CannedResponse {
  const headers: Record<string, string> = {}
  if (interaction.responseContentType !== undefined) headers['content-type'] = interaction.responseContentType
  return {status: interaction.status, statusText: interaction.statusText, headers, body: interaction.responseBody}
}

/** Credentials the replay passes as DD_API_KEY and DD_APP_KEY (fake, in Datadog's shapes). */
export interface ReplayCredentials {
  apiKey: string
  appKey: string
}

/** One way a replay differs from the recording; `cause` is short and stable so failures can be grouped by it. */
export interface Mismatch {
  cause: string
  detail: string
}

/** Compares what the server received and what the CLI printed with the recording; empty when the replay matches. */
export function checkReplay(
  interaction: Interaction,
  run: RunResult,
  requests: RecordedRequest[],
  credentials: ReplayCredentials,
  clientErrors: string[] = [],
): Mismatch[] {
  const stderrHead = run.stderr.trim().split('\n').join(' | ').slice(0, 300)
  if (run.timedOut) return [{cause: 'CLI timed out', detail: `stderr: ${stderrHead}`}]
  const [request] = requests
  if (request === undefined) {
    return [{cause: `no request reached the server (exit ${run.code})`, detail: `stderr: ${stderrHead}`}]
  }
  const found: Mismatch[] = []
  const add = (cause: string, detail: string) => found.push({cause, detail})
  if (clientErrors.length > 0) add('malformed HTTP reached the server', clientErrors.join('; '))
  if (requests.length > 1) add('more than one request (retried?)', `${requests.length} requests`)
  if (request.method !== interaction.method) add('method differs', `${request.method} != ${interaction.method}`)
  const path = interaction.target.replace(/\?.*$/s, '')
  const [query, recordedQuery] = [request.url.slice(request.path.length), interaction.target.slice(path.length)]
  if (request.path !== path) add('path differs', `${request.path} != ${path}`)
  if (query !== recordedQuery) add('query string differs', `${query} != ${recordedQuery}`)
  checkBody(interaction, request, add)
  if (request.headers['dd-api-key'] !== credentials.apiKey) add('DD-API-KEY header wrong', String(request.headers['dd-api-key']))
  if (request.headers['dd-application-key'] !== credentials.appKey) {
    add('DD-APPLICATION-KEY header wrong', String(request.headers['dd-application-key']))
  }
  if (request.headers.authorization !== undefined) add('unexpected Authorization header', 'no bearer token was set')
  if (!run.stdout.equals(interaction.responseBody)) {
    add('stdout differs from response body', describeDifference(run.stdout, interaction.responseBody))
  }
  const expectedCode = interaction.status >= 400 ? 1 : 0
  if (run.code !== expectedCode) add(`exit ${run.code} instead of ${expectedCode}`, `HTTP ${interaction.status}; stderr: ${stderrHead}`)
  if (interaction.status >= 400) checkErrorLine(run.stderr, interaction.status, add)
  return found
}

/** A request the spec check refuses: nothing reaches the server, exit 2, the refusal line on stderr. */
export function checkRefused(interaction: Interaction, run: RunResult, requests: RecordedRequest[]): Mismatch[] {
  const found: Mismatch[] = []
  const stderrHead = run.stderr.trim().split('\n').join(' | ').slice(0, 300)
  if (interaction.status < 400) found.push({cause: 'the spec check refused a request Datadog accepted', detail: stderrHead})
  if (requests.length > 0) found.push({cause: 'a refused body reached the server', detail: `${requests.length} requests`})
  if (run.code !== 2) found.push({cause: `exit ${run.code} instead of 2 for a refused body`, detail: stderrHead})
  if (!/request schema \(\d+ problems? above\); nothing sent|is not JSON/.test(run.stderr)) found.push({cause: 'stderr lacks the refusal line', detail: stderrHead})
  if (run.stdout.length > 0) found.push({cause: 'stdout not empty for a refused body', detail: String(run.stdout.length)})
  return found
}

function checkBody(interaction: Interaction, request: RecordedRequest, add: (cause: string, detail: string) => void) {
  const expected = interaction.requestBody
  if (expected === undefined || expected.length === 0) {
    if (request.body.length > 0) add('unexpected request body', `${request.body.length} bytes sent, none recorded`)
    return
  }
  const type = interaction.requestContentType
  if (request.headers['content-type'] !== type) add('content-type differs', `${request.headers['content-type']} != ${type}`)
  const same = isJsonType(type) ? jsonEqual(request.body, expected) : request.body.equals(expected)
  if (!same) add('request body differs', describeDifference(request.body, expected))
}

function jsonEqual(actual: Buffer, expected: Buffer): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(actual.toString('utf8')), JSON.parse(expected.toString('utf8')))
  } catch {
    return actual.equals(expected)
  }
}

function checkErrorLine(stderr: string, status: number, add: (cause: string, detail: string) => void) {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '')
  const shown = JSON.stringify(stderr.slice(0, 300))
  if (!lines.some((line) => line.startsWith(`ddcli: HTTP ${status} `))) add('stderr lacks the "ddcli: HTTP <status> ..." line', shown)
  // Notes on the operation (Preview, deprecation, missing credentials) and the body check's warnings about
  // properties its schema does not name are documented stderr lines too.
  else if (lines.filter((line) => !/^ddcli: (note: |[A-Z]+ \/\S* needs |warning: \/\S* is not in \w+'s request schema )/.test(line)).length > 1) add('stderr has lines besides "ddcli: HTTP <status> ..." and notes', shown)
}

function describeDifference(actual: Buffer, expected: Buffer): string {
  let at = 0
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++
  const around = (b: Buffer) => JSON.stringify(b.subarray(Math.max(0, at - 20), at + 40).toString('utf8'))
  return `got ${actual.length} bytes, want ${expected.length}; first difference at byte ${at}: ${around(actual)} vs ${around(expected)}`
}

/**
 * `ddcli call OperationId -p name=value [-f key=value ...]` for an interaction whose operation the spec index
 * identifies, or undefined when it cannot be replayed that way byte for byte: an unknown path, a path parameter
 * or query whose recorded encoding is not what ddcli's encoding gives, or a query on a body method without a body
 * (its fields would form the body).
 */
export function operationArgv(ops: readonly Operation[]): (interaction: Interaction, apiUrl: string) => string[] | undefined {
  return (interaction, apiUrl) => {
    const [path = '', query = ''] = interaction.target.split(/\?(.*)/s)
    const op = findOperationByRequest(ops, interaction.method, path)
    if (!op) return undefined
    const template = pathSegments(op.path)
    const given = pathSegments(path)
    const argv = ['call', findOperationById(ops, op.operationId) === op ? op.operationId : `${op.version}:${op.operationId}`]
    for (const [i, segment] of template.entries()) {
      if (!segment.startsWith('{')) continue
      const raw = given[i]!
      const value = safeDecode(raw)
      if (value === undefined || encodeURIComponent(value) !== raw) return undefined
      argv.push('-p', `${segment.slice(1, -1)}=${value}`)
    }
    if (query) {
      if (interaction.requestBody === undefined && !QUERY_METHODS.has(interaction.method)) return undefined
      for (const pair of query.split('&')) {
        const [key = '', value = ''] = pair.split(/=(.*)/s).map(safeDecode)
        if (`${encodeURIComponent(key)}=${encodeURIComponent(value)}` !== pair) return undefined
        argv.push('-f', `${key}=${value}`)
      }
    }
    const byPath = callByPath(interaction, apiUrl)
    return [...argv, ...byPath.slice(3)]
  }
}

function safeDecode(text: string | undefined): string | undefined {
  try {
    return text === undefined ? undefined : decodeURIComponent(text)
  } catch {
    return undefined
  }
}
