import {readFile, stat} from 'node:fs/promises'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {API_KEY, APP_KEY, PAT, configDir, out, type ConfigDir} from './config-dir.js'


let cfg: ConfigDir
beforeEach(async () => { cfg = await configDir() })
afterEach(async () => { await cfg.cleanup() })

describe('auth set-* from stdin', () => {
  it.each([
    {name: 'set-pat stores the PAT', command: 'set-pat', secret: PAT, field: 'pat', label: 'PAT', mask: '****PATX'},
    {name: 'set-api-key stores the API key', command: 'set-api-key', secret: API_KEY, field: 'apiKey', label: 'API key', mask: '****APIK'},
    {name: 'set-app-key stores the application key', command: 'set-app-key', secret: APP_KEY, field: 'appKey', label: 'application key', mask: '****APPK'},
  ])('$name in the default profile and confirms it masked on stderr', async ({command, secret, field, label, mask}) => {
    const result = await cfg.run(['auth', command], {stdin: `${secret}\n`})
    expect(result.code).toBe(0)
    expect(out(result)).toBe('')
    expect(result.stderr).toBe(`ddcli: stored the ${label} ${mask} in ${cfg.file} [profile default]\n`)
    expect((await cfg.read()).profiles).toEqual({default: {[field]: secret}})
  })

  it('writes the file with mode 0600 in a folder with mode 0700', async () => {
    expect((await cfg.run(['auth', 'set-api-key'], {stdin: API_KEY})).code).toBe(0)
    expect((await stat(cfg.file)).mode & 0o777).toBe(0o600)
    expect((await stat(cfg.dir)).mode & 0o777).toBe(0o700)
  })

  it('keeps other credentials, settings and profiles when it stores one', async () => {
    await cfg.write(JSON.stringify({profiles: {default: {site: 'datadoghq.eu', pat: PAT}, other: {apiKey: 'x'}}, extra: 1}))
    expect((await cfg.run(['auth', 'set-app-key'], {stdin: APP_KEY})).code).toBe(0)
    expect(await cfg.read()).toEqual({profiles: {default: {site: 'datadoghq.eu', pat: PAT, appKey: APP_KEY}, other: {apiKey: 'x'}}, extra: 1})
  })

  it.each([
    {name: '--profile', args: ['--profile', 'staging'], env: {}},
    {name: 'DD_PROFILE', args: [], env: {DD_PROFILE: 'staging'}},
    {name: '--profile over DD_PROFILE', args: ['--profile', 'staging'], env: {DD_PROFILE: 'prod'}},
  ])('selects the profile with $name', async ({args, env}) => {
    const result = await cfg.run(['auth', 'set-api-key', ...args], {stdin: API_KEY, env})
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('[profile staging]')
    expect((await cfg.read()).profiles).toEqual({staging: {apiKey: API_KEY}})
  })

  it('stores a profile named __proto__ as an ordinary profile that status then reads', async () => {
    expect((await cfg.run(['auth', 'set-api-key', '--profile', '__proto__'], {stdin: API_KEY})).code).toBe(0)
    expect(await readFile(cfg.file, 'utf8')).toMatch(/"__proto__": \{\s*"apiKey": "0123456789abcdef0123456789abAPIK"\s*\}/)
    const status = await cfg.run(['auth', 'status', '--profile', '__proto__', '--json'])
    expect(JSON.parse(out(status)).apiKey).toEqual({set: true, value: '****APIK', source: `${cfg.file} [profile __proto__]`})
  })

  it('refuses a profile name that could break the file, with exit 2', async () => {
    const result = await cfg.run(['auth', 'set-api-key', '--profile', '../x'], {stdin: API_KEY})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^ddcli: profile name "\.\.\/x" is not allowed; use letters, digits/)
  })
})

