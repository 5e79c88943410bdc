import {afterEach, describe, expect, it} from 'vitest'
import {listHandler} from '../helpers/list-server.js'
import {startServer, type TestServer} from '../helpers/server.js'
import {haveScript, runInTerminal} from '../helpers/terminal.js'

const env = {DD_API_KEY: 'tableapikey0000000000000000000a1b2', DD_APP_KEY: 'tableappkey00000000000000000000000000c3d4'}
let server: TestServer
afterEach(async () => server?.close())

const USERS = JSON.stringify({data: [
  {id: 'u1', type: 'users', attributes: {email: 'ann@example.com', name: 'Ann', title: `a long title ${'x'.repeat(80)}`}},
  {id: 'u2', type: 'users', attributes: {email: 'bo@example.com', name: 'Bo', title: 'short'}},
]})

/** The lines a terminal showed, without its `\r` and without what a progress line cleared (`\r ESC[K`) before them. */
const lines = (terminal: string) => terminal.replace(/\r/g, '').split('\n').map((line) => line.split('\u001b[K').at(-1)!).filter((line) => line !== '')

describe.skipIf(!haveScript)('-o table on a terminal', () => {
  it.each([
    {name: '60 columns', columns: 60},
    {name: '100 columns', columns: 100},
  ])('fits the terminal\'s width ($name), cutting the widest cells with an ellipsis', async ({columns}) => {
    server = await startServer([{status: 200, headers: {'content-type': 'application/json'}, body: USERS}])
    const {terminal, code} = await runInTerminal(['call', 'GET', '/api/v2/users', '-o', 'table', '--api-url', server.url], {env: {...env, NO_COLOR: '1'}, columns})
    expect(code).toBe(0)
    const shown = lines(terminal)
    expect(shown[0]).toMatch(/^ID {2}TYPE {3}EMAIL {12}NAME {2}TITLE$/)
    expect(shown[1]).toMatch(/^u1 {2}users {2}ann@example\.com {2}Ann {3}a long title x+…$/)
    expect(shown[1]!.length).toBe(columns)
    expect(shown[2]).toBe('u2  users  bo@example.com   Bo    short')
    expect(shown).toHaveLength(3)
  })

  it('cuts nothing on a terminal that reports no size (0 x 0, as script and docker run -t start)', async () => {
    server = await startServer([{status: 200, headers: {'content-type': 'application/json'}, body: USERS}])
    const {terminal, code} = await runInTerminal(['call', 'GET', '/api/v2/users', '-o', 'table', '--api-url', server.url], {env: {...env, NO_COLOR: '1'}})
    expect(code).toBe(0)
    expect(lines(terminal)[1]).toBe(`u1  users  ann@example.com  Ann   a long title ${'x'.repeat(80)}`)
  })

  it('bolds the header when the terminal has colour', async () => {
    server = await startServer([{status: 200, headers: {'content-type': 'application/json'}, body: '[{"id":1}]'}])
    const {terminal} = await runInTerminal(['call', 'GET', '/api/v1/whatever', '-o', 'table', '--api-url', server.url], {env, columns: 80})
    expect(lines(terminal)).toEqual(['\u001b[1mID\u001b[22m', '1'])
  })

  it('takes DD_OUTPUT on a terminal, and the same run into a file is the JSON as received', async () => {
    server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json'}, body: '[{"id":1}]'}))
    const onTerminal = await runInTerminal(['call', 'GET', '/api/v1/whatever', '--api-url', server.url], {env: {...env, NO_COLOR: '1', DD_OUTPUT: 'csv'}, columns: 80})
    expect(lines(onTerminal.terminal)).toEqual(['id', '1'])
    const intoFile = await runInTerminal(['call', 'GET', '/api/v1/whatever', '--api-url', server.url], {env: {...env, NO_COLOR: '1', DD_OUTPUT: 'csv'}, redirect: 'stdout'})
    expect(intoFile.stdout).toBe('[{"id":1}]')
  })

  it('streams --paginate rows under one header, widths from the first page', async () => {
    server = await startServer(listHandler(25))
    const {terminal, code} = await runInTerminal(['call', 'GET', '/api/v2/audit/events', '--paginate', '-o', 'table', '--api-url', server.url], {env: {...env, NO_COLOR: '1'}, columns: 80})
    expect(code).toBe(0)
    const shown = lines(terminal)
    expect(shown[0]).toBe('ID  N')
    expect(shown.slice(1)).toEqual(Array.from({length: 25}, (_, i) => `${String(i).padEnd(2)}  12345678901234567891`))
  })
})
