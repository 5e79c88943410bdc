import {readFile, stat} from 'node:fs/promises'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {configDir, out, type ConfigDir} from './config-dir.js'

const API_KEY = '0123456789abcdef0123456789abAPIK'

let cfg: ConfigDir
beforeEach(async () => { cfg = await configDir() })
afterEach(async () => { await cfg.cleanup() })

describe('config set and get', () => {
  it.each([
    {name: 'a site', key: 'site', value: 'datadoghq.eu', stored: 'datadoghq.eu', field: 'site'},
    {name: 'a pasted app URL as its site', key: 'site', value: 'https://app.US5.datadoghq.com/monitors', stored: 'us5.datadoghq.com', field: 'site'},
    {name: 'an api-url without its trailing slash', key: 'api-url', value: 'https://proxy.example.com/dd/', stored: 'https://proxy.example.com/dd', field: 'apiUrl'},
    {name: 'validate false, lower-cased', key: 'validate', value: ' FALSE', stored: 'false', field: 'validate'},
    {name: 'validate true', key: 'validate', value: 'true', stored: 'true', field: 'validate'},
    {name: 'an output format in lower case', key: 'output', value: ' Table', stored: 'table', field: 'output'},
  ])('stores $name normalised and gets it back', async ({key, value, stored, field}) => {
    const set = await cfg.run(['config', 'set', key, value])
    expect(set.code).toBe(0)
    expect(set.stderr).toBe(`ddcli: set ${key} to ${stored} in ${cfg.file} [profile default]\n`)
    expect((await cfg.read()).profiles).toEqual({default: {[field]: stored}})
    expect((await stat(cfg.file)).mode & 0o777).toBe(0o600)
    expect((await stat(cfg.dir)).mode & 0o777).toBe(0o700)
    const get = await cfg.run(['config', 'get', key])
    expect(get.code).toBe(0)
    expect(out(get)).toBe(`${stored}\n`)
  })

  it('keeps profiles apart with --profile and DD_PROFILE', async () => {
    expect((await cfg.run(['config', 'set', 'site', 'datadoghq.eu', '--profile', 'eu'])).code).toBe(0)
    expect((await cfg.run(['config', 'set', 'site', 'ap1.datadoghq.com'], {env: {DD_PROFILE: 'ap'}})).code).toBe(0)
    expect((await cfg.read()).profiles).toEqual({eu: {site: 'datadoghq.eu'}, ap: {site: 'ap1.datadoghq.com'}})
    expect(out(await cfg.run(['config', 'get', 'site'], {env: {DD_PROFILE: 'eu'}}))).toBe('datadoghq.eu\n')
  })

  it('gets nothing on stdout, a note on stderr and exit 0 for an unset key', async () => {
    const result = await cfg.run(['config', 'get', 'api-url'])
    expect(result.code).toBe(0)
    expect(out(result)).toBe('')
    expect(result.stderr).toBe(`ddcli: api-url is not set in ${cfg.file} [profile default]\n`)
  })

  it('notes that DD_SITE wins over the stored site, and that a stored api-url wins too', async () => {
    await cfg.write(JSON.stringify({profiles: {default: {apiUrl: 'https://api.datadoghq.com'}}}))
    const result = await cfg.run(['config', 'set', 'site', 'datadoghq.eu'], {env: {DD_SITE: 'us3.datadoghq.com'}})
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('ddcli: note: this profile also sets api-url, which wins over site')
    expect(result.stderr).toContain('ddcli: note: DD_SITE is set in the environment and takes precedence over the stored site')
  })

  it.each([
    {name: 'an unknown site', args: ['set', 'site', 'example.com'], message: /^ddcli: the site value is not a known Datadog site; use one of: datadoghq\.com, /},
    {name: 'plain http to a remote host', args: ['set', 'api-url', 'http://api.datadoghq.com'], message: /^ddcli: the api-url value must use https/},
    {name: 'an api-url with a password', args: ['set', 'api-url', 'https://u:hunter2hunter2@h.example.com'], message: /must not contain a user name or password/},
    {name: 'an unknown key for set', args: ['set', 'region', 'eu'], message: /^ddcli: unknown config key "region"; valid keys: site, api-url, validate, read-only, output\n$/},
    {name: 'a credential name for set', args: ['set', 'api-key', API_KEY], message: /valid keys: site, api-url, validate, read-only, output; credentials are stored with ddcli auth set-pat/},
    {name: 'an unknown key for get', args: ['get', 'region'], message: /valid keys: site, api-url/},
    {name: 'an unknown key for unset', args: ['unset', 'region'], message: /valid keys: site, api-url/},
    {name: 'an unknown output format', args: ['set', 'output', 'tabel'], message: /^ddcli: unknown output format "tabel" in the output value; did you mean table\?\n$/},
    {name: 'a missing value', args: ['set', 'site'], message: /Missing 1 required arg/},
    {name: 'a validate value that is not true or false', args: ['set', 'validate', 'no'], message: /^ddcli: the validate value must be true or false \(false sends requests without checking them against the OpenAPI spec, as --no-validate does\)\n$/},
  ])('refuses $name with exit 2 and writes nothing', async ({args, message}) => {
    const result = await cfg.run(['config', ...args])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr).not.toContain('hunter2')
    expect(result.stderr).not.toContain(API_KEY)
    await expect(stat(cfg.file)).rejects.toThrow(/ENOENT/)
  })

  it('exits 3 on a corrupt config file for set, get, unset and list, leaving it byte-identical', async () => {
    const corrupt = '{"profiles": {"default": "oops"}}'
    await cfg.write(corrupt)
    for (const args of [['set', 'site', 'datadoghq.eu'], ['get', 'site'], ['unset', 'site'], ['list']]) {
      const result = await cfg.run(['config', ...args])
      expect(result.code, args.join(' ')).toBe(3)
      expect(result.stderr).toContain('has profile "default" that is not an object')
    }
    expect(await readFile(cfg.file, 'utf8')).toBe(corrupt)
  })
})

