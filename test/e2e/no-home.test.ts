import {execFile, spawnSync} from 'node:child_process'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {binPath} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/server.js'

// A container user without a passwd entry and without HOME or SHELL (`docker run --user 54321`): os.homedir() and
// os.userInfo() throw there, and oclif's dependencies call them at start-up. Run as such a user with setpriv, which
// needs root (CI runs as root); skipped otherwise.

const run = promisify(execFile)
const canSwitchUser = process.getuid?.() === 0 && spawnSync('setpriv', ['--version'], {stdio: 'ignore'}).status === 0
const API_KEY = 'nohomeapikey00000000000000000aaa'
let server: TestServer

beforeAll(async () => {
  server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}))
})

afterAll(async () => {
  await server.close()
})

/** Runs ddcli as uid/gid 54321 (no passwd entry) with only PATH and `env` set. */
async function asUserWithoutHome(args: string[], env: Record<string, string> = {}) {
  const argv = ['--reuid=54321', '--regid=54321', '--clear-groups', process.execPath, binPath, ...args]
  try {
    const {stdout, stderr} = await run('setpriv', argv, {env: {PATH: '/usr/bin:/bin', ...env}, timeout: 30_000})
    return {code: 0, stdout, stderr}
  } catch (error: unknown) {
    const {code, stdout, stderr} = error as {code: number, stdout: string, stderr: string}
    return {code, stdout, stderr}
  }
}

describe.skipIf(!canSwitchUser)('for a user without a home directory or passwd entry', () => {
  it.each([
    {name: 'prints the version', args: ['--version'], want: /^ddcli\/\d/, stderr: ''},
    {name: 'shows the credential status', args: ['auth', 'status'], want: /^profile\tdefault/, stderr: 'ddcli: no credentials configured yet; run ddcli auth set-pat (or set-api-key and set-app-key), or set DD_BEARER_TOKEN (or DD_API_KEY and DD_APP_KEY), then check them with ddcli auth status --check\n'},
    {name: 'prints a completion script', args: ['completion', 'bash'], want: /complete -o default -F _ddcli_complete ddcli/, stderr: ''},
  ])('$name', async ({args, want, stderr}) => {
    const result = await asUserWithoutHome(args)
    expect(result).toMatchObject({code: 0, stderr})
    expect(result.stdout).toMatch(want)
  })

  it('runs an oclif command with HOME set but no SHELL (a call checks only HOME; oclif still gets a shell)', async () => {
    const result = await asUserWithoutHome(['completion', 'bash'], {HOME: '/nonexistent-home'})
    expect(result).toMatchObject({code: 0, stderr: ''})
    expect(result.stdout).toMatch(/complete -o default -F _ddcli_complete ddcli/)
  })

  it('sends a call with credentials from the environment', async () => {
    const result = await asUserWithoutHome(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {DD_API_KEY: API_KEY})
    expect(result).toEqual({code: 0, stdout: '{"valid":true}', stderr: ''})
    const [request] = await server.expectRequests(1)
    expect(request!.headers['dd-api-key']).toBe(API_KEY)
  })
})
