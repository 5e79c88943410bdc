import {describe, expect, it} from 'vitest'
import {parseRetries, parseSeconds} from '../../src/call/limits.js'

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
  ])('parseSeconds refuses $name', ({text}) => {
    expect(() => parseSeconds(text, '--timeout', false, 86_400)).toThrow(/--timeout must be a positive number of seconds up to 86400/)
  })

  it.each([
    {text: '0', want: 0}, {text: '3', want: 3}, {text: '100', want: 100},
  ])('parseRetries accepts $text', ({text, want}) => {
    expect(parseRetries(text)).toBe(want)
  })

  it.each(['101', '1.5', '-1', '', '1e2', '0x3', '1000000000'])('parseRetries refuses %j', (text) => {
    expect(() => parseRetries(text)).toThrow(/a whole number up to 100/)
  })
})
