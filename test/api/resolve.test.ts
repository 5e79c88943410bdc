import {describe, expect, it} from 'vitest'
import {resolveOperations} from '../../src/api/resolve.js'
import {suggestIds} from '../../src/spec/suggest-ids.js'
import {UsageError} from '../../src/errors.js'
import {loadOperations} from '../../src/spec/index.js'

const ops = await loadOperations()
const names = (found: ReturnType<typeof resolveOperations>) => found.map((op) => `${op.version} ${op.method} ${op.operationId}`)

describe('resolveOperations', () => {
  it.each([
    {name: 'finds an exact operationId', target: 'ListMonitors', path: undefined, want: ['v1 GET ListMonitors']},
    {name: 'finds an operationId in any case', target: 'LISTMONITORS', path: undefined, want: ['v1 GET ListMonitors']},
    {name: 'finds an operationId in kebab-case', target: 'get-ip-ranges', path: undefined, want: ['v1 GET GetIPRanges']},
    {name: 'takes v2 for an id both specs have', target: 'ListUsers', path: undefined, want: ['v2 GET ListUsers']},
    {name: 'takes v1 when asked with v1:', target: 'v1:ListUsers', path: undefined, want: ['v1 GET ListUsers']},
    {name: 'finds METHOD PATH given as two arguments', target: 'get', path: '/api/v1/monitor/123', want: ['v1 GET GetMonitor']},
    {name: 'finds METHOD PATH given as one argument', target: 'DELETE /api/v1/monitor/{monitor_id}', path: undefined, want: ['v1 DELETE DeleteMonitor']},
    {name: 'shows every method of a bare path', target: '/api/v1/monitor', path: undefined, want: ['v1 GET ListMonitors', 'v1 POST CreateMonitor']},
    {
      name: 'shows every method of a concrete path',
      target: '/api/v1/monitor/123', path: undefined,
      want: ['v1 GET GetMonitor', 'v1 PUT UpdateMonitor', 'v1 DELETE DeleteMonitor'],
    },
    {name: 'prefers the exact template over a parameter', target: '/api/v1/monitor/search', path: undefined, want: ['v1 GET SearchMonitors']},
    {name: 'finds the root path', target: '/', path: undefined, want: ['v1 GET GetIPRanges']},
    {name: 'takes the path of a full URL', target: 'https://api.datadoghq.com/api/v2/users/abc?x=1', path: undefined, want: ['v2 GET GetUser', 'v2 PATCH UpdateUser', 'v2 DELETE DisableUser']},
  ])('$name', ({target, path, want}) => {
    expect(names(resolveOperations(ops, target, path))).toEqual(want)
  })

  it.each([
    {name: 'suggests close ids for a typo', target: 'ListMonitorz', path: undefined, want: /^unknown operation "ListMonitorz"; did you mean ListMonitors/},
    {name: 'suggests close paths for an unknown path', target: '/api/v1/monitr', path: undefined, want: /did you mean \/api\/v1\/monitor\b/},
    {name: 'suggests the methods a path has', target: 'PATCH', path: '/api/v1/monitor', want: /did you mean GET \/api\/v1\/monitor or POST \/api\/v1\/monitor\?/},
    {name: 'points to api list when no id is close', target: 'Qqqqqqqqqqqqq', path: undefined, want: /find one with ddcli api list SEARCH$/},
    {name: 'asks for a path after a lone method', target: 'GET', path: undefined, want: /^PATH is missing/},
    {name: 'refuses a second argument after a non-method', target: 'ListMonitors', path: '/x', want: /is not an HTTP method/},
  ])('$name', ({target, path, want}) => {
    let error: unknown
    try {
      resolveOperations(ops, target, path)
    } catch (caught: unknown) {
      error = caught
    }
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(want)
    expect((error as Error).message).not.toContain('\n')
  })
})

describe('suggestIds', () => {
  it.each([
    {name: 'puts the id one typo away first', given: 'ListMonitorz', want: 'ListMonitors'},
    {name: 'finds ids containing the word, shortest first', given: 'monitor', want: 'GetMonitor'},
    {name: 'ignores case and dashes', given: 'list-monitorz', want: 'ListMonitors'},
    {name: 'ignores a v1: prefix', given: 'v1:ListMonitorz', want: 'ListMonitors'},
  ])('$name', ({given, want}) => {
    expect(suggestIds(ops, given)[0]).toBe(want)
  })

  it.each([
    {name: 'suggests nothing for an unrelated word', given: 'Qqqqqqqqqqqqq'},
    {name: 'suggests nothing for an empty name', given: ''},
  ])('$name', ({given}) => {
    expect(suggestIds(ops, given)).toEqual([])
  })

  // An id only near-misses are compared with: one far longer than every id (a batch line holds up to 16 MiB) is
  // within a few typos of none, and comparing it letter by letter with all of them took minutes.
  it.each([
    {name: 'a million letters', given: 'x'.repeat(1_000_000)},
    {name: 'an id followed by 200,000 letters', given: `ListMonitors${'s'.repeat(200_000)}`},
  ])('suggests nothing, at once, for $name', ({given}) => {
    const start = performance.now()
    expect(suggestIds(ops, given)).toEqual([])
    expect(performance.now() - start).toBeLessThan(1500)
  })

  it('never suggests more than three ids', () => {
    expect(suggestIds(ops, 'monitor')).toHaveLength(3)
  })
})
