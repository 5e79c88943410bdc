import {describe, expect, it} from 'vitest'
import {resolveProfile, resolveSettings, type FlagValues, type StoredProfile} from '../../src/credentials/resolve.js'
import {ConfigError, UsageError} from '../../src/errors.js'
import {credentialFlags} from '../../src/base-command.js'

const LABEL = '/cfg/config.json [profile default]'
const profile = {value: 'default', origin: 'default' as const, source: 'default'}

function resolve(flags: FlagValues, env: Record<string, string | undefined>, stored: StoredProfile = {}) {
  return resolveSettings({flags, env, stored, storeLabel: LABEL, profile})
}

describe('resolveSettings', () => {
  it.each([
    {name: 'a flag beats env and config', flags: {apiKey: 'flag-key'}, env: {DD_API_KEY: 'env-key'}, stored: {apiKey: 'cfg-key'}, value: 'flag-key', source: '--api-key'},
    {name: 'DD_API_KEY beats DATADOG_API_KEY', flags: {}, env: {DD_API_KEY: 'dd', DATADOG_API_KEY: 'datadog'}, stored: {}, value: 'dd', source: 'DD_API_KEY'},
    {name: 'DATADOG_API_KEY is used when DD_API_KEY is empty', flags: {}, env: {DD_API_KEY: '', DATADOG_API_KEY: 'datadog'}, stored: {}, value: 'datadog', source: 'DATADOG_API_KEY'},
    {name: 'a whitespace-only env value counts as unset', flags: {}, env: {DD_API_KEY: '   '}, stored: {apiKey: 'cfg'}, value: 'cfg', source: LABEL},
    {name: 'an empty flag counts as unset', flags: {apiKey: ''}, env: {DD_API_KEY: 'env'}, stored: {}, value: 'env', source: 'DD_API_KEY'},
    {name: 'values are trimmed', flags: {}, env: {DD_API_KEY: '  key123  '}, stored: {}, value: 'key123', source: 'DD_API_KEY'},
    {name: 'nothing anywhere is not set', flags: {}, env: {}, stored: {}, value: undefined, source: 'not set'},
  ])('API key: $name', ({flags, env, stored, value, source}) => {
    const {apiKey} = resolve(flags, env, stored)
    expect(apiKey.value).toBe(value)
    expect(apiKey.source).toBe(source)
  })

  it('resolves each credential on its own', () => {
    const s = resolve({appKey: 'app-flag'}, {DD_BEARER_TOKEN: 'ddpat_env'}, {apiKey: 'api-cfg'})
    expect([s.pat.source, s.apiKey.source, s.appKey.source]).toEqual(['DD_BEARER_TOKEN', LABEL, '--app-key'])
    expect([s.pat.value, s.apiKey.value, s.appKey.value]).toEqual(['ddpat_env', 'api-cfg', 'app-flag'])
  })

  it.each([
    {name: 'default site', flags: {}, env: {}, stored: {}, site: 'datadoghq.com', url: 'https://api.datadoghq.com'},
    {name: 'DD_SITE picks the API host', flags: {}, env: {DD_SITE: 'datadoghq.eu'}, stored: {}, site: 'datadoghq.eu', url: 'https://api.datadoghq.eu'},
    {name: 'a pasted app URL is normalised', flags: {site: 'https://app.datadoghq.eu/'}, env: {}, stored: {}, site: 'datadoghq.eu', url: 'https://api.datadoghq.eu'},
    {name: 'an api. host is normalised', flags: {}, env: {DATADOG_SITE: 'api.us5.datadoghq.com'}, stored: {}, site: 'us5.datadoghq.com', url: 'https://api.us5.datadoghq.com'},
    {name: 'a stored site is used when nothing else is set', flags: {}, env: {}, stored: {site: 'ap1.datadoghq.com'}, site: 'ap1.datadoghq.com', url: 'https://api.ap1.datadoghq.com'},
    {name: 'DD_API_URL wins over the site', flags: {}, env: {DD_SITE: 'datadoghq.eu', DD_API_URL: 'https://proxy.example.com/dd/'}, stored: {}, site: 'datadoghq.eu', url: 'https://proxy.example.com/dd'},
    {name: 'http is allowed on loopback', flags: {apiUrl: 'http://127.0.0.1:8080'}, env: {}, stored: {}, site: 'datadoghq.com', url: 'http://127.0.0.1:8080'},
    {name: 'http is allowed on localhost', flags: {apiUrl: 'http://localhost:1'}, env: {}, stored: {}, site: 'datadoghq.com', url: 'http://localhost:1'},
    {name: 'http is allowed on ::1', flags: {apiUrl: 'http://[::1]:1'}, env: {}, stored: {}, site: 'datadoghq.com', url: 'http://[::1]:1'},
  ])('site and API URL: $name', ({flags, env, stored, site, url}) => {
    const s = resolve(flags, env, stored)
    expect(s.site.value).toBe(site)
    expect(s.apiUrl.value).toBe(url)
  })

  it.each([
    {name: 'a flag with a line break is a usage error', flags: {apiKey: 'abc\ndef'}, env: {}, error: UsageError},
    {name: 'an env value with a NUL is a config error', flags: {}, env: {DD_APP_KEY: 'abc\u0000def'}, error: ConfigError},
    {name: 'an env value with inner spaces is a config error', flags: {}, env: {DD_BEARER_TOKEN: 'ddpat_ab cd'}, error: ConfigError},
    {name: 'an unknown site from a flag is a usage error', flags: {site: 'example.com'}, env: {}, error: UsageError},
    {name: 'an unknown site from env is a config error', flags: {}, env: {DD_SITE: 'datadog.com'}, error: ConfigError},
    {name: 'http to a remote host from a flag is a usage error', flags: {apiUrl: 'http://api.datadoghq.com'}, env: {}, error: UsageError},
    {name: 'http to a remote host from env is a config error', flags: {}, env: {DD_API_URL: 'http://10.0.0.1'}, error: ConfigError},
    {name: 'a non-URL API URL is refused', flags: {apiUrl: 'not a url'}, env: {}, error: UsageError},
    {name: 'an API URL with a password is refused', flags: {apiUrl: 'https://u:p@api.datadoghq.com'}, env: {}, error: UsageError},
  ])('refuses bad values: $name', ({flags, env, error}) => {
    expect(() => resolve(flags, env)).toThrow(error)
  })

  it('never puts the refused value in the message', () => {
    expect(() => resolve({}, {DD_API_KEY: 'secretvalue\r\nX: y'})).toThrow(/^DD_API_KEY contains a control character/)
    try {
      resolve({}, {DD_API_KEY: 'secretvalue\r\nX: y'})
    } catch (error: unknown) {
      expect((error as Error).message).not.toContain('secretvalue')
    }
  })

  it('names a few sites and the region names when the site is close to none', () => {
    expect(() => resolve({site: 'nope'}, {})).toThrow(/use a site such as datadoghq\.com or datadoghq\.eu, or its name in Datadog's docs \(US1, .*US1-FED/)
  })

  it('resolves a region name given as --site to its host, with --site as the source', () => {
    const settings = resolve({site: 'eu1'}, {})
    expect(settings.site).toMatchObject({value: 'datadoghq.eu', source: '--site'})
    expect(settings.apiUrl.value).toBe('https://api.datadoghq.eu')
  })
})

describe('resolveProfile', () => {
  it.each([
    {name: 'the flag wins', flag: 'work', env: {DD_PROFILE: 'home'}, value: 'work', source: '--profile'},
    {name: 'DD_PROFILE is next', flag: undefined, env: {DD_PROFILE: 'home'}, value: 'home', source: 'DD_PROFILE'},
    {name: 'default is last', flag: '  ', env: {}, value: 'default', source: 'default'},
    {name: 'the flag wins over the stored default', flag: 'work', env: {}, stored: 'ops', value: 'work', source: '--profile'},
    {name: 'DD_PROFILE wins over the stored default', flag: undefined, env: {DD_PROFILE: 'home'}, stored: 'ops', value: 'home', source: 'DD_PROFILE'},
    {name: 'the stored default wins over default', flag: undefined, env: {}, stored: 'ops', value: 'ops', source: 'c.json [defaultProfile]'},
    {name: 'a blank DD_PROFILE leaves the stored default', flag: undefined, env: {DD_PROFILE: ' '}, stored: 'ops', value: 'ops', source: 'c.json [defaultProfile]'},
  ])('$name', ({flag, env, stored, value, source}) => {
    expect(resolveProfile(flag, env, {name: stored, source: 'c.json [defaultProfile]'})).toMatchObject({value, source})
  })

  it.each(['../x', 'a/b', '..', '.hidden', 'a b', 'x'.repeat(65)])('refuses the profile name %j', (name) => {
    expect(() => resolveProfile(name, {})).toThrow(UsageError)
  })
})

describe('the source of a flag given by its alias', () => {
  it.each([
    {name: 'a PAT given as --pat shows --pat as its source', argv: ['--pat', 'x'], source: '--pat'},
    {name: 'a PAT given as --pat=value shows --pat as its source', argv: ['--pat=x'], source: '--pat'},
    {name: 'a PAT given as --bearer-token shows --bearer-token', argv: ['--bearer-token', 'x'], source: '--bearer-token'},
  ])('$name', ({argv, source}) => {
    expect(resolve(credentialFlags({'bearer-token': 'ddpat_aliasvalue'}, argv), {}).pat.source).toBe(source)
  })
})
