import {describe, expect, it} from 'vitest'
import {commandSet} from '../../src/hooks/command-not-found.js'
import {stderrColor} from '../../src/hooks/stderr-color.js'

describe('commandSet', () => {
  it('lists visible commands and the topics that have one, with spaces', () => {
    const set = commandSet({
      commands: [{id: 'call'}, {id: 'auth:status'}, {id: '__complete', hidden: true}, {id: 'config:get'}],
      topics: [{name: 'auth'}, {name: 'config'}, {name: 'empty'}, {name: 'secret', hidden: true}],
    })
    expect(set).toEqual({commands: ['call', 'auth status', 'config get'], topics: ['auth', 'config']})
  })
})

describe('stderrColor', () => {
  it('is off with --no-color before --, whatever the terminal', () => {
    expect(stderrColor(['x', '--no-color'])).toBe(0)
  })
})
