import {describe, expect, it} from 'vitest'
import type {RunResult} from './cli.js'
import {interactionFromEntry, isJsonType, sampleInteractions, type HarEntry, type Interaction} from './har.js'
import {callByPath, checkReplay, recordedResponse} from './replay.js'
import type {RecordedRequest} from './server.js'

/** A HAR entry with Polly's shape; `over` replaces request/response fields. */
function entry(over: {request?: Partial<HarEntry['request']>; response?: Partial<HarEntry['response']>} = {}): HarEntry {
  return {
    request: {method: 'GET', url: 'https://api.datadoghq.com/api/v1/validate', headers: [], ...over.request},
    response: {
      status: 200,
      statusText: 'OK',
      headers: [{name: 'content-type', value: 'application/json'}],
      content: {mimeType: 'application/json', size: 99, text: '{"valid":true}'},
      ...over.response,
    },
  }
}

describe('interactionFromEntry', () => {
  it.each([
    {name: 'keeps path and query exactly as recorded', url: 'https://api.datadoghq.com/api/v2/x?filter%5Bq%5D=a+b&z=1', target: '/api/v2/x?filter%5Bq%5D=a+b&z=1'},
    {name: 'keeps a percent-encoded path as is', url: 'https://api.datadoghq.com/api/v1/a%2Fb', target: '/api/v1/a%2Fb'},
    {name: 'turns a bare origin into /', url: 'https://ip-ranges.datadoghq.com', target: '/'},
    {name: 'keeps the root path of another host', url: 'https://ip-ranges.datadoghq.com/', target: '/'},
  ])('$name', ({url, target}) => {
    expect(interactionFromEntry(entry({request: {method: 'GET', url, headers: []}}), 'c#0').target).toBe(target)
  })

  it.each([
    {name: 'uses text as the body even when size disagrees', content: {mimeType: 'application/json', size: 5, text: '{}\n'}, status: 200, body: '{}\n'},
    {name: 'decodes base64 bodies', content: {mimeType: 'application/zip', size: 3, text: 'UEsD', encoding: 'base64'}, status: 200, body: 'PK\u0003'},
    {name: 'treats a missing text as an empty body', content: {mimeType: 'text/html; charset=utf-8', size: 0}, status: 200, body: ''},
    {name: 'sends no body for a 204 whatever HAR holds', content: {mimeType: 'application/json', size: 2, text: '{}'}, status: 204, body: ''},
  ])('$name', ({content, status, body}) => {
    const interaction = interactionFromEntry(entry({response: {content, status}}), 'c#0')
    expect(interaction.responseBody.toString('latin1')).toBe(body)
  })

  it('reads the request body, its content type and the response content type', () => {
    const interaction = interactionFromEntry(
      entry({
        request: {
          method: 'POST',
          url: 'https://api.datadoghq.com/api/v1/series',
          headers: [{name: 'content-type', value: 'text/json'}],
          postData: {mimeType: 'text/json', text: '{"series":[]}'},
        },
        response: {status: 202, statusText: 'Accepted', headers: []},
      }),
      'v1/Metrics#3',
    )
    expect(interaction).toMatchObject({id: 'v1/Metrics#3', host: 'api.datadoghq.com', method: 'POST', requestContentType: 'text/json'})
    expect(interaction.requestBody?.toString()).toBe('{"series":[]}')
    expect(interaction.responseContentType).toBeUndefined()
    expect(recordedResponse(interaction)).toMatchObject({status: 202, statusText: 'Accepted', headers: {}})
  })
})

describe('isJsonType', () => {
  it.each([
    {name: 'plain JSON', type: 'application/json', json: true},
    {name: 'JSON with a charset', type: 'application/json;charset=utf-8', json: true},
    {name: 'JSON:API', type: 'application/vnd.api+json', json: true},
    {name: 'legacy text/json', type: 'text/json', json: true},
    {name: 'plain text', type: 'text/plain; charset=utf-8', json: false},
    {name: 'multipart', type: 'multipart/form-data; boundary=x', json: false},
    {name: 'no type', type: undefined, json: false},
  ])('$name', ({type, json}) => expect(isJsonType(type)).toBe(json))
})

const base = interactionFromEntry(entry(), 'v1/Auth#0')

describe('sampleInteractions', () => {
  it('takes every k-th interaction plus every rare shape', () => {
    const plain = Array.from({length: 100}, (_, i) => ({...base, id: `v1/x#${i}`}))
    const rare = {...base, id: 'v1/x#rare', host: 'ip-ranges.datadoghq.com'}
    const picked = sampleInteractions([...plain.slice(0, 51), rare, ...plain.slice(51)], 10)
    expect(picked.map((i) => i.id)).toEqual(['v1/x#0', 'v1/x#10', 'v1/x#20', 'v1/x#30', 'v1/x#40', 'v1/x#50', 'v1/x#rare', 'v1/x#59', 'v1/x#69', 'v1/x#79', 'v1/x#89', 'v1/x#99'])
  })
})

