import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {startServer, type TestServer} from '../helpers/server.js'
import {configDir, out, type ConfigDir} from './config-dir.js'

// Every auth and config command but `auth token` must keep secrets out of stdout and stderr, whatever their source
// (config file, env, argv, stdin) and whatever happens (success, refusal, API error). A masked value shows the last
// 4 characters only, so each secret minus its last 4 characters must never appear.
const STORED = {pat: 'ddpat_STOREDPAT0123456789SPAT', apiKey: 'STOREDAPIKEY0123456789abcdSAPI', appKey: 'STOREDAPPKEY0123456789abcdef0123SAPP'}
const ENV = {DD_BEARER_TOKEN: 'ddpat_ENVPAT0123456789abcdEPAT', DATADOG_API_KEY: 'ENVAPIKEY0123456789abcdefEAPI', DD_APP_KEY: 'ENVAPPKEY0123456789abcdef0123EAPP'}
const ARGV = {pat: 'ddpat_ARGVPAT0123456789abcdAPAT', apiKey: 'ARGVAPIKEY0123456789abcdAAPI', appKey: 'ARGVAPPKEY0123456789abcdef0123AAPP'}
const PIPED = 'PIPEDSECRET0123456789abcdefPIPE'
const SECRETS = [...Object.values(STORED), ...Object.values(ENV), ...Object.values(ARGV), PIPED]

let cfg: ConfigDir
let server: TestServer
beforeAll(async () => {
  // A careless API that echoes the key it was sent: the CLI must mask it in the check result.
  server = await startServer((request) => ({status: 403, headers: {'content-type': 'application/json'}, body: JSON.stringify({errors: [`Forbidden for ${String(request.headers['dd-api-key'])}`]})}))
})
afterAll(async () => { await server.close() })
beforeEach(async () => {
  cfg = await configDir()
  await cfg.write(JSON.stringify({profiles: {default: STORED}}))
})
afterEach(async () => { await cfg.cleanup() })

function leaks(text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret.slice(0, -4)))
}

describe('no secret in the output of auth and config commands', () => {
  const cases: Array<{name: string, args: () => string[], env?: Record<string, string>, stdin?: string}> = [
    {name: 'auth status with stored secrets', args: () => ['auth', 'status']},
    {name: 'auth status with env secrets', args: () => ['auth', 'status'], env: ENV},
    {name: 'auth status with argv secrets', args: () => ['auth', 'status', '--pat', ARGV.pat, '--api-key', ARGV.apiKey, '--app-key', ARGV.appKey]},
    {name: 'auth status --json with env secrets', args: () => ['auth', 'status', '--json'], env: ENV},
    {name: 'auth status --check against an API that echoes a key', args: () => ['auth', 'status', '--check', '--api-url', server.url], env: ENV},
    {name: 'auth status --check --json with argv secrets', args: () => ['auth', 'status', '--check', '--json', '--api-url', server.url, '--api-key', ARGV.apiKey]},
    {name: 'auth set-pat from stdin', args: () => ['auth', 'set-pat'], stdin: `${PIPED}\n`, env: ENV},
    {name: 'auth set-api-key from stdin', args: () => ['auth', 'set-api-key'], stdin: PIPED, env: ENV},
    {name: 'auth set-app-key from stdin', args: () => ['auth', 'set-app-key', '--profile', 'x'], stdin: PIPED},
    {name: 'auth set-api-key refusing a value with a space', args: () => ['auth', 'set-api-key'], stdin: `${PIPED} ${PIPED}`},
    {name: 'auth set-api-key refusing two lines', args: () => ['auth', 'set-api-key'], stdin: `${PIPED}\n${PIPED}\n`},
    {name: 'auth set-pat refusing a control character', args: () => ['auth', 'set-pat'], stdin: `${PIPED}\u001b`},
    {name: 'auth clear', args: () => ['auth', 'clear'], env: ENV},
    {name: 'auth clear --pat', args: () => ['auth', 'clear', '--pat']},
    {name: 'config set site', args: () => ['config', 'set', 'site', 'datadoghq.eu'], env: ENV},
    {name: 'config set with a secret given as the key', args: () => ['config', 'set', 'api-key', PIPED]},
    {name: 'config set with a secret given as the site', args: () => ['config', 'set', 'site', PIPED]},
    {name: 'config set with a secret in an api-url', args: () => ['config', 'set', 'api-url', `https://u:${PIPED}@h.example.com`]},
    {name: 'config get', args: () => ['config', 'get', 'site']},
    {name: 'config unset', args: () => ['config', 'unset', 'site']},
    {name: 'config list', args: () => ['config', 'list'], env: ENV},
    {name: 'config path', args: () => ['config', 'path'], env: ENV},
  ]

  it.each(cases)('$name', async ({args, env, stdin}) => {
    const result = await cfg.run(args(), {env, stdin})
    expect(result.code).not.toBeNull()
    expect(leaks(out(result))).toEqual([])
    expect(leaks(result.stderr)).toEqual([])
  })

  it('auth token is the one command that prints the secret', async () => {
    const result = await cfg.run(['auth', 'token'], {env: ENV})
    expect(out(result)).toBe(`${ENV.DD_BEARER_TOKEN}\n`)
    expect(leaks(result.stderr)).toEqual([])
  })
})
