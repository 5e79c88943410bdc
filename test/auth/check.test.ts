import {afterEach, describe, expect, it} from 'vitest'
import {checkCredentials} from '../../src/auth/check.js'
import type {Resolved, Settings} from '../../src/credentials/resolve.js'
import {startServer, type RecordedRequest, type TestServer} from '../helpers/server.js'

const PAT = 'ddpat_0123456789abcdefPATX'
const API_KEY = '0123456789abcdef0123456789abAPIK'
const APP_KEY = '0123456789abcdef0123456789abcdef0123APPK'
const unset: Resolved = {value: undefined, origin: 'unset', source: 'not set'}
const env = (value: string): Resolved => ({value, origin: 'env', source: 'env'})

function settings(url: string, parts: Partial<Settings>): Settings {
  return {
    profile: {value: 'default', origin: 'default', source: 'default'},
    pat: unset, apiKey: unset, appKey: unset,
    site: {value: 'datadoghq.com', origin: 'default', source: 'default'},
    apiUrl: {value: url, origin: 'flag', source: '--api-url'},
    ...parts,
  }
}

/** Answers 200 to the credentials in `good`, 403 with a Datadog error body to anything else. */
function validator(good: string[]) {
  return (request: RecordedRequest) => {
    const sent = [request.headers['dd-api-key'], request.headers['dd-application-key'], String(request.headers.authorization ?? '').replace(/^Bearer /, '')]
      .filter((value): value is string => typeof value === 'string' && value !== '')
    return sent.every((value) => good.includes(value))
      ? {status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}
      : {status: 403, headers: {'content-type': 'application/json'}, body: '{"errors":["Forbidden"]}'}
  }
}

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('checkCredentials', () => {
  it('checks each credential on its own endpoint with only the headers it needs', async () => {
    server = await startServer(validator([PAT, API_KEY, APP_KEY]))
    const results = await checkCredentials(settings(server.url, {pat: env(PAT), apiKey: env(API_KEY), appKey: env(APP_KEY)}), new AbortController().signal)
    expect(results).toEqual({pat: {state: 'valid', status: 200}, apiKey: {state: 'valid', status: 200}, appKey: {state: 'valid', status: 200}})
    const requests = await server.expectRequests(3)
    const byAuth = (test: (r: RecordedRequest) => boolean) => requests.filter(test)
    const patRequest = byAuth((r) => r.headers.authorization !== undefined)
    expect(patRequest).toHaveLength(1)
    expect(patRequest[0]).toMatchObject({method: 'GET', path: '/api/v2/validate_keys'})
    expect(patRequest[0]!.headers).toMatchObject({authorization: `Bearer ${PAT}`})
    expect(patRequest[0]!.headers['dd-api-key']).toBeUndefined()
    const apiOnly = byAuth((r) => r.headers['dd-api-key'] !== undefined && r.headers['dd-application-key'] === undefined)
    expect(apiOnly.map((r) => r.path)).toEqual(['/api/v1/validate'])
    const pair = byAuth((r) => r.headers['dd-application-key'] === APP_KEY)
    expect(pair.map((r) => [r.path, r.headers['dd-api-key'], r.headers.authorization])).toEqual([['/api/v2/validate_keys', API_KEY, undefined]])
  })

  it('reports a 403 as invalid with the status and the API message', async () => {
    server = await startServer(validator([]))
    const results = await checkCredentials(settings(server.url, {apiKey: env(API_KEY)}), new AbortController().signal)
    expect(results).toEqual({apiKey: {state: 'invalid', status: 403, detail: 'HTTP 403 Forbidden: Forbidden'}})
    await server.expectRequests(1)
  })

  it('skips the application key when there is no API key to send with it', async () => {
    server = await startServer(validator([PAT]))
    const results = await checkCredentials(settings(server.url, {pat: env(PAT), appKey: env(APP_KEY)}), new AbortController().signal)
    expect(results.appKey?.state).toBe('skipped')
    expect(results.pat?.state).toBe('valid')
    await server.expectRequests(1)
  })

  it('reports a refused connection as unreachable with its cause', async () => {
    server = await startServer()
    const url = server.url
    await server.close()
    const results = await checkCredentials(settings(url, {apiKey: env(API_KEY)}), new AbortController().signal)
    expect(results.apiKey).toMatchObject({state: 'unreachable'})
    expect(results.apiKey?.detail).toMatch(/connection refused/)
  })

  it('masks a credential that an error body echoes back', async () => {
    server = await startServer([{status: 403, headers: {'content-type': 'application/json'}, body: JSON.stringify({errors: [`bad key ${API_KEY}`]})}])
    const results = await checkCredentials(settings(server.url, {apiKey: env(API_KEY)}), new AbortController().signal)
    expect(results.apiKey?.detail).toBe('HTTP 403 Forbidden: bad key ****APIK')
  })
})