describe('config unset, list and path', () => {
  it('unsets a key, keeps the rest, and says when there was nothing to unset', async () => {
    await cfg.write(JSON.stringify({profiles: {default: {site: 'datadoghq.eu', apiUrl: 'https://api.datadoghq.eu', apiKey: API_KEY}}}))
    const first = await cfg.run(['config', 'unset', 'api-url'])
    expect(first.code).toBe(0)
    expect(first.stderr).toBe(`ddcli: removed api-url from ${cfg.file} [profile default]\n`)
    expect((await cfg.read()).profiles).toEqual({default: {site: 'datadoghq.eu', apiKey: API_KEY}})
    const again = await cfg.run(['config', 'unset', 'api-url'])
    expect(again.code).toBe(0)
    expect(again.stderr).toBe(`ddcli: nothing to remove: api-url is not set in ${cfg.file} [profile default]\n`)
  })

  it('lists site and api-url tab-separated when piped, with masked markers for stored credentials', async () => {
    await cfg.write(JSON.stringify({profiles: {default: {site: 'datadoghq.eu', apiKey: API_KEY, pat: 'ddpat_0123456789abcdefPATX'}}}))
    const result = await cfg.run(['config', 'list'])
    expect(result.code).toBe(0)
    expect(out(result)).toBe('site\tdatadoghq.eu\napi-url\t\nvalidate\t\nread-only\t\noutput\t\npat\t****PATX\napi-key\t****APIK\n')
  })

  it('lists a stored validate setting', async () => {
    await cfg.write(JSON.stringify({profiles: {default: {validate: 'false'}}}))
    expect(out(await cfg.run(['config', 'list']))).toBe('site\t\napi-url\t\nvalidate\tfalse\nread-only\t\noutput\t\n')
  })

  it('lists the profile given by --profile', async () => {
    await cfg.write(JSON.stringify({profiles: {default: {site: 'datadoghq.eu'}, gov: {site: 'ddog-gov.com'}}}))
    expect(out(await cfg.run(['config', 'list', '--profile', 'gov']))).toBe('site\tddog-gov.com\napi-url\t\nvalidate\t\nread-only\t\noutput\t\n')
  })

  it('prints the config path under DDCLI_CONFIG_DIR without creating it', async () => {
    const result = await cfg.run(['config', 'path'])
    expect(result.code).toBe(0)
    expect(out(result)).toBe(`${cfg.file}\n`)
    await expect(stat(cfg.dir)).rejects.toThrow(/ENOENT/)
  })

  // A relative path would put the config, and the secrets auth set-* writes into it, in whatever folder ddcli runs
  // from (XDG_CONFIG_HOME="~/.config" in quotes is one: the ~ is never expanded), and read a config from there.
  it.each([
    {name: 'a quoted ~', value: '~/.config'},
    {name: 'a relative path', value: 'conf'},
    {name: 'one with a leading space', value: ' /tmp/xdg-test'},
  ])('ignores an XDG_CONFIG_HOME that is not absolute, as the XDG spec says: $name', async ({value}) => {
    const result = await cfg.run(['config', 'path'], {env: {DDCLI_CONFIG_DIR: '', XDG_CONFIG_HOME: value, HOME: '/tmp/ddcli-home-test'}})
    expect({code: result.code, stdout: out(result)}).toEqual({code: 0, stdout: '/tmp/ddcli-home-test/.config/ddcli/config.json\n'})
  })

  it.each([
    {name: 'a quoted ~', value: '~/ddcli'},
    {name: 'a relative path', value: 'ddcli-conf'},
  ])('refuses a DDCLI_CONFIG_DIR that is not absolute, without echoing it: $name', async ({value}) => {
    for (const args of [['config', 'path'], ['config', 'list']]) {
      const result = await cfg.run(args, {env: {DDCLI_CONFIG_DIR: value}})
      expect({code: result.code, stdout: out(result), stderr: result.stderr}).toEqual({code: 3, stdout: '', stderr: 'ddcli: DDCLI_CONFIG_DIR is not an absolute path; a relative one would read the config, and keep the secrets auth set-* stores, in whatever folder ddcli runs from: set it to an absolute path\n'})
    }
  })

  it('ignores a HOME that is not absolute', async () => {
    const result = await cfg.run(['config', 'path'], {env: {DDCLI_CONFIG_DIR: '', HOME: 'home'}})
    expect(result.code).toBe(0)
    expect(out(result)).toMatch(/^\/.*\/\.config\/ddcli\/config\.json\n$/)
  })

  it('prints the XDG path when DDCLI_CONFIG_DIR is empty', async () => {
    const result = await cfg.run(['config', 'path'], {env: {DDCLI_CONFIG_DIR: '', XDG_CONFIG_HOME: '/tmp/xdg-test'}})
    expect(out(result)).toBe('/tmp/xdg-test/ddcli/config.json\n')
  })
})

