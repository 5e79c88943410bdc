import {FAKE_SECRET} from './fake-row.js'
import {afterEach, describe, expect, it} from 'vitest'
import {runInProcess} from '../helpers/in-process.js'
import {configDir} from '../commands/config-dir.js'
import {startServer, type TestServer} from '../helpers/server.js'

// A credential added to the CREDENTIALS table (test/credentials/fake-row.ts, imported first) is resolved, sent and
// masked on every surface, with no other file touched: the flag, env vars, config key, header, masking by name and
// by value, argv masking in error lines, auth status and auth clear all derive from the table.
const API_KEY = '0123456789abcdef0123456789abAPIK'
let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const echoing = () => startServer((request) => ({
  status: 200,
  headers: {'content-type': 'application/json', 'x-fake-key': String(request.headers['x-fake-key'] ?? '')},
  body: JSON.stringify({echo: request.headers['x-fake-key'] ?? null}),
}))

function expectMasked(...texts: string[]): void {
  for (const text of texts) expect(text).not.toContain(FAKE_SECRET.slice(0, -4))
}

describe('a credential added to the table', () => {
  it.each([
    {name: 'from its env var', args: [], env: {DD_FAKE_KEY: FAKE_SECRET} as Record<string, string>},
    {name: 'from its second env var', args: [], env: {DATADOG_FAKE_KEY: FAKE_SECRET}},
    {name: 'from its flag', args: ['--fake-key', FAKE_SECRET], env: {}},
    {name: 'from its alias', args: [`--fk=${FAKE_SECRET}`], env: {}},
  ])('is sent as its header, $name, and masked in the verbose trace and -i', async ({args, env}) => {
    server = await echoing()
    const run = await runInProcess(['call', 'GET', '/api/v1/validate', '--api-url', server.url, '--verbose', '-i', ...args], {env: {DD_API_KEY: API_KEY, ...env}})
    expect(run.code).toBe(0)
    expect((await server.expectRequests(1))[0]!.headers['x-fake-key']).toBe(FAKE_SECRET)
    expect(run.stderr).toContain('X-Fake-Key: ****FAKE')
    expectMasked(run.stderr)
    // The body is the server's, as received; the headers -i prints are masked.
    expect(run.stdout.toString()).toContain('x-fake-key: ****FAKE')
  })

  it('is read from the config file and named as its source in auth status', async () => {
    const config = await configDir()
    try {
      await config.write(JSON.stringify({profiles: {default: {fakeKey: FAKE_SECRET, apiKey: API_KEY}}}))
      const status = await config.run(['auth', 'status', '--json'])
      expect(status.code).toBe(0)
      expect(JSON.parse(status.stdout.toString()).fakeKey).toEqual({set: true, value: '****FAKE', source: `${config.file} [profile default]`})
      expectMasked(status.stdout.toString(), status.stderr)
      const cleared = await config.run(['auth', 'clear', '--fake-key'])
      expect(cleared.stderr).toBe(`ddcli: removed the fake key from ${config.file} [profile default]\n`)
      expect(await config.read()).toEqual({profiles: {default: {apiKey: API_KEY}}})
    } finally {
      await config.cleanup()
    }
  })

  it.each([
    {name: '--dry-run', args: ['--dry-run']},
    {name: '--curl', args: ['--curl']},
    {name: 'a parse error after it', args: ['--no-such-flag']},
  ])('is masked by $name', async ({args}) => {
    const run = await runInProcess(['call', 'GET', '/api/v1/validate', '--api-url', 'http://127.0.0.1:9', '--fake-key', FAKE_SECRET, ...args], {env: {DD_API_KEY: API_KEY}})
    expectMasked(run.stdout.toString(), run.stderr)
    expect(`${run.stdout.toString()}${run.stderr}`).toMatch(args[0] === '--no-such-flag' ? /no-such-flag/ : /X-Fake-Key/i)
  })
})

describe('what is derived from the table', () => {
  it('masks the header by name, the flag, its alias and auth set-* arguments in argv, and lists it in the config keys', async () => {
    const {SENSITIVE_HEADERS, createMasker} = await import('../../src/credentials/mask.js')
    const {processSecrets} = await import('../../src/credentials/process-secrets.js')
    const {SET_COMMANDS} = await import('../../src/credentials/secret.js')
    const {validateConfig} = await import('../../src/credentials/store.js')
    const {apiFlags} = await import('../../src/flags.js')
    expect(SENSITIVE_HEADERS.has('x-fake-key')).toBe(true)
    expect(processSecrets(['call', '--fake-key', 'short1'], {})).toContain('short1')
    expect(processSecrets(['call', '--fk=short2'], {})).toContain('short2')
    expect(processSecrets(['auth', 'set-fake-key', 'short3'], {})).toContain('short3')
    expect(processSecrets([], {DATADOG_FAKE_KEY: 'short4'})).toContain('short4')
    expect(createMasker([])('X-Fake-Key: anything')).not.toContain('anything')
    expect(SET_COMMANDS['fakeKey' as never]).toBe('set-fake-key')
    expect(Object.keys(apiFlags)).toContain('fake-key')
    expect(() => validateConfig('/c.json', {profiles: {p: {fakeKey: 1}}})).toThrow(/profiles\.p\.fakeKey/)
  })
})
