import {readFile} from 'node:fs/promises'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {startServer, type RecordedRequest, type TestServer} from '../helpers/server.js'
import {API_KEY, APP_KEY, PAT, configDir, out, type ConfigDir} from './config-dir.js'

const NOTE = 'PAT also sent as DD-APPLICATION-KEY for operations that take no bearer token'

let cfg: ConfigDir
let server: TestServer | undefined
beforeEach(async () => { cfg = await configDir() })
afterEach(async () => {
  await server?.close()
  server = undefined
  await cfg.cleanup()
})

/** Rows of piped `auth status` output by name: [value, source, check?]. */
function rows(text: string): Record<string, string[]> {
  return Object.fromEntries(text.trimEnd().split('\n').filter((line) => line.includes('\t')).map((line) => {
    const [name, ...rest] = line.split('\t')
    return [name!, rest]
  }))
}

describe('auth status', () => {
  it('shows each value with its source: flag, env var, config file and profile, default, not set', async () => {
    await cfg.write(JSON.stringify({profiles: {default: {pat: PAT, site: 'datadoghq.eu'}}}))
    const result = await cfg.run(['auth', 'status', '--app-key', APP_KEY], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(0)
    expect(rows(out(result))).toEqual({
      profile: ['default', 'default'],
      PAT: ['****PATX', `${cfg.file} [profile default]`],
      'API key': ['****APIK', 'DD_API_KEY'],
      'application key': ['****APPK', '--app-key'],
      site: ['datadoghq.eu', `${cfg.file} [profile default]`],
      'API URL': ['https://api.datadoghq.eu', 'default for datadoghq.eu'],
    })
    expect(out(result)).not.toContain(NOTE)
    expect(result.stderr).toBe('')
  })

  it('shows not set for every credential of an empty config and exits 0', async () => {
    const result = await cfg.run(['auth', 'status'])
    expect(result.code).toBe(0)
    const table = rows(out(result))
    for (const name of ['PAT', 'API key', 'application key']) expect(table[name]).toEqual(['', 'not set'])
    expect(table['API URL']).toEqual(['https://api.datadoghq.com', 'default for datadoghq.com'])
  })

  it('reads the profile DD_PROFILE names, and says so', async () => {
    await cfg.write(JSON.stringify({profiles: {default: {apiKey: 'default-profile-key'}, eu: {apiKey: API_KEY, apiUrl: 'https://proxy.example.com/dd'}}}))
    const result = await cfg.run(['auth', 'status'], {env: {DD_PROFILE: 'eu', DATADOG_SITE: 'us5.datadoghq.com'}})
    expect(rows(out(result))).toMatchObject({
      profile: ['eu', 'DD_PROFILE'],
      'API key': ['****APIK', `${cfg.file} [profile eu]`],
      site: ['us5.datadoghq.com', 'DATADOG_SITE'],
      'API URL': ['https://proxy.example.com/dd', `${cfg.file} [profile eu]`],
    })
  })

  it('notes that the PAT goes as DD-APPLICATION-KEY when no application key is configured', async () => {
    const result = await cfg.run(['auth', 'status'], {env: {DD_BEARER_TOKEN: PAT}})
    expect(out(result).trimEnd().split('\n').at(-1)).toBe(NOTE)
  })

  it('prints one JSON object with masked values and sources for --json', async () => {
    const result = await cfg.run(['auth', 'status', '--json', '--site', 'datadoghq.eu'], {env: {DD_BEARER_TOKEN: PAT}})
    expect(result.code).toBe(0)
    expect(JSON.parse(out(result))).toEqual({
      configFile: cfg.file,
      profile: {value: 'default', source: 'default'},
      pat: {set: true, value: '****PATX', source: 'DD_BEARER_TOKEN'},
      apiKey: {set: false, value: null, source: 'not set'},
      appKey: {set: false, value: null, source: 'not set'},
      site: {value: 'datadoghq.eu', source: '--site'},
      apiUrl: {value: 'https://api.datadoghq.eu', source: 'default for datadoghq.eu'},
      patAsAppKey: true,
    })
  })

  it.each([
    {name: 'region name from --site', args: ['--site', 'EU'], env: {}, site: {value: 'datadoghq.eu', source: '--site'}},
    {name: 'lower-case region name from DD_SITE', args: [], env: {DD_SITE: 'us1-fed'}, site: {value: 'ddog-gov.com', source: 'DD_SITE'}},
    {name: 'region name from DATADOG_SITE', args: [], env: {DATADOG_SITE: 'AP1'}, site: {value: 'ap1.datadoghq.com', source: 'DATADOG_SITE'}},
  ])('shows the host of a $name, and its API URL', async ({args, env, site}) => {
    const result = await cfg.run(['auth', 'status', '--json', ...args], {env: {DD_BEARER_TOKEN: PAT, ...env}})
    const status = JSON.parse(out(result)) as {site: unknown, apiUrl: {value: string}}
    expect(status.site).toEqual(site)
    expect(status.apiUrl.value).toBe(`https://api.${site.value}`)
  })

  it('exits 3 on a corrupt config file and leaves it byte-identical', async () => {
    await cfg.write('not json')
    const result = await cfg.run(['auth', 'status'])
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('is not valid JSON')
    expect(await readFile(cfg.file, 'utf8')).toBe('not json')
  })

  it('exits 2 for a bad --site flag and 3 for a bad DD_SITE', async () => {
    expect((await cfg.run(['auth', 'status', '--site', 'example.com'])).code).toBe(2)
    expect((await cfg.run(['auth', 'status'], {env: {DD_SITE: 'example.com'}})).code).toBe(3)
  })

  it('offers the closest site for a --site close to one, not the whole list', async () => {
    const result = await cfg.run(['auth', 'status', '--site', 'eu2'])
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 2, stderr: 'ddcli: site from --site is not a known Datadog site; did you mean EU1?\n'})
  })
})

