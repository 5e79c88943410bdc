import {describe, expect, it} from 'vitest'
import {isSpecGap, SPEC_GAPS} from '../../src/spec/gaps.js'
import {findRoute} from '../../src/spec/routes.js'

describe('SPEC_GAPS', () => {
  it.each(SPEC_GAPS.map((gap) => ({gap})))('$gap is still missing from the specs (else drop it from the list)', ({gap}) => {
    const [method, path] = gap.split(' ') as [string, string]
    expect(findRoute(method, path)).toBeUndefined()
  })

  it.each([
    {name: 'a gap as recorded', method: 'GET', path: '/api/v2/workflows', gap: true},
    {name: 'a gap with a trailing slash, any case of method', method: 'get', path: '/api/v2/workflows/', gap: true},
    {name: 'another method on that path', method: 'DELETE', path: '/api/v2/workflows', gap: false},
  ])('tells $name', ({method, path, gap}) => {
    expect(isSpecGap(method, path)).toBe(gap)
  })
})
