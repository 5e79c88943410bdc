import {describe, expect, it} from 'vitest'
import {debugEnabled, maskingLogger} from '../src/debug-logger.js'

describe('debugEnabled', () => {
  it.each([
    {pattern: '*', namespace: 'oclif:config', on: true},
    {pattern: 'oclif:*', namespace: 'oclif:config', on: true},
    {pattern: 'oclif:*,-oclif:config', namespace: 'oclif:config', on: false},
    {pattern: 'oclif:* -oclif:config', namespace: 'oclif:main', on: true},
    {pattern: 'other', namespace: 'oclif', on: false},
    {pattern: '', namespace: 'oclif', on: false},
  ])('$pattern for $namespace is $on', ({pattern, namespace, on}) => {
    expect(debugEnabled(pattern, namespace)).toBe(on)
  })
})

describe('maskingLogger', () => {
  const key = '0123456789abcdef0123456789abcdef'
  it('writes oclif\'s trace with the secrets of argv and env masked, also from child loggers', () => {
    const lines: string[] = []
    const logger = maskingLogger(['call', '--api-key', key], {DEBUG: '*', DD_APP_KEY: 'appkeyvalue000000000000000000000000000001'}, 'oclif', (text) => lines.push(text))
    logger.debug('argv %o', ['call', '--api-key', key])
    logger.child('config').info('app key appkeyvalue000000000000000000000000000001')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/ oclif:config app key \*\*\*\*0001\n$/)
    expect(lines.join('')).not.toContain(key)
    expect(lines.join('')).not.toContain('appkeyvalue')
  })

  it('writes nothing for a namespace DEBUG leaves off', () => {
    const lines: string[] = []
    maskingLogger([], {DEBUG: 'other'}, 'oclif', (text) => lines.push(text)).debug('x')
    expect(lines).toEqual([])
  })
})
