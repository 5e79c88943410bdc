import {describe, expect, it} from 'vitest'
import {loadOperations, nearbyOperations, suggestPaths} from '../../src/spec/index.js'
import {notFoundHint} from '../../src/call/methods.js'

const ops = await loadOperations()

describe('suggestPaths', () => {
  it.each([
    {name: 'corrects a misspelt word', path: '/api/v1/dashbord', first: '/api/v1/dashboard'},
    {name: 'ignores the query string', path: '/api/v1/dashbord?filter=x', first: '/api/v1/dashboard'},
    {name: 'lets a concrete id stand for a parameter', path: '/api/v1/monitr/123/downtims', first: '/api/v1/monitor/{monitor_id}/downtimes'},
    {name: 'fixes the last segment after an id', path: '/api/v2/users/abc/orgz', first: '/api/v2/users/{user_id}/orgs'},
    {name: 'drops an extra segment', path: '/api/v2/users/abc/orgs/extra', first: '/api/v2/users/{user_id}/orgs'},
    {name: 'adds a missing version segment', path: '/api/monitor', first: '/api/v1/monitor'},
  ])('$name', ({path, first}) => {
    expect(suggestPaths(ops, path)[0]).toBe(first)
  })

  it.each([
    {name: 'returns three templates by default', n: undefined, length: 3},
    {name: 'returns as many templates as asked', n: 5, length: 5},
  ])('$name', ({n, length}) => {
    expect(suggestPaths(ops, '/api/v1/monitors', n)).toHaveLength(length)
  })

  // A 404 for a path no template has, or `ddcli api show` of one, looks for close templates: a path as long as an
  // argument or a batch line can hold must not take minutes (the comparison runs synchronously).
  it.each([
    {name: 'a segment of 200,000 letters', path: `/api/v1/${'monitor'.repeat(30_000)}`, first: /^\/api\/v1\//},
    {name: '60,000 segments', path: '/api/v1/monitor'.repeat(20_000), first: undefined},
  ])('answers at once for $name', ({path, first}) => {
    const start = performance.now()
    const close = suggestPaths(ops, path)
    expect(performance.now() - start).toBeLessThan(1500)
    if (first) expect(close[0]).toMatch(first)
    else expect(close).toEqual([])
  })

  it('lists a template once even when several methods share it', () => {
    const paths = suggestPaths(ops, '/api/v1/monitors', 10)
    expect(new Set(paths).size).toBe(paths.length)
  })
})

describe('nearbyOperations', () => {
  it.each([
    {name: 'the operation under a collection', method: 'DELETE', path: '/api/v1/monitor', out: ['DeleteMonitor: DELETE /api/v1/monitor/{monitor_id}']},
    {name: 'the operation above an item', method: 'POST', path: '/api/v2/users/abc', out: ['CreateUser: POST /api/v2/users']},
    {name: 'nothing for a method with nothing near', method: 'PATCH', path: '/api/v1/validate', out: []},
  ])('names $name', ({method, path, out}) => {
    expect(nearbyOperations(ops, method, path)).toEqual(out)
  })
})

describe('notFoundHint', () => {
  it.each([
    {name: 'a path the spec has with other methods names them, not the path', method: 'DELETE', path: '/api/v1/monitor', out: 'the spec has ListMonitors (GET), CreateMonitor (POST) on this path, and DELETE at DeleteMonitor: DELETE /api/v1/monitor/{monitor_id}'},
    {name: 'a misspelt path gets the closest known ones', method: 'GET', path: '/api/v1/monitors', out: /^did you mean: \/api\/v1\/monitor, /},
    {name: 'an OPTIONS (never refused) names the methods the path has, not the path', method: 'OPTIONS', path: '/api/v1/monitor/123', out: 'the spec has GetMonitor (GET), UpdateMonitor (PUT), DeleteMonitor (DELETE) on this path'},
  ])('$name', async ({method, path, out}) => {
    const hint = await notFoundHint(method, path)
    if (typeof out === 'string') expect(hint).toBe(out)
    else expect(hint).toMatch(out)
  })
})
