import {readFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {makeTempDir} from '../helpers/cli.js'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

/** Distinct, long values: the last 4 characters are allowed (masked form), nothing longer. */
const SECRETS = {
  DD_API_KEY: 'apiSECRETvalue000000000000000001',
  DD_APP_KEY: 'appSECRETvalue0000000000000000000000002',
  DD_BEARER_TOKEN: 'ddpat_patSECRETvalue0000000000003',
}
const STORED = 'storedSECRETvalue00000000000000004'
/** A proxy password: HTTPS_PROXY is set for every run, and the http test server is not proxied (no HTTP_PROXY). */
const PROXY_PASSWORD = 'proxySECRETpassword000000005'
const PROXY = {HTTPS_PROXY: `http://proxyUSERname0006:${PROXY_PASSWORD}@127.0.0.1:9`}

let server: TestServer
let configDir: string
beforeAll(async () => {
  server = await startServer((request) => ({
    status: 403,
    headers: {'content-type': 'application/json', 'set-cookie': `s=${STORED}`, 'x-echo': `seen ${SECRETS.DD_APP_KEY}`},
    body: JSON.stringify({errors: [request.path.includes('echo') ? `key ${SECRETS.DD_API_KEY} is invalid` : 'Forbidden']}),
  }))
  configDir = await makeTempDir()
})
afterAll(async () => server?.close())

/** Every command id with the arguments that make it do its real work; a new command must be added here. */
function argsFor(id: string, url: string): string[][] {
  const api = ['--api-url', url]
  const table: Record<string, string[][]> = {
    call: [
      ['GET', '/api/v1/validate', '--verbose', '-i', ...api],
      ['POST', '/api/v1/monitor', '-F', `note=${SECRETS.DD_APP_KEY}`, '--verbose', ...api],
      ['GET', '/api/v1/validate', '--dry-run', '-H', `Authorization: Bearer ${STORED}`, ...api],
      ['GET', '/api/v1/validate', '--api-key', SECRETS.DD_API_KEY, '--app-key', 'bad\nvalue', ...api],
      ['GET', 'https://elsewhere.example/x', '--bearer-token', SECRETS.DD_BEARER_TOKEN, ...api],
    ],
    'auth:status': [['--verbose'], ['--json', ...api], ['--check', ...api], ['--api-key', SECRETS.DD_API_KEY], ['--all'], ['--all', '--json', '--check', ...api]].map((a) => a.filter((x) => x !== '--verbose')),
    'auth:list': [[], ['--json']],
    // stdin is the stored secret on a line: batch reports it as a line that is not JSON, without echoing it.
    batch: [[...api], ['--dry-run', ...api], ['--input', '-', ...api]],
    'auth:switch': [['default']],
    'config:profiles': [[]],
    'auth:set-api-key': [[]],
    'auth:set-app-key': [[]],
    'auth:set-pat': [[]],
    'auth:clear': [['--api-key']],
    'config:get': [['site']],
    'config:list': [[]],
    'config:path': [[]],
    'config:set': [['site', 'datadoghq.eu']],
    'config:unset': [['site']],
    'api:list': [['validate']],
    'api:show': [['ValidateApiKey']],
    completion: [['bash']],
    __complete: [['call', 'GET', '/api/v1/val']],
    help: [[], ['call'], ['environment'], [SECRETS.DD_API_KEY]],
    version: [[]],
  }
  if (!table[id]) throw new Error(`no secret-leak case for command ${id}: add one to test/e2e/secrets.test.ts`)
  return table[id]!
}

const commandIds = Object.keys((JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8')) as {commands: Record<string, unknown>}).commands).filter((id) => id !== 'auth:token')

function leaks(text: string): string[] {
  return [...Object.values(SECRETS), STORED, PROXY_PASSWORD, 'proxyUSERname0006'].filter((secret) => text.includes(secret) || text.includes(secret.slice(0, -4)))
}

describe('no secret in any output', () => {
  it.each(commandIds.flatMap((id) => [{id, debug: false}, {id, debug: true}]))('$id (DEBUG=$debug) prints no secret value', async ({id, debug}) => {
    for (const args of argsFor(id, server.url)) {
      const env: Record<string, string> = {...SECRETS, ...PROXY, DDCLI_CONFIG_DIR: configDir, ...(debug ? {DEBUG: '*'} : {})}
      const result = await run([...id.split(':'), ...args], {env, stdin: `${STORED}\n`})
      const out = `${result.stdout.toString()}\n${result.stderr}`
      expect(leaks(out), `ddcli ${id} ${args.join(' ')}\n${out}`).toEqual([])
    }
  })

  it('masks a secret the server echoes in its error, while the piped body stays byte-exact', async () => {
    const result = await run(['call', 'GET', '/api/v1/echo', '--api-url', server.url], {env: {...SECRETS, DDCLI_CONFIG_DIR: configDir}})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^ddcli: HTTP 403 Forbidden: key \*{4}0001 is invalid; sent the PAT from DD_BEARER_TOKEN, the API key from DD_API_KEY, the application key from DD_APP_KEY to /)
    expect(result.stdout.toString()).toContain(SECRETS.DD_API_KEY)
  })

  it('auth token prints the PAT because the user asked for it, and nothing else', async () => {
    const result = await run(['auth', 'token'], {env: {...SECRETS, DDCLI_CONFIG_DIR: configDir}})
    expect(result.stdout.toString()).toBe(`${SECRETS.DD_BEARER_TOKEN}\n`)
    expect(leaks(result.stderr)).toEqual([])
  })

  const TYPED = {pat: 'ddpat_wrongPLACE0000000000000005', apiKey: '0123456789abcdef0123456789abc006', appKey: '0123456789abcdef0123456789abcdef01234007'}
  it.each([
    {name: 'a PAT given as an argument to auth set-pat (command not found)', args: ['auth', 'set-pat', TYPED.pat], code: 2, line: /^ddcli: ddcli auth set-pat takes no argument \(the value given is not shown\); pipe the secret in[^\n]*\n$/},
    {name: 'an API key in a misspelt flag (nonexistent flag)', args: ['call', 'GET', '/api/v1/validate', `--apikey=${TYPED.apiKey}`], code: 2, line: /^ddcli: unknown flag "--apikey" for ddcli call; did you mean --api-key or --app-key\? \(see ddcli call --help\)\n$/},
    {name: 'an API key after "--api-key= " (unexpected argument)', args: ['call', 'GET', '/api/v1/validate', '--api-key=', TYPED.apiKey], code: 2, line: /^ddcli: --api-key= gives an empty value, and the word after it is an extra argument; write --api-key=VALUE without a space \(see ddcli call --help\)\n$/},
    {name: 'an application key as an unknown command', args: [TYPED.appKey], code: 2, line: /^ddcli: unknown command \(a value that looks like a secret, not shown\); ddcli help lists the commands\n$/},
  ])('masks a secret typed in the wrong place: $name', async ({args, code, line}) => {
    const result = await run(args, {env: {DDCLI_CONFIG_DIR: configDir}})
    expect({code: result.code, stderr: result.stderr}).toEqual({code, stderr: expect.stringMatching(line)})
    for (const secret of Object.values(TYPED)) expect(result.stderr).not.toContain(secret.slice(4, -4))
  })

  const PLAIN = 'plainWRONGplace0000000008'
  it.each([
    {name: 'a misspelt flag and its value', args: ['call', 'GET', '/api/v1/validate', '--apikey', PLAIN]},
    {name: 'a field written against -f', args: ['call', 'GET', '/api/v1/validate', `-fapi_key=${PLAIN}`, '--dry-run']},
    {name: 'a header with = for :', args: ['call', 'GET', '/api/v1/validate', '-H', `DD-API-KEY=${PLAIN}`]},
    {name: 'an argument to auth set-api-key', args: ['auth', 'set-api-key', PLAIN]},
    {name: 'a password in --api-url', args: ['call', 'GET', '/api/v1/validate', '--api-url', `http://me:${PLAIN}@127.0.0.1:9`]},
  ])('masks a secret of no known shape typed in the wrong place in the DEBUG trace: $name', async ({args}) => {
    const result = await run(args, {env: {DDCLI_CONFIG_DIR: configDir, DEBUG: '*', DD_API_KEY: SECRETS.DD_API_KEY}})
    expect(result.stderr).toContain('argv')
    expect(`${result.stdout.toString()}${result.stderr}`).not.toContain(PLAIN.slice(0, -4))
  })

  it('masks unconfigured secrets by shape in the DEBUG argv trace', async () => {
    const result = await run(['call', 'GET', '/api/v1/validate', '-f', `api_key=${TYPED.apiKey}`, '-f', `k=${TYPED.appKey}`, '--dry-run', '--api-url', server.url], {env: {DDCLI_CONFIG_DIR: configDir, DEBUG: '*', DD_API_KEY: SECRETS.DD_API_KEY}})
    expect(result.stderr).toContain('argv')
    for (const secret of Object.values(TYPED)) expect(`${result.stdout.toString()}${result.stderr}`).not.toContain(secret.slice(0, -4))
  })
})
