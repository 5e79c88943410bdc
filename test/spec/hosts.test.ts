import {describe, expect, it} from 'vitest'
import {findOperationById, loadOperations, operationHost, SPEC_SITES} from '../../src/spec/index.js'

const ops = await loadOperations()

function op(id: string) {
  const found = findOperationById(ops, id)
  if (!found) throw new Error(`${id} is not in the index`)
  return found
}

describe('operationHost', () => {
  it.each([
    {name: 'leaves an operation without servers to the site API host', id: 'ListMonitors', site: 'datadoghq.eu', want: undefined},
    {name: 'sends v2 logs to the logs intake of the site', id: 'v2:SubmitLog', site: 'datadoghq.eu', want: 'https://http-intake.logs.datadoghq.eu'},
    {name: 'sends v1 logs to the logs intake of the site', id: 'v1:SubmitLog', site: 'us3.datadoghq.com', want: 'https://http-intake.logs.us3.datadoghq.com'},
    {name: 'takes a site the operation does not list', id: 'v2:SubmitLog', site: 'uk1.datadoghq.com', want: 'https://http-intake.logs.uk1.datadoghq.com'},
    {name: 'sends v2 events to the event intake', id: 'v2:CreateEvent', site: 'ap1.datadoghq.com', want: 'https://event-management-intake.ap1.datadoghq.com'},
    {name: 'leaves v1 events to the site API host', id: 'v1:CreateEvent', site: 'ap1.datadoghq.com', want: undefined},
    {name: 'serves IP ranges from their own host', id: 'GetIPRanges', site: 'ddog-gov.com', want: 'https://ip-ranges.ddog-gov.com'},
    {name: 'pages US1 through navy', id: 'CreateOnCallPage', site: 'datadoghq.com', want: 'https://navy.oncall.datadoghq.com'},
    {name: 'pages EU through beige', id: 'CreateOnCallPage', site: 'datadoghq.eu', want: 'https://beige.oncall.datadoghq.eu'},
    {name: 'pages US5 through coral', id: 'ResolveOnCallPage', site: 'us5.datadoghq.com', want: 'https://coral.oncall.datadoghq.com'},
    {name: 'pages UK1 through scarlet as the docs say', id: 'CreateOnCallPage', site: 'uk1.datadoghq.com', want: 'https://scarlet.oncall.datadoghq.com'},
    {name: 'pages through a regional host given as the site', id: 'CreateOnCallPage', site: 'teal.oncall.datadoghq.com', want: 'https://teal.oncall.datadoghq.com'},
    {name: 'sends US1 product analytics to its browser intake', id: 'SubmitProductAnalyticsEvent', site: 'datadoghq.com', want: 'https://browser-intake-datadoghq.com'},
    {name: 'sends US3 product analytics to its browser intake', id: 'SubmitProductAnalyticsEvent', site: 'us3.datadoghq.com', want: 'https://browser-intake-us3-datadoghq.com'},
    {name: 'sends EU product analytics to its browser intake', id: 'SubmitProductAnalyticsEvent', site: 'datadoghq.eu', want: 'https://browser-intake-datadoghq.eu'},
  ])('$name', ({id, site, want}) => {
    expect(operationHost(op(id), site)).toBe(want)
  })

  it.each([
    {name: 'refuses product analytics on a site the spec lists no intake for', id: 'SubmitProductAnalyticsEvent', site: 'ddog-gov.com'},
    {name: 'refuses paging on a site no On-Call host is known for', id: 'CreateOnCallPage', site: 'datad0g.com'},
  ])('$name', ({id, site}) => {
    expect(() => operationHost(op(id), site)).toThrow(`none of them is known to serve site ${site}`)
  })

  it('maps every commercial site to an On-Call host the spec lists, except scarlet for uk1', () => {
    const hosts = op('CreateOnCallPage').server?.variables.site?.enum ?? []
    const used = SPEC_SITES.filter((site) => !site.endsWith('ddog-gov.com')).map((site) => new URL(operationHost(op('CreateOnCallPage'), site)!).host)
    expect(used.filter((host) => !hosts.includes(host))).toEqual(['scarlet.oncall.datadoghq.com'])
    expect(hosts.filter((host) => !used.includes(host))).toEqual([])
  })
})

describe('government sites', () => {
  it.each(['ddog-gov.com', 'us2.ddog-gov.com'])('refuses On-Call paging on %s rather than send its credentials to a commercial host', (site) => {
    expect(() => operationHost(op('CreateOnCallPage'), site)).toThrow(/none of them is known to serve site/)
  })

  const GOV_SITES = SPEC_SITES.filter((site) => site.endsWith('ddog-gov.com'))
  const withServers = ops.filter((o) => o.server !== undefined)
  it.each(withServers.flatMap((o) => GOV_SITES.map((site) => ({id: `${o.version}:${o.operationId}`, site}))))('$id on $site goes to a host of that site, or is refused', ({id, site}) => {
    let host: string | undefined
    try {
      host = operationHost(op(id), site)
    } catch {
      return
    }
    if (host !== undefined) expect(new URL(host).hostname.endsWith(`.${site}`) || new URL(host).hostname === site).toBe(true)
  })
})
