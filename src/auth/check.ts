import {cutShort} from '../closest.js'
import {NetworkError, isDdcliError} from '../errors.js'
import {authHeaders} from '../http/auth-headers.js'
import type {ProxyEnv} from '../http/proxy.js'
import {send as realSend, type TransportResponse} from '../http/transport.js'
import {createMasker} from '../credentials/mask.js'
import {apiErrorMessage, httpErrorLine, proxyRefusedLine} from '../output/render.js'
import {userAgent} from '../version.js'
import type {CredentialKind} from '../credentials/credentials.js'
import {secretsOf, type Resolved, type Settings} from '../credentials/resolve.js'

/** How one credential check ended: `invalid` is an HTTP error, `unreachable` no response, `skipped` not checkable. */
export type CheckState = 'valid' | 'invalid' | 'unreachable' | 'skipped'

/** The result of checking one credential against the API. */
export interface CheckResult {
  state: CheckState
  /** HTTP status, when the API answered. */
  status?: number
  /** One line: `HTTP 403 Forbidden: Forbidden`, the network cause, or why the check was skipped. */
  detail?: string
}

/** Which endpoint checks which credential, and which credentials go with it. */
export const CHECKS: ReadonlyArray<{kind: CredentialKind, path: string, with: readonly CredentialKind[]}> = [
  {kind: 'pat', path: '/api/v2/validate_keys', with: ['pat']},
  {kind: 'apiKey', path: '/api/v1/validate', with: ['apiKey']},
  {kind: 'appKey', path: '/api/v2/validate_keys', with: ['apiKey', 'appKey']},
]

const UNSET: Resolved = {value: undefined, origin: 'unset', source: 'not set'}
const TIMEOUT_MS = 15_000

/** Settings with only the given credentials, so each check proves one credential and not another. */
function only(settings: Settings, kinds: readonly CredentialKind[]): Settings {
  return {...settings, pat: UNSET, apiKey: UNSET, appKey: UNSET, ...Object.fromEntries(kinds.map((kind) => [kind, settings[kind]]))}
}

/**
 * Checks every configured credential at the resolved API URL, in parallel: the API key with `GET /api/v1/validate`,
 * the PAT and the application key (with the API key) with `GET /api/v2/validate_keys`. Headers come from
 * `authHeaders`, as for `call`; each request carries only the credentials it checks.
 */
export async function checkCredentials(settings: Settings, signal: AbortSignal, send: typeof realSend = realSend, proxy?: ProxyEnv): Promise<Partial<Record<CredentialKind, CheckResult>>> {
  const mask = createMasker(secretsOf(settings))
  const results = await Promise.all(CHECKS.filter((check) => settings[check.kind].value).map(async (check): Promise<[CredentialKind, CheckResult]> => {
    if (!check.with.every((kind) => settings[kind].value)) {
      return [check.kind, {state: 'skipped', detail: 'an application key is checked with an API key; set one to check it'}]
    }
    const url = new URL(`${settings.apiUrl.value}${check.path}`)
    const headers = {'User-Agent': userAgent(), Accept: 'application/json', ...authHeaders(only(settings, check.with), {patAsAppKey: false})}
    try {
      const response = await send({method: 'GET', url, headers}, {timeoutMs: TIMEOUT_MS, retries: 0, maxWaitMs: 0, retryUnsafe: false, signal, proxy})
      // A proxy that refuses the tunnel says nothing of the key: the API was not reached.
      if (response.proxyRefused) {
        response.body.destroy()
        return [check.kind, {state: 'unreachable', detail: mask(proxyRefusedLine(response.status, response.statusText, response.proxyRefused))}]
      }
      return [check.kind, await outcome(response, mask)]
    } catch (error: unknown) {
      if (signal.aborted || !(error instanceof NetworkError)) throw error
      return [check.kind, {state: 'unreachable', detail: mask(error.message)}]
    }
  }))
  return Object.fromEntries(results)
}

async function outcome(response: TransportResponse, mask: (text: string) => string): Promise<CheckResult> {
  const body = await readLimited(response, 64 * 1024)
  if (response.status >= 200 && response.status < 300 && !response.refusedRedirect) return {state: 'valid', status: response.status}
  // httpErrorLine escapes what the server chose (reason phrase, message) before it reaches a terminal. The message is
  // masked before it is cut: a key the server echoes is masked only whole.
  const message = apiErrorMessage(body)
  return {state: 'invalid', status: response.status, detail: mask(httpErrorLine(response.status, response.statusText, message === undefined ? undefined : cutShort(mask(message), 200)))}
}

async function readLimited(response: TransportResponse, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of response.body) {
      if (size < limit) chunks.push(chunk as Buffer)
      size += (chunk as Buffer).length
    }
  } catch (error: unknown) {
    if (isDdcliError(error)) throw error
  }
  return Buffer.concat(chunks)
}

/** Whether a check counts as failed for the exit code; a skipped check does not. */
export function failed(result: CheckResult): boolean {
  return result.state === 'invalid' || result.state === 'unreachable'
}
