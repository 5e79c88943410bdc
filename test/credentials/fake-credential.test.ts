import {FAKE_SECRET} from './fake-row.js'
import {afterEach, describe, expect, it} from 'vitest'
import {runInProcess} from '../helpers/in-process.js'
import {configDir} from '../commands/config-dir.js'
import {startServer, type TestServer} from '../helpers/server.js'

// A credential added to the CREDENTIALS table (test/credentials/fake-row.ts, imported first) is resolved, sent and
// masked on every surface, with no other file touched: the flag, env vars, config key, header, masking by name and
// by value, argv masking in error lines, auth status, auth list, config list, auth clear, the 401 hint, the curl
// line, the curl -u hint and help environment all derive from the table. (Its auth set-* command is one more file,
// src/commands/auth/set-*.ts, made by setCredentialCommand; auth status --check needs a validation endpoint for it.)
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

  it('is sent alone, with no other credential configured', async () => {
    server = await echoing()
    const run = await runInProcess(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {env: {DD_FAKE_KEY: FAKE_SECRET}})
    expect((await server.expectRequests(1))[0]!.headers['x-fake-key']).toBe(FAKE_SECRET)
    expect(run.code).toBe(0)
  })

  it('is named, with its source, in the hint after a 401, and as its env var in the curl line', async () => {
    server = await startServer(() => ({status: 401, headers: {'content-type': 'application/json'}, body: '{}'}))
    const refused = await runInProcess(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {env: {DD_FAKE_KEY: FAKE_SECRET}})
    expect(refused.stderr).toContain('sent the fake key from DD_FAKE_KEY')
    const curl = await runInProcess(['call', 'GET', '/api/v1/validate', '--api-url', server.url, '--curl'], {env: {DD_FAKE_KEY: FAKE_SECRET}})
    expect(curl.stdout.toString()).toContain('-H "X-Fake-Key: $DD_FAKE_KEY"')
    expectMasked(refused.stderr, curl.stdout.toString(), curl.stderr)
  })

  it('is among the credential flags and env vars a curl -u is pointed to', async () => {
    const run = await runInProcess(['call', 'GET', '/api/v1/validate', '-u', 'me'])
    expect(run.stderr).toMatch(/--fake-key \(alias --fk\).*DD_FAKE_KEY from the environment/)
  })

  it('is named by the alias it was given in auth status', async () => {
    const status = await runInProcess(['auth', 'status', '--json', `--fk=${FAKE_SECRET}`])
    expect(JSON.parse(status.stdout.toString()).fakeKey).toEqual({set: true, value: '****FAKE', source: '--fk'})
  })

  it('is listed, masked and by its name, by auth list and config list', async () => {
    const config = await configDir()
    try {
      await config.write(JSON.stringify({profiles: {default: {fakeKey: FAKE_SECRET}}}))
      const list = await config.run(['auth', 'list', '--json'])
      expect(JSON.parse(list.stdout.toString())[0].fakeKey).toEqual({set: true, value: '****FAKE', storage: 'file'})
      expect((await config.run(['auth', 'list'])).stdout.toString()).toContain('****FAKE')
      const table = await runInProcess(['auth', 'list'], {env: {DDCLI_CONFIG_DIR: config.dir}, tty: {stdout: true}, columns: 200})
      expect(table.stdout.toString()).toMatch(/FAKE KEY[^\n]*\n[^\n]*\*\*\*\*FAKE/)
      expect((await config.run(['config', 'list'])).stdout.toString()).toContain('fake-key\t****FAKE\n')
    } finally {
      await config.cleanup()
    }
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

  it('keeps a keychain entry another profile refers to, names its env vars in help environment, and points its set command to a pipe', async () => {
    const {accountReferenced, keychainRef} = await import('../../src/credentials/keychain-ref.js')
    const {environmentVariables} = await import('../../src/help/topics.js')
    const {commandNotFoundLine} = await import('../../src/suggest/commands.js')
    expect(accountReferenced({profiles: {copy: {fakeKey: keychainRef('p', 'fakeKey' as never)} as never}}, 'p/fakeKey')).toBe(true)
    const names = environmentVariables().map((row) => row.name)
    expect(names).toEqual(expect.arrayContaining(['DD_FAKE_KEY', 'DATADOG_FAKE_KEY']))
    expect(environmentVariables().find((row) => row.name === 'DD_FAKE_KEY')!.meaning).toMatch(/sent as X-Fake-Key\. After --fake-key \(alias --fk\)/)
    expect(commandNotFoundLine(['auth', 'set-fake-key', 'x'], {commands: ['auth set-fake-key'], topics: ['auth']})).toContain('echo "$DD_FAKE_KEY" | ddcli auth set-fake-key')
  })
})
