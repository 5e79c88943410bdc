import {runInProcess} from '../helpers/in-process.js'
import {describe, expect, it} from 'vitest'

// In process (test/helpers/in-process.ts); stdout is a pipe here, as in a script.

describe('ddcli api list', () => {
  it('prints five tab-separated columns per line without colour or header when piped', async () => {
    const result = await runInProcess(['api', 'list', 'monitor'])
    expect(result.code).toBe(0)
    const lines = result.stdout.toString().trimEnd().split('\n')
    expect(lines).toContain('ListMonitors\tGET\t/api/v1/monitor\t\tGet all monitors')
    for (const line of lines) expect(line.split('\t')).toHaveLength(5)
    expect(result.stdout.toString()).not.toContain('\u001b[')
    expect(result.stdout.toString()).not.toContain('NAME')
  })

  it('prints a JSON array of operations with --json', async () => {
    const result = await runInProcess(['api', 'list', 'downtime', '--json'])
    expect(result.code).toBe(0)
    const entries = JSON.parse(result.stdout.toString()) as Array<Record<string, unknown>>
    expect(entries).toContainEqual(expect.objectContaining({name: 'v1:ListDowntimes', operationId: 'ListDowntimes', version: 'v1', method: 'GET', path: '/api/v1/downtime'}))
    expect(entries.every((e) => typeof e.preview === 'boolean' && typeof e.deprecated === 'boolean')).toBe(true)
  })

  it('exits 0 with empty output when nothing matches', async () => {
    const result = await runInProcess(['api', 'list', 'no-such-operation-anywhere'])
    expect(result).toMatchObject({code: 0, stderr: ''})
    expect(result.stdout.toString()).toBe('')
  })
})

describe('ddcli api show', () => {
  it.each([
    {name: 'shows the logs intake host of an operation with a server override', args: ['SubmitLog'], want: ['SubmitLog (v2)', 'POST /api/v2/logs', 'host:          https://http-intake.logs.datadoghq.com (', 'credentials:   DD_API_KEY\n']},
    {name: 'shows another site host with --site', args: ['submit-log', '--site', 'datadoghq.eu'], want: ['https://http-intake.logs.datadoghq.eu']},
    {name: 'says GetIPRanges needs no credentials', args: ['GetIPRanges'], want: ['credentials:   none needed', 'https://ip-ranges.datadoghq.com']},
    {name: 'marks a preview and deprecated operation', args: ['ListAPIs'], want: ['preview:       yes', 'deprecated:    yes']},
    {name: 'gives the sunset date of a deprecated operation', args: ['CreateAWSLambdaARN'], want: ['deprecated:    yes, sunset 2027-02-20']},
    {name: 'shows both methods of a bare path', args: ['/api/v1/monitor'], want: ['ListMonitors (v1)\nGET /api/v1/monitor', 'CreateMonitor (v1)\nPOST /api/v1/monitor']},
    {name: 'shows one method of METHOD PATH', args: ['GET', '/api/v1/monitor/123'], want: ['GetMonitor (v1)', 'path params:   monitor_id (required)']},
  ])('$name', async ({args, want}) => {
    const result = await runInProcess(['api', 'show', ...args])
    expect(result).toMatchObject({code: 0, stderr: ''})
    for (const text of want) expect(result.stdout.toString()).toContain(text)
  })

  it('prints a JSON array with --json', async () => {
    const result = await runInProcess(['api', 'show', 'SubmitLog', '--json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout.toString())).toEqual([expect.objectContaining({operationId: 'SubmitLog', version: 'v2', host: 'https://http-intake.logs.datadoghq.com', hostKind: 'own', credentials: 'DD_API_KEY'})])
  })

  it('exits 2 with one line and suggestions for an unknown operation', async () => {
    const result = await runInProcess(['api', 'show', 'ListMonitorz'])
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('')
    expect(result.stderr).toMatch(/^ddcli: unknown operation "ListMonitorz"; did you mean ListMonitors[^\n]*\n$/)
  })

  it('exits 2 for an unknown site', async () => {
    const result = await runInProcess(['api', 'show', 'ListMonitors', '--site', 'example.com'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^ddcli: site from --site is not a known Datadog site/)
  })
})