// ddcli refuses a key as a site or inside an api-url, but a hand-edited config can hold one (a key pasted in the wrong
// field): lists, status and get show the setting with the key masked, as they show a key-shaped profile name.
describe('a key pasted into a hand-edited site or api-url', () => {
  const key = 'fedcba9876543210fedcba9876543210'
  const appKey = 'fedcba9876543210fedcba9876543210fedc0123'
  it.each([
    ['config', 'list'], ['config', 'list', '--profile', 's'], ['config', 'get', 'api-url'], ['config', 'get', 'site', '--profile', 's'],
    ['config', 'get', 'api-url', '--profile', 'u'], ['auth', 'list'], ['auth', 'list', '--json'], ['auth', 'status'], ['auth', 'status', '--json'],
  ].map((args) => ({args, name: args.join(' ')})))('is never printed: $name', async ({args}) => {
    await cfg.write(JSON.stringify({profiles: {
      default: {apiUrl: `http://127.0.0.1:9/${key}`},
      s: {site: appKey},
      u: {apiUrl: `http://user:${key}@127.0.0.1:9`},
    }}))
    const result = await cfg.run(args, {env: {DD_API_KEY: API_KEY}})
    expect(`${out(result)}${result.stderr}`).not.toMatch(/fedcba9876543210fedcba/)
    if (args[0] === 'config' && args[1] === 'get') expect(out(result)).toMatch(/\*\*\*\*/)
  })
})

