import {describe, expect, it} from 'vitest'
import {normalizeSite, parseSite, SITE_REGIONS, SITES, siteRegion} from '../../src/credentials/sites.js'
import {SPEC_SITES} from '../../src/spec/index.js'

const REGIONS_LIST = 'US1, US3, US5, EU1, AP1, AP2, UK1, US1-FED, US2-FED'

describe('sites by their host or by the names Datadog\'s docs use', () => {
  it.each([
    {typed: 'datadoghq.eu', site: 'datadoghq.eu'},
    {typed: 'https://app.datadoghq.eu/', site: 'datadoghq.eu'},
    {typed: 'api.us5.datadoghq.com', site: 'us5.datadoghq.com'},
    {typed: 'US3.datadoghq.com', site: 'us3.datadoghq.com'},
    {typed: 'US1', site: 'datadoghq.com'},
    {typed: 'us3', site: 'us3.datadoghq.com'},
    {typed: 'Us5', site: 'us5.datadoghq.com'},
    {typed: 'EU1', site: 'datadoghq.eu'},
    {typed: 'eu', site: 'datadoghq.eu'},
    {typed: ' EU ', site: 'datadoghq.eu'},
    {typed: 'ap1', site: 'ap1.datadoghq.com'},
    {typed: 'AP2', site: 'ap2.datadoghq.com'},
    {typed: 'uk1', site: 'uk1.datadoghq.com'},
    {typed: 'US1-FED', site: 'ddog-gov.com'},
    {typed: 'us1_fed', site: 'ddog-gov.com'},
    {typed: 'us2-fed', site: 'us2.ddog-gov.com'},
  ])('reads $typed as $site', ({typed, site}) => {
    expect(normalizeSite(typed)).toBe(site)
    expect(parseSite(typed, 'flag', 'site from --site')).toBe(site)
  })

  it('names every region as the docs write it', () => {
    expect(siteRegion('eu')).toBe('EU1')
    expect(siteRegion('us1_fed')).toBe('US1-FED')
    expect(siteRegion('datadoghq.eu')).toBeUndefined()
    expect(siteRegion('constructor')).toBeUndefined()
    expect(siteRegion('__proto__')).toBeUndefined()
  })

  it('resolves every region to a site of the specs', () => {
    for (const site of Object.values(SITE_REGIONS)) expect(SPEC_SITES).toContain(site)
    for (const site of SPEC_SITES) expect(SITES).toContain(site)
  })

  it.each([
    {typed: 'datadoghq.eux', fix: 'did you mean datadoghq.eu?'},
    {typed: 'https://app.datadoghq.eux/', fix: 'did you mean datadoghq.eu?'},
    {typed: 'datadog.eu', fix: 'did you mean datadoghq.eu?'},
    {typed: 'us3.datadoghq.con', fix: 'did you mean us3.datadoghq.com?'},
    {typed: 'eu1.datadoghq.com', fix: 'did you mean datadoghq.eu?'},
    {typed: 'us1-fed.ddog-gov.com', fix: 'did you mean ddog-gov.com?'},
    {typed: 'us4', fix: 'did you mean US1, US3 or US5?'},
    {typed: 'eu2', fix: 'did you mean EU1?'},
    {typed: 'us1fed', fix: 'did you mean US1-FED?'},
  ])('offers the closest site for $typed, not the whole list', ({typed, fix}) => {
    expect(() => parseSite(typed, 'flag', 'site from --site')).toThrow(`site from --site is not a known Datadog site; ${fix}`)
  })

  it.each(['example.com', '', 'localhost', '0123456789abcdef0123456789abcdef'])('names a few sites and the regions for %j, which is close to none, without echoing it', (typed) => {
    const error = (() => { try { parseSite(typed, 'env', 'site from DD_SITE') } catch (error: unknown) { return error as Error & {exitCode: number} } })()
    expect(error?.message).toBe(`site from DD_SITE is not a known Datadog site; use a site such as datadoghq.com or datadoghq.eu, or its name in Datadog's docs (${REGIONS_LIST})`)
    expect(error?.exitCode).toBe(3)
  })
})
