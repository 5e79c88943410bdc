import {describe, expect, it} from 'vitest'
import {loadOperations, suggestPaths} from '../../src/spec/index.js'

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
