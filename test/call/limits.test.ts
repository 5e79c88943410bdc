import {describe, expect, it} from 'vitest'
import {parseCount, parseRetries, parseSeconds} from '../../src/call/limits.js'

describe('numeric flags at and beyond their limits', () => {
  it.each([
    {name: 'a whole number of seconds', text: '30', allowZero: false, want: 30},
    {name: 'a fraction of a second', text: '0.5', allowZero: false, want: 0.5},
    {name: 'exactly a day', text: '86400', allowZero: false, want: 86_400},
    {name: 'zero where zero is allowed', text: '0', allowZero: true, want: 0},
    {name: 'spaces around the number', text: ' 5 ', allowZero: false, want: 5},
  ])('parseSeconds accepts $name', ({text, allowZero, want}) => {
    expect(parseSeconds(text, '--timeout', allowZero, 86_400)).toBe(want)
  })

  it.each([
    {name: 'one second more than a day', text: '86401'},
    {name: 'a value that overflows timers', text: '1e10'},
    {name: 'Infinity', text: 'Infinity'},
    {name: 'NaN', text: 'NaN'},
    {name: 'hex', text: '0x10'},
    {name: 'an exponent', text: '1e3'},
    {name: 'an empty value', text: ''},
    {name: 'a negative number', text: '-1'},
    {name: 'zero where it is not allowed', text: '0'},
    {name: 'a unit suffix', text: '30s'},
  ])('parseSeconds refuses $name, naming the valid values and what was given', ({text}) => {
    expect(() => parseSeconds(text, '--timeout', false, 86_400)).toThrow(`--timeout must be a positive number of seconds up to 86400, got ${JSON.stringify(text)}; e.g. --timeout 30`)
  })

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

  it('shows at most 40 characters of what was given, with control characters escaped', () => {
    expect(() => parseCount(`${'9'.repeat(50)}\u001b`, '--page-size', 100)).toThrow(`got "${'9'.repeat(40)}..."; e.g.`)
    expect(() => parseCount('1\u001b[2J', '--page-size', 100)).toThrow('got "1\\u001b[2J"')
  })
})