describe('callByPath', () => {
  it.each([
    {name: 'a GET has no --input', over: {}, argv: ['call', 'GET', '/api/v1/validate', '--api-url', 'http://h', '--retries', '0']},
    {name: 'a JSON body goes to stdin', over: {method: 'POST', requestBody: Buffer.from('{}'), requestContentType: 'application/json'}, argv: ['call', 'POST', '/api/v1/validate', '--input', '-', '--api-url', 'http://h', '--retries', '0']},
    {name: 'another body type is named with -H', over: {method: 'POST', requestBody: Buffer.from('{}'), requestContentType: 'text/json'}, argv: ['call', 'POST', '/api/v1/validate', '--input', '-', '-H', 'Content-Type: text/json', '--api-url', 'http://h', '--retries', '0']},
  ])('$name', ({over, argv}) => expect(callByPath({...base, ...over}, 'http://h')).toEqual(argv))
})

describe('checkReplay', () => {
  const credentials = {apiKey: 'api', appKey: 'app'}
  const good: RecordedRequest = {method: 'GET', url: '/api/v1/validate', path: '/api/v1/validate', query: '', headers: {'dd-api-key': 'api', 'dd-application-key': 'app'}, body: Buffer.alloc(0)}
  const ok: RunResult = {code: 0, signal: null, timedOut: false, stdout: Buffer.from('{"valid":true}'), stderr: ''}
  const withBody: Interaction = {...base, method: 'POST', requestBody: Buffer.from('{"a":1,"b":2}'), requestContentType: 'application/json'}
  const notFound: Interaction = {...base, status: 404, responseBody: Buffer.from('{"errors":["no"]}')}
  const notFoundRun: RunResult = {...ok, code: 1, stdout: Buffer.from('{"errors":["no"]}'), stderr: 'ddcli: HTTP 404 Not Found: no\n'}
  it.each([
    {name: 'accepts a faithful replay', interaction: base, run: ok, requests: [good], causes: []},
    {name: 'accepts a faithful error replay', interaction: notFound, run: notFoundRun, requests: [good], causes: []},
    {name: 'accepts a JSON body with other key order', interaction: withBody, run: ok, requests: [{...good, method: 'POST', headers: {...good.headers, 'content-type': 'application/json'}, body: Buffer.from('{"b":2,"a":1}')}], causes: []},
    {name: 'reports a call that never reached the server', interaction: base, run: {...ok, code: 2}, requests: [], causes: ['no request reached the server (exit 2)']},
    {name: 'reports a timeout', interaction: base, run: {...ok, code: null, timedOut: true}, requests: [], causes: ['CLI timed out']},
    {name: 'reports a re-encoded query', interaction: {...base, target: '/api/v1/validate?q=a%20b'}, run: ok, requests: [{...good, url: '/api/v1/validate?q=a+b', query: 'q=a+b'}], causes: ['query string differs']},
    {name: 'reports a dropped empty query', interaction: {...base, target: '/api/v1/validate?'}, run: ok, requests: [good], causes: ['query string differs']},
    {name: 'reports missing auth and a changed body', interaction: base, run: {...ok, stdout: Buffer.from('{"valid": true}')}, requests: [{...good, headers: {}}], causes: ['DD-API-KEY header wrong', 'DD-APPLICATION-KEY header wrong', 'stdout differs from response body']},
    {name: 'reports a lost request body', interaction: withBody, run: ok, requests: [{...good, method: 'POST', headers: {...good.headers, 'content-type': 'application/json'}}], causes: ['request body differs']},
    {name: 'reports a wrong exit code and a chatty stderr', interaction: notFound, run: {...notFoundRun, code: 0, stderr: 'oops\nddcli: HTTP 404 Not Found\n'}, requests: [good], causes: ['exit 0 instead of 1', 'stderr has lines besides "ddcli: HTTP <status> ..." and notes']},
    {name: 'accepts a note beside the error line', interaction: notFound, run: {...notFoundRun, stderr: 'ddcli: note: GetThing is in Preview (unstable)\nddcli: HTTP 404 Not Found: no\n'}, requests: [good], causes: []},
    {name: 'reports a missing error line', interaction: notFound, run: {...notFoundRun, stderr: 'ddcli: failed\n'}, requests: [good], causes: ['stderr lacks the "ddcli: HTTP <status> ..." line']},
    {name: 'reports a retry', interaction: base, run: ok, requests: [good, good], causes: ['more than one request (retried?)']},
  ])('$name', ({interaction, run, requests, causes}) => {
    expect(checkReplay(interaction, run, requests, credentials).map((m) => m.cause)).toEqual(causes)
  })

  it('reports bytes the server could not parse, such as a body sent without framing', () => {
    const found = checkReplay(base, ok, [good], credentials, ['HPE_INVALID_METHOD: Invalid method encountered'])
    expect(found).toEqual([{cause: 'malformed HTTP reached the server', detail: 'HPE_INVALID_METHOD: Invalid method encountered'}])
  })
})
