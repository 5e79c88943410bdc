import {describe, expect, it} from 'vitest'
import {fillPath, findOperationById, findOperationByRequest, loadOperations, satisfies, searchOperations} from '../../src/spec/index.js'

const ops = await loadOperations()

function op(id: string) {
  const found = findOperationById(ops, id)
  if (!found) throw new Error(`${id} is not in the index`)
  return found
}

describe('findOperationByRequest', () => {
  it.each([
    {name: 'matches a path without parameters', method: 'GET', path: '/api/v1/monitor', want: 'v1 ListMonitors'},
    {name: 'lets a parameter match any one segment', method: 'GET', path: '/api/v1/monitor/123', want: 'v1 GetMonitor'},
    {name: 'prefers a literal segment over a parameter', method: 'GET', path: '/api/v1/monitor/search', want: 'v1 SearchMonitors'},
    {name: 'ignores the query string', method: 'GET', path: '/api/v1/monitor/123?group_states=all', want: 'v1 GetMonitor'},
    {name: 'tolerates a trailing slash', method: 'GET', path: '/api/v1/monitor/', want: 'v1 ListMonitors'},
    {name: 'reads the method in any case', method: 'delete', path: '/api/v1/monitor/123', want: 'v1 DeleteMonitor'},
    {name: 'tells methods on one path apart', method: 'PUT', path: '/api/v1/monitor/123', want: 'v1 UpdateMonitor'},
    {name: 'finds the IP ranges at the root path', method: 'GET', path: '/', want: 'v1 GetIPRanges'},
    {name: 'finds the v1 logs intake outside /api', method: 'POST', path: '/v1/input', want: 'v1 SubmitLog'},
    {name: 'fills several parameters in order', method: 'GET', path: '/api/v2/rum/replay/sessions/s1/views/v1/segments', want: 'v2 GetSegments'},
    {name: 'takes the path of a full URL', method: 'GET', path: 'https://api.datadoghq.com/api/v2/users/abc?x=1', want: 'v2 GetUser'},
    {name: 'finds nothing for an unknown path', method: 'GET', path: '/api/v1/nothing-here', want: undefined},
    {name: 'finds nothing for a known path with another method', method: 'PATCH', path: '/api/v1/monitor', want: undefined},
    {name: 'does not let a parameter match an empty segment', method: 'GET', path: '/api/v1/monitor//downtimes', want: undefined},
  ])('$name', ({method, path, want}) => {
    const found = findOperationByRequest(ops, method, path)
    expect(found && `${found.version} ${found.operationId}`).toBe(want)
  })
})

describe('findOperationById', () => {
  it.each([
    {name: 'finds an exact operationId', query: 'ListMonitors', want: 'v1 ListMonitors'},
    {name: 'ignores case', query: 'listmonitors', want: 'v1 ListMonitors'},
    {name: 'accepts kebab-case', query: 'list-monitors', want: 'v1 ListMonitors'},
    {name: 'accepts kebab-case of an id with an acronym', query: 'get-ip-ranges', want: 'v1 GetIPRanges'},
    {name: 'prefers v2 when both specs have the id', query: 'ListUsers', want: 'v2 ListUsers'},
    {name: 'takes v1 when asked with a v1: prefix', query: 'v1:ListUsers', want: 'v1 ListUsers'},
    {name: 'takes v2 when asked with a v2: prefix', query: 'v2:list-users', want: 'v2 ListUsers'},
    {name: 'finds a v1-only id without a prefix', query: 'SearchMonitors', want: 'v1 SearchMonitors'},
    {name: 'finds nothing when the prefix names the wrong spec', query: 'v2:SearchMonitors', want: undefined},
    {name: 'finds nothing for an unknown name', query: 'NoSuchOperation', want: undefined},
  ])('$name', ({query, want}) => {
    const found = findOperationById(ops, query)
    expect(found && `${found.version} ${found.operationId}`).toBe(want)
  })
})

