import {describe, expect, it} from 'vitest'
import {configKey} from '../../src/config/keys.js'
import {UsageError} from '../../src/errors.js'

describe('configKey', () => {
  it.each([
    {name: 'a site name is kept', key: 'site', value: 'datadoghq.eu', out: 'datadoghq.eu'},
    {name: 'a pasted app URL becomes its site', key: 'site', value: 'https://app.datadoghq.eu/', out: 'datadoghq.eu'},
    {name: 'an upper-case site is lowered', key: 'site', value: 'US5.DATADOGHQ.COM', out: 'us5.datadoghq.com'},
    {name: 'an api-url loses its trailing slash', key: 'api-url', value: 'https://api.datadoghq.eu/', out: 'https://api.datadoghq.eu'},
    {name: 'an api-url keeps a proxy path', key: 'api-url', value: 'https://proxy.example.com/dd/', out: 'https://proxy.example.com/dd'},
    {name: 'http is accepted on loopback', key: 'api-url', value: ' http://127.0.0.1:8080 ', out: 'http://127.0.0.1:8080'},
    {name: 'read-only yes is stored as true', key: 'read-only', value: ' Yes ', out: 'true'},
    {name: 'read-only 0 is stored as false', key: 'read-only', value: '0', out: 'false'},
  ])('normalises a value when $name', ({key, value, out}) => {
    expect(configKey(key).parse(value)).toBe(out)
  })

  it.each([
    {name: 'an unknown site', key: 'site', value: 'example.com', message: /the site value is not a known Datadog site; use one of: datadoghq.com/},
    {name: 'an empty site', key: 'site', value: '', message: /not a known Datadog site/},
    {name: 'an api-url that is not a URL', key: 'api-url', value: 'api.datadoghq.eu', message: /the api-url value is not a URL; write it as https:\/\//},
    {name: 'plain http to a remote host', key: 'api-url', value: 'http://api.datadoghq.eu', message: /must use https/},
    {name: 'a URL with a password', key: 'api-url', value: 'https://u:hunter2hunter2@api.datadoghq.eu', message: /must not contain a user name or password/},
    {name: 'a read-only value that is no switch', key: 'read-only', value: 'ddpat_notaswitch', message: /the read-only value must be true or false/},
    {name: 'an empty read-only value', key: 'read-only', value: '', message: /the read-only value is empty; give true or false/},
  ])('refuses $name as a usage error that does not echo the value', ({key, value, message}) => {
    expect(() => configKey(key).parse(value)).toThrow(message)
    expect(() => configKey(key).parse(value)).toThrow(UsageError)
    try {
      configKey(key).parse(value)
    } catch (error: unknown) {
      if (value) expect((error as Error).message).not.toContain(value)
    }
  })

  it.each([
    {name: 'an unknown key', key: 'region'},
    {name: 'a credential name', key: 'pat'},
    {name: 'the camel-case field name', key: 'apiUrl'},
  ])('refuses $name, naming the valid keys', ({key}) => {
    expect(() => configKey(key)).toThrow(/valid keys: site, api-url, validate, read-only, output/)
    expect(() => configKey(key)).toThrow(UsageError)
  })
})