describe('auth set-* warnings and notes', () => {
  it.each([
    {name: 'a ddpat_ token', secret: PAT, warns: false},
    {name: 'a ddsat_ token', secret: 'ddsat_0123456789abcdef', warns: false},
    {name: 'a token without a Datadog prefix', secret: '0123456789abcdefNOPR', warns: true},
  ])('set-pat warns only for $name, and stores it anyway', async ({secret, warns}) => {
    const result = await cfg.run(['auth', 'set-pat'], {stdin: secret})
    expect(result.code).toBe(0)
    expect(result.stderr.includes('does not start with ddpat_ or ddsat_')).toBe(warns)
    expect((await cfg.read()).profiles?.default?.pat).toBe(secret)
  })

  it.each([
    {name: 'DD_API_KEY', env: {DD_API_KEY: 'envkey0123456789'}, names: 'DD_API_KEY is'},
    {name: 'DATADOG_API_KEY', env: {DATADOG_API_KEY: 'envkey0123456789'}, names: 'DATADOG_API_KEY is'},
    {name: 'both spellings', env: {DD_API_KEY: 'a', DATADOG_API_KEY: 'b'}, names: 'DD_API_KEY and DATADOG_API_KEY are'},
  ])('notes that $name in the environment takes precedence', async ({env, names}) => {
    const result = await cfg.run(['auth', 'set-api-key'], {stdin: API_KEY, env})
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(`ddcli: note: ${names} set in the environment and`)
    expect(result.stderr).toContain('precedence over the stored API key')
  })

  it('says nothing about the environment when the env var is empty', async () => {
    const result = await cfg.run(['auth', 'set-api-key'], {stdin: API_KEY, env: {DD_API_KEY: ' '}})
    expect(result.code).toBe(0)
    expect(result.stderr).not.toContain('note:')
  })
})

describe('auth set-* refusals', () => {
  it.each([
    {name: 'empty stdin', stdin: '', message: /^ddcli: no API key on stdin \(it was empty or closed\); pipe one in: echo "\$DD_API_KEY" \| ddcli auth set-api-key\n$/},
    {name: 'a blank line', stdin: '  \n', message: /no API key on stdin/},
    {name: 'an inner space', stdin: `${API_KEY} ${API_KEY}\n`, message: /contains a space inside it; pipe only the API key/},
    {name: 'two lines', stdin: `${API_KEY}\n${API_KEY}\n`, message: /more than one line/},
    {name: 'a control character', stdin: `${API_KEY}\u0007`, message: /control character/},
    {name: 'binary data', stdin: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]), message: /stdin is binary data, not the API key; pipe the API key as text/},
    {name: 'invalid UTF-8', stdin: Buffer.from([0x61, 0xc3, 0x28]), message: /not UTF-8 text/},
  ])('refuses $name with exit 2 and one line that never echoes it', async ({stdin, message}) => {
    const result = await cfg.run(['auth', 'set-api-key'], {stdin})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1)
    expect(result.stderr).not.toContain(API_KEY)
    expect(out(result)).toBe('')
    await expect(stat(cfg.file)).rejects.toThrow(/ENOENT/)
  })

  it('leaves a corrupt config file byte-identical and exits 3 before reading the secret', async () => {
    const corrupt = '{"profiles": {"default": {"apiKey": "old"}},, }\n'
    await cfg.write(corrupt)
    const result = await cfg.run(['auth', 'set-api-key'], {stdin: API_KEY})
    expect(result.code).toBe(3)
    expect(result.stderr).toBe(`ddcli: config file ${cfg.file} is not valid JSON; fix it by hand or move it away (ddcli never overwrites it)\n`)
    expect(await readFile(cfg.file, 'utf8')).toBe(corrupt)
  })

  it('leaves a config file with a wrong type byte-identical and exits 3', async () => {
    const wrong = '{"profiles": {"default": {"apiKey": 42}}}'
    await cfg.write(wrong)
    const result = await cfg.run(['auth', 'set-pat'], {stdin: PAT})
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('"profiles.default.apiKey" that is not a string')
    expect(await readFile(cfg.file, 'utf8')).toBe(wrong)
  })
})
