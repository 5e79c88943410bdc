import {describe, expect, it} from 'vitest'
import {parseCount, parseRetries} from '../../src/call/limits.js'

describe('numeric flags at and beyond their limits', () => {
  it.each([
    {text: '0', want: 0}, {text: '3', want: 3}, {text: '100', want: 100},
  ])('parseRetries accepts $text', ({text, want}) => {
    expect(parseRetries(text)).toBe(want)
  })

  it.each(['101', '1.5', '-1', '', '1e2', '0x3', '1000000000'])('parseRetries refuses %j', (text) => {
    expect(() => parseRetries(text)).toThrow(`--retries must be a non-negative number of retries (a whole number up to 100), got ${JSON.stringify(text)}; e.g. --retries 3`)
  })

  it.each([
    {text: undefined, want: undefined}, {text: '1', want: 1}, {text: '500', want: 500}, {text: ' 7 ', want: 7}, {text: '9007199254740991', want: 9_007_199_254_740_991},
  ])('parseCount accepts $text', ({text, want}) => {
    expect(parseCount(text, '--max-items', 100)).toBe(want)
  })

  it.each(['abc', '1e3', '1.5', '-1', '0', '', '0x10', '9007199254740992', 'Infinity', '10 items'])('parseCount refuses %j, naming the valid values and what was given', (text) => {
    expect(() => parseCount(text, '--max-items', 100)).toThrow(`--max-items must be a whole number of at least 1, got ${JSON.stringify(text)}; e.g. --max-items 100`)
  })

  it('parseCount with a maximum names it', () => {
    expect(() => parseCount('257', '--concurrency', 8, 256)).toThrow('--concurrency must be a whole number from 1 to 256, got "257"; e.g. --concurrency 8')
  })

  it('shows at most 40 characters of what was given, never part of a word, with control characters escaped', () => {
    expect(() => parseCount(`${'9'.repeat(50)}\u001b`, '--page-size', 100)).toThrow('got "..." (51 characters); e.g.')
    expect(() => parseCount(`12 ${'9'.repeat(50)}`, '--page-size', 100)).toThrow('got "12 ..." (53 characters); e.g.')
    expect(() => parseCount('1\u001b[2J', '--page-size', 100)).toThrow('got "1\\u001b[2J"')
  })
})