describe('fillPath', () => {
  it.each<{name: string; id: string; params: Record<string, string>; want: string}>([
    {name: 'returns a path without parameters as it is', id: 'ListMonitors', params: {}, want: '/api/v1/monitor'},
    {name: 'substitutes a parameter', id: 'GetMonitor', params: {monitor_id: '42'}, want: '/api/v1/monitor/42'},
    {name: 'URL-encodes values', id: 'GetUser', params: {user_id: 'a/b c?'}, want: '/api/v2/users/a%2Fb%20c%3F'},
    {
      name: 'substitutes every parameter of a template',
      id: 'GetSegments',
      params: {session_id: 's', view_id: 'v'},
      want: '/api/v2/rum/replay/sessions/s/views/v/segments',
    },
  ])('$name', ({id, params, want}) => {
    expect(fillPath(op(id), params)).toBe(want)
  })

  it.each<{name: string; id: string; params: Record<string, string>; message: string}>([
    {name: 'names a missing parameter', id: 'GetMonitor', params: {}, message: 'GetMonitor needs the path parameter monitor_id'},
    {name: 'treats an empty value as missing', id: 'GetMonitor', params: {monitor_id: ''}, message: 'needs the path parameter monitor_id'},
    {name: 'lists every missing parameter', id: 'GetSegments', params: {}, message: 'needs the path parameters session_id, view_id'},
    {name: 'ignores inherited properties', id: 'GetMonitor', params: Object.create({monitor_id: '1'}), message: 'monitor_id'},
    {name: 'refuses a dot-dot value that would climb the path', id: 'GetMonitor', params: {monitor_id: '..'}, message: 'cannot be ".."'},
  ])('$name', ({id, params, message}) => {
    expect(() => fillPath(op(id), params)).toThrow(message)
  })
})

describe('searchOperations', () => {
  const ids = (term: string) => searchOperations(ops, term).map((o) => `${o.version} ${o.operationId}`)

  it.each([
    {name: 'matches an id in any case', term: 'searchmonitors', includes: 'v1 SearchMonitors'},
    {name: 'matches an id written in kebab-case', term: 'search-monitors', includes: 'v1 SearchMonitors'},
    {name: 'matches a path', term: '/api/v2/logs/events', includes: 'v2 ListLogs'},
    {name: 'matches words of the summary', term: 'IP RANGES', includes: 'v1 GetIPRanges'},
    {name: 'lists both specs for a shared id', term: 'ListUsers', includes: 'v1 ListUsers'},
  ])('$name', ({term, includes}) => {
    expect(ids(term)).toContain(includes)
  })

  it('returns nothing when no field contains the term', () => {
    expect(ids('zzqxv-nothing')).toEqual([])
  })
})

describe('satisfies', () => {
  it.each([
    {name: 'needs nothing when the operation lists no alternatives', id: 'GetIPRanges', present: [], want: true},
    {name: 'accepts the API and application keys together', id: 'ListMonitors', present: ['apiKeyAuth', 'appKeyAuth'], want: true},
    {name: 'refuses an API key alone where both keys are needed', id: 'ListMonitors', present: ['apiKeyAuth'], want: false},
    {name: 'accepts OAuth alone where it is an alternative', id: 'ListMonitors', present: ['AuthZ'], want: true},
    {name: 'accepts an API key alone for the logs intake', id: 'v2:SubmitLog', present: ['apiKeyAuth'], want: true},
    {name: 'refuses both keys where the spec lists only OAuth', id: 'GetSPARecommendations', present: ['apiKeyAuth', 'appKeyAuth'], want: false},
    {name: 'refuses bearerAuth, which no operation lists', id: 'ListMonitors', present: ['bearerAuth'], want: false},
    {name: 'refuses an empty set where keys are needed', id: 'ListMonitors', present: [], want: false},
  ])('$name', ({id, present, want}) => {
    expect(satisfies(op(id), new Set(present))).toBe(want)
  })
})
