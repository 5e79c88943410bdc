import {describe, expect, it} from 'vitest'
import {methodNotOnPathLine} from '../../src/call/methods.js'
import {cutShort} from '../../src/closest.js'

describe('paths and values cut short in messages', () => {
  // A secret is masked only whole: a cut inside one printed the rest of it as it is.
  it('never ends a path in part of a word', () => {
    const key = 'abcdef0123456789abcdef0123456789'
    const path = `/api/v1/monitor/${'x'.repeat(90)}/${key}`
    const line = methodNotOnPathLine('DELETE', path, [], [])
    expect(line).not.toMatch(/abcdef/)
    expect(line).toContain(`/api/v1/monitor/${'x'.repeat(90)}/...`)
  })

  it.each([
    {text: 'short', max: 10, out: 'short'},
    {text: 'one two three four', max: 12, out: 'one two ...'},
    {text: 'x'.repeat(50), max: 10, out: '...'},
    {text: 'ab cd', max: 5, out: 'ab cd'},
  ])('cutShort($text, $max)', ({text, max, out}) => {
    expect(cutShort(text, max)).toBe(out)
  })
})
