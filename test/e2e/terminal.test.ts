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

  it.each([
    {name: 'a string raw, as gh prints it (an escape sequence in it made visible)', flags: ['--jq', '.data[].id'], shown: '0\nab\\u001b[2Jc\n'},
    {name: 'a string raw with -q', flags: ['-q', '.data[0].id'], shown: '0\n'},
    {name: 'a string quoted with --jq-json', flags: ['--jq', '.data[0].id', '--jq-json'], shown: '"0"\n'},
    {name: 'an object still pretty', flags: ['--jq', '.data[0]'], shown: '{\n  "id": "0"\n}\n'},
  ])('prints --jq outputs on a terminal: $name', async ({flags, shown}) => {
    server = await startServer([{status: 200, headers: {'content-type': 'application/json'}, body: '{"data":[{"id":"0"},{"id":"ab\\u001b[2Jc"}]}'}])
    const out = await inTerminal(['call', 'GET', '/api/v1/x', '--api-url', server.url, ...flags], {DD_API_KEY: 'apikey0000000000000000000000aaaa', NO_COLOR: '1'})
    expect(out).toBe(shown)
  })

  it('prints --jq strings raw when piped too, escape sequences as they are (that is data)', async () => {
    server = await startServer([{status: 200, headers: {'content-type': 'application/json'}, body: '{"data":[{"id":"0"},{"id":"ab\\u001b[2Jc"}]}'}])
    const run = await runInTerminal(['call', 'GET', '/api/v1/x', '--api-url', server.url, '--jq', '.data[].id'], {env: {DD_API_KEY: 'apikey0000000000000000000000aaaa'}, redirect: 'stdout'})
    expect(run.stdout).toBe('0\nab\u001b[2Jc\n')
  })
})
