import {describe, expect, it} from 'vitest'
import {editProfile, removeFromProfile} from '../../src/credentials/profile-edit.js'
import type {ConfigData} from '../../src/credentials/store.js'

describe('editProfile', () => {
  it.each([
    {name: 'creates profiles and the profile in an empty config', data: {}, profile: 'default'},
    {name: 'keeps other profiles', data: {profiles: {other: {site: 'datadoghq.eu'}}}, profile: 'default'},
    {name: 'creates __proto__ as an ordinary profile', data: {}, profile: '__proto__'},
    {name: 'creates constructor as an ordinary profile', data: {}, profile: 'constructor'},
  ])('$name', ({data, profile}) => {
    const config: ConfigData = structuredClone(data)
    editProfile(config, profile).apiKey = 'k'
    expect(JSON.parse(JSON.stringify(config)).profiles[profile]).toEqual({apiKey: 'k'})
    expect(({} as Record<string, unknown>).apiKey).toBeUndefined()
    if (data.profiles?.other) expect(config.profiles?.other).toEqual({site: 'datadoghq.eu'})
  })

  it('returns the existing profile so its other keys stay', () => {
    const config: ConfigData = {profiles: {default: {site: 'datadoghq.eu'}}}
    editProfile(config, 'default').pat = 'p'
    expect(config.profiles?.default).toEqual({site: 'datadoghq.eu', pat: 'p'})
  })
})

describe('removeFromProfile', () => {
  it.each([
    {name: 'removes only stored keys and reports them', stored: {pat: 'p', site: 's'}, keys: ['pat', 'apiKey'] as const, removed: ['pat'], left: {site: 's'}},
    {name: 'removes an emptied profile', stored: {pat: 'p'}, keys: ['pat'] as const, removed: ['pat'], left: undefined},
    {name: 'reports nothing when nothing was stored', stored: {site: 's'}, keys: ['apiKey'] as const, removed: [], left: {site: 's'}},
  ])('$name', ({stored, keys, removed, left}) => {
    const config: ConfigData = {profiles: {default: {...stored}}}
    expect(removeFromProfile(config, 'default', keys)).toEqual(removed)
    expect(config.profiles?.default).toEqual(left)
  })

  it('reports nothing for a missing profile and does not look at inherited properties', () => {
    expect(removeFromProfile({profiles: {}}, 'constructor', ['pat'])).toEqual([])
    expect(removeFromProfile({}, 'default', ['pat'])).toEqual([])
  })
})
