import {describe, expect, it} from 'vitest'
import {isRead} from '../../src/call/read-only.js'
import {ROUTES} from '../../src/spec/routes.generated.js'
import {findRoute, findRouteById} from '../../src/spec/routes.js'

// The POST operations --read-only lets through, as scripts/gen-spec.mjs (isReadPost) derives them from the specs.
// Pinned here so that a spec update adding or dropping one is a diff a reviewer reads, not a silent change.
const READ_POSTS = [
  'v1:ListLogs', 'v1:FetchUptimes', 'v2:SearchAuditLogs', 'v2:AggregateCIAppPipelineEvents', 'v2:SearchCIAppPipelineEvents',
  'v2:AggregateCIAppTestEvents', 'v2:SearchCIAppTestEvents', 'v2:ListDORADeployments', 'v2:ListDORAFailures', 'v2:SearchIssues',
  'v2:SearchEvents', 'v2:AggregateLogs', 'v2:ListLogs', 'v2:QueryAccounts', 'v2:QueryProductAnalyticsScalar',
  'v2:QueryProductAnalyticsTimeseries', 'v2:QueryEventFilteredUsers', 'v2:QueryUsers', 'v2:QueryScalarData', 'v2:QueryTimeseriesData',
  'v2:AggregateRUMEvents', 'v2:SearchRUMEvents', 'v2:SearchSecurityFindings', 'v2:SearchSecurityMonitoringSignals', 'v2:AggregateSpans',
  'v2:ListSpans', 'v2:ListMultipleRulesets', 'v2:SearchFlakyTests',
]

const rows = ROUTES.split('\n').map((line) => line.split(' '))

describe('the POST operations read-only mode allows', () => {
  it('are exactly the pinned list', () => {
    const marked = rows.filter((row) => row.slice(5).includes('r')).map((row) => `${row[0]}:${row[3]}`)
    expect(marked).toEqual(READ_POSTS)
  })

  it('are all POST', () => {
    expect(rows.filter((row) => row.slice(5).includes('r') && row[1] !== 'POST')).toEqual([])
  })

  it.each([
    {name: 'a log search', method: 'POST', path: '/api/v2/logs/events/search', read: true},
    {name: 'a timeseries query', method: 'POST', path: '/api/v2/query/timeseries', read: true},
    {name: 'an aggregation', method: 'POST', path: '/api/v2/spans/analytics/aggregate', read: true},
    {name: 'GET of anything', method: 'GET', path: '/api/v1/monitor', read: true},
    {name: 'HEAD', method: 'HEAD', path: '/api/v1/validate', read: true},
    {name: 'OPTIONS', method: 'OPTIONS', path: '/api/v1/validate', read: true},
    {name: 'creating a monitor', method: 'POST', path: '/api/v1/monitor', read: false},
    {name: 'validating a monitor (a POST the list leaves out)', method: 'POST', path: '/api/v1/monitor/validate', read: false},
    {name: 'a team link, whose x-permission says teams_read', method: 'POST', path: '/api/v2/team/abc/links', read: false},
    {name: 'a DELETE', method: 'DELETE', path: '/api/v1/monitor/1', read: false},
    {name: 'a PATCH', method: 'PATCH', path: '/api/v2/users/1', read: false},
    {name: 'a PUT', method: 'PUT', path: '/api/v1/monitor/1', read: false},
    {name: 'a POST the index does not know', method: 'POST', path: '/api/v2/nothing/search', read: false},
    {name: 'a TRACE', method: 'TRACE', path: '/api/v1/validate', read: false},
  ])('$name: read $read', ({method, path, read}) => {
    expect(isRead({method, operation: findRoute(method, path), url: new URL(`https://api.datadoghq.com${path}`)})).toBe(read)
  })

  it.each([
    {name: 'a read whose URL resolved elsewhere', path: '/api/v2/logs/events/search', sent: 'https://api.datadoghq.com/api/v1/monitor', read: false},
    {name: 'a read behind an API URL prefix', path: '/api/v2/logs/events/search', sent: 'https://proxy.example/dd/api/v2/logs/events/search', read: true},
    {name: 'a read sent with a trailing slash it was not found with', path: '/api/v2/logs/events/search', sent: 'https://api.datadoghq.com/api/v2/logs/events/search/', read: false},
  ])('judges the URL as sent: $name', ({path, sent, read}) => {
    expect(isRead({method: 'POST', operation: findRoute('POST', path), url: new URL(sent)})).toBe(read)
  })

  it('finds them by operationId too', () => {
    expect(findRouteById('SearchAuditLogs')?.readPost).toBe(true)
    expect(findRouteById('CreateMonitor')?.readPost).toBeUndefined()
  })
})
