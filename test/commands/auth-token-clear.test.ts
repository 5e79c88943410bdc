import {readFile, stat} from 'node:fs/promises'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {API_KEY, APP_KEY, PAT, configDir, out, type ConfigDir} from './config-dir.js'


let cfg: ConfigDir
beforeEach(async () => { cfg = await configDir() })
afterEach(async () => { await cfg.cleanup() })

describe('auth token', () => {
  it.each([
    {name: 'the stored PAT', args: [], env: {}, stored: true, token: PAT},
    {name: 'DD_BEARER_TOKEN over the stored PAT', args: [], env: {DD_BEARER_TOKEN: 'ddpat_fromenv'}, stored: true, token: 'ddpat_fromenv'},
    {name: 'DATADOG_BEARER_TOKEN', args: [], env: {DATADOG_BEARER_TOKEN: 'ddpat_datadog'}, stored: false, token: 'ddpat_datadog'},
    {name: '--bearer-token over the env', args: ['--bearer-token', 'ddpat_flag'], env: {DD_BEARER_TOKEN: 'ddpat_fromenv'}, stored: false, token: 'ddpat_flag'},
  ])('prints $name alone with a newline', async ({args, env, stored, token}) => {
    if (stored) await cfg.write(JSON.stringify({profiles: {default: {pat: PAT}}}))
    const result = await cfg.run(['auth', 'token', ...args], {env})
    expect(result.code).toBe(0)
    expect(out(result)).toBe(`${token}\n`)
    expect(result.stderr).toBe('')
  })

  it('reads the profile named by --profile', async () => {
    await cfg.write(JSON.stringify({profiles: {default: {pat: 'ddpat_default'}, ci: {pat: PAT}}}))
    expect(out(await cfg.run(['auth', 'token', '--profile', 'ci']))).toBe(`${PAT}\n`)
  })

  it('exits 4 with one line when there is no PAT, even with API keys', async () => {
    const result = await cfg.run(['auth', 'token'], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}})
    expect(result.code).toBe(4)
    expect(out(result)).toBe('')
    expect(result.stderr).toBe('ddcli: no PAT for profile default; set DD_BEARER_TOKEN or run: ddcli auth set-pat --profile default\n')
  })
})

describe('auth clear', () => {
  const full = {profiles: {default: {pat: PAT, apiKey: API_KEY, appKey: APP_KEY, site: 'datadoghq.eu', apiUrl: 'https://api.datadoghq.eu'}, other: {pat: PAT}}}

  it('removes all three credentials of the profile and keeps site, api-url and other profiles', async () => {
    await cfg.write(JSON.stringify(full))
    const result = await cfg.run(['auth', 'clear'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(`ddcli: removed the PAT, API key and application key from ${cfg.file} [profile default]\n`)
    expect(await cfg.read()).toEqual({profiles: {default: {site: 'datadoghq.eu', apiUrl: 'https://api.datadoghq.eu'}, other: {pat: PAT}}})
    expect((await stat(cfg.file)).mode & 0o777).toBe(0o600)
  })

  it.each([
    {name: '--pat removes only the PAT', args: ['--pat'], left: {apiKey: API_KEY, appKey: APP_KEY}, said: 'removed the PAT from'},
    {name: '--api-key --app-key removes both keys', args: ['--api-key', '--app-key'], left: {pat: PAT}, said: 'removed the API key and application key from'},
  ])('$name', async ({args, left, said}) => {
    await cfg.write(JSON.stringify({profiles: {default: {pat: PAT, apiKey: API_KEY, appKey: APP_KEY}}}))
    const result = await cfg.run(['auth', 'clear', ...args])
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(said)
    expect((await cfg.read()).profiles?.default).toEqual(left)
  })

  it('removes an emptied profile, with DD_PROFILE selecting it', async () => {
    await cfg.write(JSON.stringify(full))
    expect((await cfg.run(['auth', 'clear'], {env: {DD_PROFILE: 'other'}})).code).toBe(0)
    expect((await cfg.read()).profiles).toEqual({default: full.profiles.default})
  })

  it('says there was nothing to remove, exits 0 and creates no file', async () => {
    const result = await cfg.run(['auth', 'clear', '--app-key'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(`ddcli: nothing to remove: no application key stored in ${cfg.file} [profile default]\n`)
    await expect(stat(cfg.file)).rejects.toThrow(/ENOENT/)
  })

  it('notes an env var that still provides a removed credential', async () => {
    await cfg.write(JSON.stringify({profiles: {default: {apiKey: API_KEY}}}))
    const result = await cfg.run(['auth', 'clear'], {env: {DD_API_KEY: 'other-key'}})
    expect(result.stderr).toContain('ddcli: note: DD_API_KEY is still set in the environment and will be used\n')
  })

  it('exits 3 on a corrupt config file and leaves it byte-identical', async () => {
    const corrupt = '{"profiles": []}'
    await cfg.write(corrupt)
    const result = await cfg.run(['auth', 'clear'])
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('has "profiles" that is not an object')
    expect(await readFile(cfg.file, 'utf8')).toBe(corrupt)
  })
})
