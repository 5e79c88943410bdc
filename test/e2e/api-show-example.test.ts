// The example ddcli api show prints is a shell command line: it runs in bash, against the built CLI.
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'
import {shellSandbox, type ShellSandbox} from '../helpers/shell.js'

let server: TestServer
let shell: ShellSandbox

beforeAll(async () => {
  server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json'}, body: '{}'}))
  shell = await shellSandbox()
})

afterAll(async () => {
  await server.close()
  await shell.close()
})

describe('the example of ddcli api show runs as printed', () => {
  it.each([
    {name: 'CreateMonitor sends its example body', id: 'CreateMonitor', method: 'POST', path: '/api/v1/monitor', body: /"type":"query alert"/},
    {name: 'GetMonitor sends its path parameter placeholder', id: 'GetMonitor', method: 'GET', path: '/api/v1/monitor/MONITOR_ID', body: /^$/},
    {name: 'SubmitLog sends its array body', id: 'SubmitLog', method: 'POST', path: '/api/v2/logs', body: /^\[\{"ddsource"/},
    {name: 'CreateIncident sends a JSON:API body', id: 'CreateIncident', method: 'POST', path: '/api/v2/incidents', body: /^\{"data":\{"type":"incidents"/},
    {name: 'UpdateMonitor sends a body built from the required fields', id: 'UpdateMonitor', method: 'PUT', path: '/api/v1/monitor/MONITOR_ID', body: /^\{/},
  ])('$name', async ({id, method, path, body}) => {
    const shown = await run(['api', 'show', id, '--api-url', server.url])
    expect(shown.code).toBe(0)
    const example = /^example:\s+(.*)$/m.exec(shown.stdout.toString())?.[1]
    expect(example).toBeDefined()
    const before = server.requests.length
    const result = await shell.run(example!, {env: {DD_API_KEY: 'exampleapikey000000000000000a1b2', DD_APP_KEY: 'exampleappkey00000000000000000000000000c3'}})
    expect(result.stderr.replace(/^ddcli: note: .*\n/gm, '')).toBe('')
    expect(result.code).toBe(0)
    const request = server.requests.at(-1)!
    expect(server.requests.length).toBe(before + 1)
    expect({method: request.method, path: request.path}).toEqual({method, path})
    expect(request.body.toString()).toMatch(body)
  })
})
