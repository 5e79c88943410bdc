import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startServer, type TestServer} from '../helpers/server.js'
import {haveScript, runInTerminal, type Redirect} from '../helpers/terminal.js'

// Colour is decided for stdout and stderr apart. Each case runs `ddcli call` under a real pseudo-terminal (util-linux
// `script -qec`) and redirects stdout, stderr, both or neither to files; the server answers 403 with a JSON body, so
// stdout gets the body (pretty and coloured on a terminal) and stderr the error line (prefix red on a terminal).

const ESC = '\u001b['
const BODY = '{"errors":["Forbidden"]}'
let server: TestServer

beforeAll(async () => {
  server = await startServer(() => ({status: 403, statusText: 'Forbidden', headers: {'content-type': 'application/json'}, body: BODY}))
})

afterAll(async () => {
  await server.close()
})

/** Runs ddcli under a pseudo-terminal with the given streams sent to files; returns what the terminal and files got. */
function run(args: string[], env: Record<string, string>, redirect: Redirect) {
  return runInTerminal(args, {env: {DD_API_KEY: 'colortest000000000000000000aaaa', ...env}, redirect})
}

const call = ['call', 'GET', '/api/v1/x', '--retries', '0']

describe.skipIf(!haveScript)('colour', () => {
  it.each([
    {name: 'colours the error on stderr when stdout is piped and stderr is a terminal', env: {}, flags: [], redirect: 'stdout', terminal: true, stdout: false, stderr: undefined},
    {name: 'colours the body on stdout when stderr is piped and stdout is a terminal', env: {}, flags: [], redirect: 'stderr', terminal: true, stdout: undefined, stderr: false},
    {name: 'colours nothing when both are piped', env: {}, flags: [], redirect: 'both', terminal: undefined, stdout: false, stderr: false},
    {name: 'colours nothing with NO_COLOR', env: {NO_COLOR: '1'}, flags: [], redirect: 'none', terminal: false, stdout: undefined, stderr: undefined},
    {name: 'ignores an empty NO_COLOR', env: {NO_COLOR: ''}, flags: [], redirect: 'none', terminal: true, stdout: undefined, stderr: undefined},
    {name: 'colours nothing with --no-color', env: {}, flags: ['--no-color'], redirect: 'none', terminal: false, stdout: undefined, stderr: undefined},
    {name: 'colours nothing with TERM=dumb', env: {TERM: 'dumb'}, flags: [], redirect: 'none', terminal: false, stdout: undefined, stderr: undefined},
    {name: 'colours nothing with FORCE_COLOR=0', env: {FORCE_COLOR: '0'}, flags: [], redirect: 'none', terminal: false, stdout: undefined, stderr: undefined},
    {name: 'colours piped stderr with FORCE_COLOR but keeps the piped body byte for byte', env: {FORCE_COLOR: '1'}, flags: [], redirect: 'both', terminal: undefined, stdout: false, stderr: true},
    {name: 'lets NO_COLOR win over FORCE_COLOR', env: {FORCE_COLOR: '1', NO_COLOR: '1'}, flags: [], redirect: 'stdout', terminal: false, stdout: false, stderr: undefined},
    {name: 'lets FORCE_COLOR win over TERM=dumb', env: {FORCE_COLOR: '1', TERM: 'dumb'}, flags: [], redirect: 'stdout', terminal: true, stdout: false, stderr: undefined},
    {name: 'lets --no-color win over FORCE_COLOR', env: {FORCE_COLOR: '1'}, flags: ['--no-color'], redirect: 'stdout', terminal: false, stdout: false, stderr: undefined},
  ] as const)('$name', async ({env, flags, redirect, terminal, stdout, stderr}) => {
    const got = await run([...call, '--api-url', server.url, ...flags], env as Record<string, string>, redirect as Redirect)
    const colored = (text: string | undefined) => (text === undefined ? undefined : text.includes(ESC))
    expect({terminal: redirect === 'both' ? undefined : colored(got.terminal), stdout: colored(got.stdout), stderr: colored(got.stderr)}).toEqual({terminal, stdout, stderr})
    // Whatever the colour, the words are the same: the error line on stderr, the body on stdout.
    // eslint-disable-next-line no-control-regex
    const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '')
    expect(plain(got.stderr ?? got.terminal)).toContain('ddcli: HTTP 403 Forbidden: Forbidden')
    if (got.stdout !== undefined) expect(got.stdout).toBe(BODY)
  })

  it('colours the error line of a command without colour of its own', async () => {
    const got = await run(['config', 'get', 'nope'], {}, 'none')
    expect(got.terminal).toContain(`${ESC}31mddcli:${ESC}39m unknown config key`)
  })

  it('colours the unknown-command line when stderr is a terminal and stdout is not', async () => {
    // oclif's own "command not found" coloured only when both streams were terminals.
    const got = await run(['monitors'], {}, 'stdout')
    expect(got.terminal).toContain(`${ESC}31mddcli:${ESC}39m unknown command "monitors"`)
  })

  it('accepts --no-color on every command', async () => {
    const got = await run(['config', 'get', 'nope', '--no-color'], {}, 'none')
    expect(got.terminal).toMatch(/^ddcli: unknown config key/)
  })
})
