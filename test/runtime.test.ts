import {describe, expect, it} from 'vitest'
import {withoutStraySecrets} from '../src/runtime.js'

// oclif's parse errors quote argv as given; a secret typed in the wrong place must not come back in them.
describe('withoutStraySecrets', () => {
  it.each([
    {name: 'masks the value of a misspelled credential flag', line: 'Nonexistent flag: --api_key=0123456789abcdef0123456789abcdef', argv: ['GET', '/x', '--api_key=0123456789abcdef0123456789abcdef'], want: 'Nonexistent flag: --api_key=****cdef'},
    {name: 'masks a short value whole', line: 'Nonexistent flag: --token=hunter2', argv: ['--token=hunter2'], want: 'Nonexistent flag: --token=****'},
    {name: 'masks each of several unknown flags', line: 'Nonexistent flags: --a=secretvalue0001, --b=x', argv: ['--a=secretvalue0001', '--b=x'], want: 'Nonexistent flags: --a=****0001, --b=****'},
    {name: 'masks a key given without its flag', line: 'Unexpected argument: 0123456789abcdef0123456789abcdef', argv: ['GET', '/x', '0123456789abcdef0123456789abcdef'], want: 'Unexpected argument: ****cdef'},
    {name: 'masks a PAT given without its flag', line: 'Unexpected argument: ddpat_abc123def456ghi789jkl', argv: ['GET', '/x', 'ddpat_abc123def456ghi789jkl'], want: 'Unexpected argument: ****9jkl'},
    {name: 'keeps an unknown flag without a value', line: 'Nonexistent flag: --bogus', argv: ['GET', '/x', '--bogus'], want: 'Nonexistent flag: --bogus'},
    {name: 'keeps a short unexpected argument', line: 'Unexpected argument: extra', argv: ['GET', '/x', 'extra'], want: 'Unexpected argument: extra'},
    {name: 'keeps a long operation id without digits', line: 'Unexpected argument: ListMonitorDowntimesForever', argv: ['ListMonitorDowntimesForever'], want: 'Unexpected argument: ListMonitorDowntimesForever'},
    {name: 'keeps a path', line: 'Unexpected argument: /api/v1/monitor/1234567890123456789012', argv: ['/api/v1/monitor/1234567890123456789012'], want: 'Unexpected argument: /api/v1/monitor/1234567890123456789012'},
    {name: 'keeps a line about something else', line: 'Missing 1 required arg: method', argv: [], want: 'Missing 1 required arg: method'},
  ])('$name', ({line, argv, want}) => {
    expect(withoutStraySecrets(line, argv)).toBe(want)
  })
})
