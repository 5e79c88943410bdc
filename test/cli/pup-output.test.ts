import {afterEach, describe, expect, it} from 'vitest'
import {run, type InProcessOptions} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

// What a user of Datadog's pup types, and what ddcli answers. pup prints json, table or yaml (-o, --output,
// DD_OUTPUT); ddcli takes the same names and adds csv and tsv.

const API_KEY = 'pupapikey000000000000000000000e5f6'
const APP_KEY = 'pupappkey0000000000000000000000000000a7b8'
const env = {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}

let server: TestServer
afterEach(async () => server?.close())

const MONITORS = '[{"id":1,"name":"cpu","overall_state":"Alert","tags":["team:a"]},{"id":2,"name":"disk","overall_state":"OK","tags":[]}]'
const ok = (body: string) => ({status: 200, headers: {'content-type': 'application/json'}, body})
const call = (args: string[], options: InProcessOptions = {}) => run(['call', ...args, '--api-url', server.url], {...options, env: {...env, ...options.env}})

describe('output formats as pup users ask for them', () => {
  it.each([
    {name: '-o table', args: ['-o', 'table'], tty: false, envs: {}, stdout: 'ID  NAME  OVERALL_STATE  TAGS\n1   cpu   Alert          ["team:a"]\n2   disk  OK             []\n'},
    {name: '--output yaml', args: ['--output', 'yaml'], tty: false, envs: {}, stdout: '- id: 1\n  name: cpu\n  overall_state: Alert\n  tags:\n    - team:a\n- id: 2\n  name: disk\n  overall_state: OK\n  tags: []\n'},
    {name: '--output=json, piped: the body as received', args: ['--output=json'], tty: false, envs: {}, stdout: MONITORS},
    {name: 'DD_OUTPUT=table at a terminal (no colour here)', args: [], tty: true, envs: {DD_OUTPUT: 'table', NO_COLOR: '1'}, stdout: 'ID  NAME  OVERALL_STATE  TAGS\n1   cpu   Alert          ["team:a"]\n2   disk  OK             []\n'},
    {name: 'DD_OUTPUT=table into a pipe stays JSON, so | jq keeps working (pup would print a table)', args: [], tty: false, envs: {DD_OUTPUT: 'table'}, stdout: MONITORS},
    {name: '-o csv (beyond pup) for a spreadsheet', args: ['-o', 'csv', '--columns', 'id,name'], tty: false, envs: {}, stdout: 'id,name\n1,cpu\n2,disk\n'},
  ] as Array<{name: string, args: string[], tty: boolean, envs: Record<string, string>, stdout: string}>)('$name', async ({args, tty, envs, stdout}) => {
    server = await startServer([ok(MONITORS)])
    const result = await call(['ListMonitors', ...args], {env: envs, tty: {stdout: tty}})
    expect(result.stderr).toBe('')
    expect(result.stdout.toString()).toBe(stdout)
    expect(result.code).toBe(0)
  })

  it('a pup format name ddcli does not have gets the closest one', async () => {
    server = await startServer([])
    const result = await call(['ListMonitors', '-o', 'yml'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('ddcli: unknown output format "yml" in -o/--output; did you mean yaml?\n')
  })
})
