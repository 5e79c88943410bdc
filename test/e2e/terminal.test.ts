import {spawnSync} from 'node:child_process'
import {afterEach, describe, expect, it} from 'vitest'
import {binPath, makeTempDir} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/server.js'

const haveScript = spawnSync('script', ['--version']).status === 0
let server: TestServer
afterEach(async () => server?.close())

/** Runs the CLI under a pseudo-terminal (util-linux `script`), as a user at a terminal would. */
async function inTerminal(args: string[], env: Record<string, string>): Promise<string> {
  const dir = await makeTempDir()
  const command = [process.execPath, binPath, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')
  const {spawn} = await import('node:child_process')
  return new Promise((resolve) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {env: {PATH: process.env.PATH ?? '', HOME: dir, DDCLI_CONFIG_DIR: dir, TERM: 'xterm', ...env}, stdio: ['ignore', 'pipe', 'pipe']})
    let out = ''
    child.stdout.on('data', (c: Buffer) => { out += c.toString() })
    child.on('close', () => resolve(out.replace(/\r\n/g, '\n')))
  })
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
