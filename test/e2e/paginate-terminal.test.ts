import {afterEach, describe, expect, it} from 'vitest'
import {item, listHandler} from '../helpers/list-server.js'
import {startServer, type TestServer} from '../helpers/server.js'
import {haveScript, runInTerminal} from '../helpers/terminal.js'

const env = {DD_API_KEY: 'progressapikey000000000000000a1b2', DD_APP_KEY: 'progressappkey0000000000000000000000c3d4'}
let server: TestServer
afterEach(async () => server?.close())

/** Runs the CLI with stderr on a pseudo-terminal and stdout in a file: returns what the terminal showed, and the file. */
async function stderrOnTerminal(args: string[]): Promise<{terminal: string, stdout: string}> {
  const {terminal, stdout} = await runInTerminal(args, {env: {...env, NO_COLOR: '1'}, redirect: 'stdout'})
  return {terminal, stdout: stdout ?? ''}
}

describe.skipIf(!haveScript)('the progress line of --paginate', () => {
  it('shows pages, items and the rate-limit wait on a terminal\'s stderr, redrawn in place, then clears itself', async () => {
    const list = listHandler(25)
    let seen = 0
    server = await startServer((request) => (++seen === 2 ? {status: 429, headers: {'x-ratelimit-reset': '1', 'x-ratelimit-name': 'audit'}} : list(request)))
    const {terminal, stdout} = await stderrOnTerminal(['call', 'GET', '/api/v2/audit/events', '--paginate', '--page-size', '10', '--api-url', server.url])
    expect(stdout.split('\n')).toHaveLength(26)
    expect(stdout.startsWith(`${item(0).replace(/ /g, '')}\n`)).toBe(true)
    expect(terminal).toContain('\r\u001b[Kddcli: page 1, 0 items')
    expect(terminal).toContain('\r\u001b[Kddcli: page 2, 10 items, rate limited (audit), waiting 1 s')
    expect(terminal).toContain('\r\u001b[Kddcli: page 3, 25 items')
    expect(terminal.endsWith('\r\u001b[K')).toBe(true)
    expect(terminal).not.toContain('\n')
  })

  it('neutralises escape sequences of an error body shown on a terminal\'s stderr with --jq', async () => {
    server = await startServer([{status: 500, headers: {'content-type': 'application/json'}, body: '{"errors":["\u001b]0;owned\u0007"]}'}])
    const {terminal, stdout} = await stderrOnTerminal(['call', 'GET', '/api/v1/validate', '--jq', '.', '--retries', '0', '--api-url', server.url])
    expect(stdout).toBe('')
    expect(terminal).toContain('{"errors":["\\u001b]0;owned\\u0007"]}')
    expect(terminal).not.toContain('\u001b]0;')
  })

  it('shows nothing with --silent', async () => {
    server = await startServer(listHandler(25))
    const {terminal, stdout} = await stderrOnTerminal(['call', 'GET', '/api/v2/audit/events', '--paginate', '--page-size', '10', '--silent', '--api-url', server.url])
    expect(terminal).toBe('')
    expect(stdout).toBe('')
    await server.expectRequests(3)
  })
})

describe.skipIf(!haveScript)('--paginate items on a colour terminal', () => {
  // A server's item carrying an escape sequence (JSON-escaped, as JSON requires) and a raw bidi override.
  const hostile = '{"id": "evil\\u001b]0;owned\\u0007\u202e", "n": 12345678901234567891}'
  const pages = () => startServer((request) => {
    const after = new URLSearchParams(request.query).get('page[cursor]')
    const body = after ? `{"data":[${item(1)}],"meta":{"page":{}}}` : `{"data":[${hostile}],"meta":{"page":{"after":"1"}}}`
    return {status: 200, headers: {'content-type': 'application/json'}, body}
  })

  it.each([
    {name: 'NDJSON', args: []},
    {name: '--slurp', args: ['--slurp']},
  ])('colours the items and escapes only what the server sent: $name', async ({args}) => {
    server = await pages()
    const {terminal, code} = await runInTerminal(['call', 'GET', '/api/v2/audit/events', '--paginate', ...args, '--api-url', server.url], {env: {...env, FORCE_COLOR: '1'}})
    expect(code).toBe(0)
    // ddcli's own colours reach the terminal as colours, never as escaped text.
    expect(terminal).toContain('\u001b[32m')
    expect(terminal).not.toContain('\\u001b[3')
    // The server's sequences are shown escaped, never run; 64-bit numbers as written.
    expect(terminal).toContain('evil\\u001b]0;owned\\u0007\\u202e')
    expect(terminal).not.toContain('\u001b]0;owned')
    expect(terminal).not.toContain('\u202e')
    expect(terminal).toContain('12345678901234567891')
  })
})

describe.skipIf(!haveScript)('items of --paginate on a colour terminal', () => {
  // An item whose string tries to retitle the window: escaped as text, while ddcli's own colours stay live.
  const hostile = '{"data":[{"id":"1","title":"\\u001b]0;owned\\u0007"}],"meta":{"page":{}}}'

  it.each([
    {name: 'NDJSON, one pretty item after another', flags: []},
    {name: '--slurp, one array', flags: ['--slurp']},
  ])('colours keys and strings and escapes only the server\'s control characters: $name', async ({flags}) => {
    server = await startServer([{status: 200, headers: {'content-type': 'application/json'}, body: hostile}])
    const {terminal} = await runInTerminal(['call', 'GET', '/api/v2/audit/events', '--paginate', ...flags, '--api-url', server.url], {env, redirect: 'stderr'})
    expect(terminal).toContain('\u001b[32m"\\u001b]0;owned\\u0007"\u001b[39m')
    expect(terminal).toContain('\u001b[34m\u001b[1m"title"')
    expect(terminal).not.toContain('\\u001b[3')
    expect(terminal).not.toContain('\u001b]0;')
  })
})

describe.skipIf(!haveScript)('numbers on a terminal', () => {
  it.each([
    {name: '--paginate items', flags: ['--paginate']},
    {name: '--paginate --slurp', flags: ['--paginate', '--slurp']},
    {name: '--paginate --jq', flags: ['--paginate', '--jq', '.']},
    {name: '--jq on one response', flags: ['--jq', '.data[0]']},
  ])('keeps a 64-bit number as the server wrote it: $name', async ({flags}) => {
    server = await startServer(listHandler(1))
    const {terminal} = await runInTerminal(['call', 'GET', '/api/v2/audit/events', ...flags, '--api-url', server.url], {env: {...env, NO_COLOR: '1'}, redirect: 'stderr'})
    expect(terminal).toContain('"n": 12345678901234567891')
  })
})
