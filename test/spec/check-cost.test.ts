import {describe, expect, it, vi} from 'vitest'

const calls = vi.hoisted(() => ({closest: 0}))
vi.mock('../../src/closest.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/closest.js')>()
  return {...actual, closest: (...args: Parameters<typeof actual.closest>) => {
    calls.closest++
    return actual.closest(...args)
  }}
})

const {checkBody} = await import('../../src/spec/check.js')
const {loadSchema} = await import('../../src/spec/schemas.js')

describe('the cost of a body with many problems', () => {
  // 100,000 widgets with one typo took 35 s, most of it the same did-you-mean worked out once per widget.
  it('works out the did-you-mean of a typo shared by many values once', async () => {
    const schema = (await loadSchema('v1', 'CreateDashboard'))!
    const widgets = Array.from({length: 2000}, () => ({definition: {type: 'timeserie', requests: 5}}))
    calls.closest = 0
    const result = checkBody(schema, {title: 't', layout_type: 'ordered', widgets})
    expect(result.errors).toHaveLength(2000)
    expect(result.errors[1999]).toMatchObject({pointer: '/widgets/1999/definition/type', suggestion: '"timeseries"'})
    expect(calls.closest).toBeLessThan(10)
  })
})
