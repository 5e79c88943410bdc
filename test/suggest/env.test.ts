import {describe, expect, it} from 'vitest'
import {nearMissNote} from '../../src/suggest/env.js'

describe('the note on near-miss variable names', () => {
  it.each([
    {name: 'DD_APPLICATION_KEY names DD_APP_KEY', env: {DD_APPLICATION_KEY: 'v'}, note: /^note: DD_APPLICATION_KEY is set but ddcli reads DD_APP_KEY \(rename it, e\.g\. export DD_APP_KEY="\$DD_APPLICATION_KEY"/},
    {name: 'DATADOG_APPLICATION_KEY names DD_APP_KEY', env: {DATADOG_APPLICATION_KEY: 'v'}, note: /DATADOG_APPLICATION_KEY is set but ddcli reads DD_APP_KEY/},
    {name: 'DATADOG_ACCESS_TOKEN names DD_BEARER_TOKEN', env: {DATADOG_ACCESS_TOKEN: 'v'}, note: /DATADOG_ACCESS_TOKEN is set but ddcli reads DD_BEARER_TOKEN/},
    {name: "pup's DD_ORG names DD_PROFILE", env: {DD_ORG: 'v'}, note: /DD_ORG is set but ddcli reads DD_PROFILE/},
    {name: "pup's DD_TOKEN_STORAGE names DDCLI_STORAGE", env: {DD_TOKEN_STORAGE: 'v'}, note: /DD_TOKEN_STORAGE is set but ddcli reads DDCLI_STORAGE/},
    {name: 'DD_APIKEY names DD_API_KEY', env: {DD_APIKEY: 'v'}, note: /DD_APIKEY is set but ddcli reads DD_API_KEY/},
    {name: 'DATADOG_HOST names DD_API_URL', env: {DATADOG_HOST: 'v'}, note: /DATADOG_HOST is set but ddcli reads DD_API_URL/},
    {name: 'DATADOG_PROFILE names DD_PROFILE', env: {DATADOG_PROFILE: 'v'}, note: /DATADOG_PROFILE is set but ddcli reads DD_PROFILE/},
    {name: 'two near misses are one line', env: {DD_APPLICATION_KEY: 'v', DD_PAT: 'w'}, note: /^note: [^\n]*DD_PAT[^\n]*; DD_APPLICATION_KEY[^\n]*$/},
  ])('$name', ({env, note}) => {
    const line = nearMissNote(env)
    expect(line).toMatch(note)
    expect(line).not.toMatch(/="?v"?\b(?!\$)/)
  })

  it.each([
    {name: 'no near-miss variable is set', env: {DD_API_KEY: 'k'}},
    {name: 'DATADOG_API_KEY, which ddcli reads', env: {DATADOG_API_KEY: 'k'}},
    {name: 'DATADOG_APP_KEY, which ddcli reads', env: {DATADOG_APP_KEY: 'k'}},
    {name: 'DD_APPLICATION_KEY when DD_APP_KEY is set too', env: {DD_APPLICATION_KEY: 'v', DD_APP_KEY: 'k'}},
    {name: 'DD_APPLICATION_KEY when DATADOG_APP_KEY is set', env: {DD_APPLICATION_KEY: 'v', DATADOG_APP_KEY: 'k'}},
    {name: 'a blank DD_PAT', env: {DD_PAT: '  '}},
    {name: "pup's DD_ACCESS_TOKEN, which ddcli reads", env: {DD_ACCESS_TOKEN: 'v'}},
    {name: 'DD_PAT when DD_ACCESS_TOKEN gives the PAT', env: {DD_PAT: 'v', DD_ACCESS_TOKEN: 'w'}},
  ])('says nothing for $name', ({env}) => {
    expect(nearMissNote(env)).toBeUndefined()
  })
})
