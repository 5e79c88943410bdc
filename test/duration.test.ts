import {describe, expect, it} from 'vitest'
import {formatDuration, parseDuration} from '../src/duration.js'

const DAY = {allowZero: false, maxSeconds: 86_400}

describe('durations as a person writes them', () => {
  it.each([
    {name: 'a whole number of seconds', text: '30', want: 30_000},
    {name: 'a fraction of a second', text: '0.5', want: 500},
    {name: 'exactly a day in seconds', text: '86400', want: 86_400_000},
    {name: 'spaces around the number', text: ' 5 ', want: 5000},
    {name: 'milliseconds', text: '500ms', want: 500},
    {name: 'seconds with a unit', text: '5s', want: 5000},
    {name: 'minutes', text: '2m', want: 120_000},
    {name: 'hours', text: '1h', want: 3_600_000},
    {name: 'a day in hours', text: '24h', want: 86_400_000},
    {name: 'a fraction of an hour (exact, not 360000.00000000006)', text: '0.1h', want: 360_000},
    {name: 'minutes and seconds', text: '1m30s', want: 90_000},
    {name: 'every unit, largest first', text: '1h2m3s4ms', want: 3_723_004},
    {name: 'seconds and milliseconds', text: '1s500ms', want: 1500},
    {name: 'a fraction of a millisecond, rounded up so it stays positive', text: '0.0001', want: 1},
    {name: 'a minute written as 60 with a unit', text: '60s', want: 60_000},
  ])('accepts $name ($text)', ({text, want}) => {
    expect(parseDuration(text, '--timeout', DAY)).toBe(want)
  })

  it.each(['0', '0s', '0ms', '0h0m'])('accepts %j where zero is allowed', (text) => {
    expect(parseDuration(text, '--max-wait', {allowZero: true, maxSeconds: 86_400})).toBe(0)
  })

  it.each([
    {name: 'one second more than a day', text: '86401'},
    {name: 'a day and a millisecond', text: '24h1ms'},
    {name: 'more than a day in hours', text: '25h'},
    {name: 'a value that overflows timers', text: '1e10'},
    {name: 'a huge number of hours', text: `${'9'.repeat(400)}h`},
    {name: 'Infinity', text: 'Infinity'},
    {name: 'NaN', text: 'NaN'},
    {name: 'hex', text: '0x10'},
    {name: 'an exponent', text: '1e3'},
    {name: 'an empty value', text: ''},
    {name: 'a unit alone', text: 's'},
    {name: 'a negative number', text: '-1'},
    {name: 'a negative duration', text: '-1s'},
    {name: 'zero where it is not allowed', text: '0'},
    {name: 'zero with a unit where it is not allowed', text: '0ms'},
    {name: 'an upper-case unit', text: '5S'},
    {name: 'M, which could be months', text: '2M'},
    {name: 'a space before the unit', text: '5 s'},
    {name: 'a unit spelled out', text: '5sec'},
    {name: 'days (not a unit here)', text: '1d'},
    {name: 'units smallest first', text: '30s1m'},
    {name: 'a unit twice', text: '1s1s'},
    {name: 'a number after the units', text: '1m30'},
    {name: 'a leading dot', text: '.5s'},
    {name: 'a trailing dot', text: '5.s'},
  ])('refuses $name ($text), naming the valid values, what was given and an example', ({text}) => {
    const shown = text.length > 43 ? `"..." (${text.length} characters)` : JSON.stringify(text)
    expect(() => parseDuration(text, '--timeout', DAY)).toThrow(`--timeout must be a duration from 1ms to 24h (30 is seconds; or 500ms, 5s, 2m, 1h), got ${shown}; e.g. --timeout 30s`)
  })

  it('names 0 as the least where zero is allowed', () => {
    expect(() => parseDuration('soon', '--max-wait', {allowZero: true, maxSeconds: 86_400})).toThrow('--max-wait must be a duration from 0 to 24h (30 is seconds; or 500ms, 5s, 2m, 1h), got "soon"; e.g. --max-wait 60s')
  })

  it.each([
    {maxSeconds: 3600, shown: '1h'}, {maxSeconds: 600, shown: '10m'}, {maxSeconds: 90, shown: '90s'},
  ])('writes a limit of $maxSeconds s as $shown, as it could be typed', ({maxSeconds, shown}) => {
    expect(() => parseDuration('x', '--cache', {allowZero: true, maxSeconds})).toThrow(`from 0 to ${shown} `)
  })

  it('escapes control characters in what was given', () => {
    expect(() => parseDuration('1\u001b[2J', '--timeout', DAY)).toThrow('got "1\\u001b[2J"')
  })

  it.each([
    {ms: 0, want: '0 s'}, {ms: 1, want: '1 ms'}, {ms: 500, want: '500 ms'}, {ms: 1000, want: '1 s'}, {ms: 1500, want: '1.5 s'}, {ms: 60_000, want: '60 s'}, {ms: 86_400_000, want: '86400 s'},
  ])('formats $ms ms as $want', ({ms, want}) => {
    expect(formatDuration(ms)).toBe(want)
  })
})
