import {describe, expect, it} from 'vitest'
import {authFailureHint} from '../../src/call/auth-hint.js'
import {resolveProfile, resolveSettings, type FlagValues, type StoredProfile} from '../../src/credentials/resolve.js'

const PAT = 'ddpat_hintsecret000000000000'
const API_KEY = 'hintapikey000000000000000000a1b2'
const APP_KEY = 'hintappkey0000000000000000000000000000c3'

function settings(flags: FlagValues, env: Record<string, string>, stored: StoredProfile = {}, profile?: string) {
  return resolveSettings({flags, env, stored, storeLabel: '/cfg/config.json [profile default]', profile: resolveProfile(profile, env)})
}

describe('the hint after a 401 or 403', () => {
  it.each([
    {name: 'names each credential sent with its source and the ones not sent', s: settings({}, {DD_API_KEY: API_KEY}, {appKey: APP_KEY}),
      hint: /^sent the API key from DD_API_KEY, the application key from \/cfg\/config\.json \[profile default\] \(no PAT\) to api\.datadoghq\.com \(site datadoghq\.com from default\); ddcli auth status --check tests each one$/},
    {name: 'names the site and where it came from', s: settings({pat: PAT}, {DD_SITE: 'datadoghq.eu'}),
      hint: /sent the PAT from --bearer-token \(no API key, no application key\) to api\.datadoghq\.com \(site datadoghq\.eu from DD_SITE\)/},
    {name: 'names the API URL source when one is set', s: settings({apiKey: API_KEY, apiUrl: 'http://127.0.0.1:9'}, {}),
      hint: /\(API URL from --api-url\)/},
    {name: 'says the PAT went as application key where it did', s: settings({}, {DD_BEARER_TOKEN: PAT, DD_API_KEY: API_KEY}), patAsAppKey: true,
      hint: /the PAT from DD_BEARER_TOKEN, the API key from DD_API_KEY, the PAT as application key to/},
    {name: 'adds the profile to the check command for a named profile', s: settings({apiKey: API_KEY}, {}, {}, 'staging'),
      hint: /ddcli auth status --check --profile staging tests each one/},
    {name: 'says nothing was sent to another origin', s: settings({apiKey: API_KEY}, {}), attached: false,
      hint: /^no credentials were sent to api\.datadoghq\.com/},
  ])('$name', ({s, hint, patAsAppKey = false, attached = true}) => {
    const line = authFailureHint(s, {attached, patAsAppKey}, 'api.datadoghq.com')
    expect(line).toMatch(hint)
    for (const secret of [PAT, API_KEY, APP_KEY]) expect(line).not.toContain(secret)
  })
})
