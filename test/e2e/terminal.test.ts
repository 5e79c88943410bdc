import {afterEach, describe, expect, it} from 'vitest'
import {startServer, type TestServer} from '../helpers/server.js'
import {haveScript, runInTerminal} from '../helpers/terminal.js'

let server: TestServer
afterEach(async () => server?.close())

/** What a user at a terminal sees of `ddcli ...args`, with `\n` line ends. */
async function inTerminal(args: string[], env: Record<string, string>): Promise<string> {
  return (await runInTerminal(args, {env})).terminal.replace(/\r\n/g, '\n')
}

describe.skipIf(!haveScript)('on a terminal', () => {
  it('pretty-prints JSON and neutralises escape sequences in it', async () => {
    server = await startServer([{status: 200, headers: {'content-type': 'application/json'}, body: '{"title":"\\u001b]0;owned\\u0007x","n":1}'}])
    const out = await inTerminal(['call', 'GET', '/api/v1/x', '--api-url', server.url], {DD_API_KEY: 'apikey0000000000000000000000aaaa', NO_COLOR: '1'})
    expect(out).toBe('{\n  "title": "\\u001b]0;owned\\u0007x",\n  "n": 1\n}\n')
  })

  it('neutralises control characters in a text body', async () => {
    server = await startServer([{status: 200, headers: {'content-type': 'text/plain'}, body: 'a\u001b[2Jb'}])
    const out = await inTerminal(['call', 'GET', '/api/v1/x', '--api-url', server.url], {DD_API_KEY: 'apikey0000000000000000000000aaaa'})
    expect(out).toBe('a\\u001b[2Jb\n')
  })
})