describe('auth status --check', () => {
  const validator = (good: string[]) => (request: RecordedRequest) => {
    const sent = [request.headers['dd-api-key'], request.headers['dd-application-key'], String(request.headers.authorization ?? '').replace(/^Bearer /, '')]
      .filter((value): value is string => typeof value === 'string' && value !== '')
    return sent.every((value) => good.includes(value))
      ? {status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}
      : {status: 403, headers: {'content-type': 'application/json'}, body: '{"errors":["Forbidden"]}'}
  }

  it('reports every credential valid and exits 0', async () => {
    server = await startServer(validator([PAT, API_KEY, APP_KEY]))
    const result = await cfg.run(['auth', 'status', '--check', '--api-url', server.url], {env: {DD_BEARER_TOKEN: PAT, DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}})
    expect(result.code).toBe(0)
    const table = rows(out(result))
    expect([table.PAT?.[2], table['API key']?.[2], table['application key']?.[2]]).toEqual(['valid', 'valid', 'valid'])
    const requests = await server.expectRequests(3)
    expect(requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /api/v1/validate', 'GET /api/v2/validate_keys', 'GET /api/v2/validate_keys'])
  })

  it('reports a 403 as invalid with its status and exits 1', async () => {
    server = await startServer(validator([API_KEY]))
    await cfg.write(JSON.stringify({profiles: {default: {apiKey: API_KEY, appKey: APP_KEY}}}))
    const result = await cfg.run(['auth', 'status', '--check', '--api-url', server.url])
    expect(result.code).toBe(1)
    const table = rows(out(result))
    expect(table['API key']?.[2]).toBe('valid')
    expect(table['application key']?.[2]).toBe('invalid: HTTP 403 Forbidden: Forbidden')
    expect(result.stderr).toMatch(/^ddcli: check failed for the application key \(HTTP 403\); fix the value/)
    await server.expectRequests(2)
  })

  it('puts check results in --json and still exits 1 on a failure', async () => {
    server = await startServer(validator([]))
    const result = await cfg.run(['auth', 'status', '--check', '--json', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(1)
    expect(JSON.parse(out(result)).apiKey.check).toEqual({state: 'invalid', status: 403, detail: 'HTTP 403 Forbidden: Forbidden'})
  })

  it('reports no response with its cause and exits 1', async () => {
    server = await startServer()
    const url = server.url
    await server.close()
    const result = await cfg.run(['auth', 'status', '--check', '--api-url', url], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(1)
    expect(rows(out(result))['API key']?.[2]).toMatch(/^not checked: no response from 127\.0\.0\.1:\d+: connection refused/)
  })

  it('exits 4 when there is no credential to check, and sends nothing', async () => {
    server = await startServer()
    const result = await cfg.run(['auth', 'status', '--check', '--api-url', server.url])
    expect(result.code).toBe(4)
    expect(result.stderr).toBe('ddcli: no Datadog credentials to check; set DD_API_KEY (and DD_APP_KEY) or DD_BEARER_TOKEN, or run: ddcli auth set-pat\n')
    await server.expectRequests(0, 200)
  })
})
