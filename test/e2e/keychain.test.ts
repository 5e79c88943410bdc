import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {chmod, mkdir, readFile, rm, stat} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {findKernelKeys, kernelDescription} from '../../src/credentials/kernel-keyring.js'
import {runNode} from '../helpers/cli.js'
import {API_KEY, APP_KEY, configDir, type ConfigDir} from '../commands/config-dir.js'
import {startServer, type TestServer} from '../helpers/server.js'

type Keyring = typeof import('@napi-rs/keyring')

/** Whether a Secret Service answers on this process's session bus: a real write and delete. */
function secretService(): {keyring?: Keyring, reason?: string} {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) return {reason: 'DBUS_SESSION_BUS_ADDRESS is not set'}
  try {
    const keyring = createRequire(import.meta.url)('@napi-rs/keyring') as Keyring
    // Pinned like ddcli's own entries: left to choose, the library falls back to the kernel keyring and leaves a key.
    const probe = new keyring.Entry('ddcli-test-probe', 'probe', {linux: {store: 'secret-service'}})
    probe.setPassword('probe')
    probe.deletePassword()
    return {keyring}
  } catch (error: unknown) {
    return {reason: (error as Error).message}
  }
}

const {keyring, reason} = secretService()
if (!keyring) {
  // scripts/with-keyring.sh (used by .ci/run) promises one: there, a missing Secret Service is a failure, not a skip.
  if (process.env.DDCLI_TEST_SECRET_SERVICE) throw new Error(`with-keyring.sh started a Secret Service, but it is not reachable: ${reason}`)
  console.warn(`keychain tests skipped: no Secret Service reachable (${reason}); run them with: bash scripts/with-keyring.sh npx vitest run test/e2e/keychain.test.ts`)
}

let config: ConfigDir
let server: TestServer | undefined
beforeEach(async () => {
  config = await configDir({spawn: true})
})
afterEach(async () => {
  await server?.close()
  server = undefined
  await config.cleanup()
})

const ok = {status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}
const stored = async () => (await config.read()).profiles?.default?.apiKey

describe.skipIf(!keyring)('the OS keychain (a real Secret Service under dbus-run-session)', () => {
  const bus = {DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS, DDCLI_STORAGE: ''}
  const entry = () => new keyring!.Entry(`ddcli:${config.file}`, 'default/apiKey', {linux: {store: 'secret-service'}})

  it('stores the secret in the keychain, keeps only a reference in the file, and call sends it', async () => {
    const set = await config.run(['auth', 'set-api-key'], {env: bus, stdin: `${API_KEY}\n`})
    expect(set.code).toBe(0)
    expect(set.stderr).toBe(`ddcli: stored the API key ****APIK in the OS keychain (OS keychain [profile default], referenced from ${config.file})\n`)
    expect(await stored()).toBe('keychain:default/apiKey')
    expect(await readFile(config.file, 'utf8')).not.toContain(API_KEY)
    expect(entry().getPassword()).toBe(API_KEY)

    server = await startServer([ok])
    const call = await config.run(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {env: bus})
    expect(call.code).toBe(0)
    expect((await server.expectRequests(1))[0]!.headers['dd-api-key']).toBe(API_KEY)

    const status = await config.run(['auth', 'status', '--json'], {env: bus})
    expect(JSON.parse(status.stdout.toString()).apiKey).toEqual({set: true, value: '****APIK', source: 'OS keychain [profile default]'})
    const list = await config.run(['auth', 'list', '--json'], {env: bus})
    expect(JSON.parse(list.stdout.toString())[0].apiKey).toEqual({set: true, value: 'keychain', storage: 'keychain'})
  })

  it('auth clear removes the secret from the keychain and the reference from the file', async () => {
    await config.run(['auth', 'set-api-key'], {env: bus, stdin: `${API_KEY}\n`})
    const clear = await config.run(['auth', 'clear', '--api-key'], {env: bus})
    expect(clear.code).toBe(0)
    expect(clear.stderr).toBe(`ddcli: removed the API key from ${config.file} [profile default] and the OS keychain\n`)
    expect(await stored()).toBeUndefined()
    expect(entry().getPassword()).toBeNull()
  })

  it.each([
    ['auth clear of the copy', ['auth', 'clear', '--api-key', '--profile', 'copy'], {}],
    ['DDCLI_STORAGE=file auth set-api-key on the copy', ['auth', 'set-api-key', '--profile', 'copy'], {DDCLI_STORAGE: 'file'}],
  ])('keeps the entry a profile block copied by hand still refers to, after %s', async (_name, args, extra) => {
    await config.run(['auth', 'set-api-key'], {env: bus, stdin: `${API_KEY}\n`})
    await config.write(JSON.stringify({profiles: {default: {apiKey: 'keychain:default/apiKey'}, copy: {apiKey: 'keychain:default/apiKey'}}}))
    const result = await config.run(args, {env: {...bus, ...extra}, stdin: `${API_KEY}\n`})
    expect(result.code).toBe(0)
    expect(result.stderr).not.toContain('OS keychain')
    expect(await stored()).toBe('keychain:default/apiKey')
    expect(entry().getPassword()).toBe(API_KEY)
  })

  it('DDCLI_STORAGE=file writes the file even with a keychain, and removes the keychain copy it replaces', async () => {
    await config.run(['auth', 'set-api-key'], {env: bus, stdin: `${API_KEY}\n`})
    const set = await config.run(['auth', 'set-api-key'], {env: {...bus, DDCLI_STORAGE: 'file'}, stdin: `${API_KEY}\n`})
    expect(set.stderr).toBe(`ddcli: stored the API key ****APIK in ${config.file} [profile default]\n`)
    expect(await stored()).toBe(API_KEY)
    expect(entry().getPassword()).toBeNull()
  })

  // A config that cannot be written is found out before the keychain is touched: a secret stored there first was
  // left behind (or replaced the one the file refers to) by a run that said it failed.
  it.each([
    {name: 'a sticky folder others can write to', prepare: () => chmod(config.dir, 0o1777), error: /can be written by other users/},
    {name: 'a lock path that is a folder', prepare: () => mkdir(`${config.file}.lock`), error: /is not a lock file of ddcli/},
  ])('auth set-api-key changes nothing in the keychain when the config cannot be written: $name', async ({prepare, error}) => {
    await config.write('{}')
    await prepare()
    const set = await config.run(['auth', 'set-api-key'], {env: bus, stdin: `${API_KEY}\n`})
    expect({code: set.code, stderr: set.stderr}).toEqual({code: 3, stderr: expect.stringMatching(error)})
    expect(entry().getPassword()).toBeNull()

    // Nor is the secret the file refers to replaced.
    await rm(`${config.file}.lock`, {recursive: true, force: true})
    await chmod(config.dir, 0o700)
    expect((await config.run(['auth', 'set-api-key'], {env: bus, stdin: `${API_KEY}\n`})).code).toBe(0)
    await prepare()
    expect((await config.run(['auth', 'set-api-key'], {env: bus, stdin: '11111111111111111111111111111111\n'})).code).toBe(3)
    expect(entry().getPassword()).toBe(API_KEY)
    entry().deletePassword()
  })

  // A reference edited by hand to hold the secret itself (`"apiKey": "keychain:<key>"`): the missing entry's account is
  // the key, and no output may name it.
  it('never prints a reference edited to hold a key, when the keychain has no such entry', async () => {
    const key = 'abcdef0123456789abcdef0123456789'
    await config.write(JSON.stringify({profiles: {default: {apiKey: `keychain:${key}`, appKey: `keychain:x${key}0123456/appKey`}}}))
    const outputs = await Promise.all([['auth', 'status'], ['auth', 'status', '--json'], ['auth', 'list', '--json'], ['call', 'GET', '/api/v1/validate', '--api-url', 'http://127.0.0.1:9']]
      .map((args) => config.run(args, {env: bus})))
    for (const result of outputs) expect(`${result.stdout.toString()}${result.stderr}`).not.toMatch(/abcdef0123456789abcdef/)
    expect(JSON.parse(outputs[1]!.stdout.toString()).apiKey.source).toBe(`OS keychain [profile default]: cannot be read (the OS keychain has no entry ****6789 for ddcli:${config.file})`)
  })

  it('says so, naming the fix, when the referenced entry is gone from the keychain', async () => {
    await config.run(['auth', 'set-api-key'], {env: bus, stdin: `${API_KEY}\n`})
    entry().deletePassword()
    const call = await config.run(['call', 'GET', '/api/v1/validate', '--api-url', 'http://127.0.0.1:9'], {env: bus})
    expect(call.code).toBe(3)
    expect(call.stderr).toMatch(/^ddcli: the API key of profile default is in the OS keychain, which cannot be read \(.*\); set DD_API_KEY, or store it again with ddcli auth set-api-key\n$/)
  })
})

/** The kernel keys of this test's config file, any account: what an earlier ddcli left there. */
const kernelKeys = () => ['default/pat', 'default/apiKey', 'default/appKey'].flatMap((account) => findKernelKeys(kernelDescription(`ddcli:${config.file}`, account)))
const keyctl = ['/usr/bin/keyctl', '/bin/keyctl'].find((file) => existsSync(file))

/**
 * Leaves a kernel keyring copy the way ddcli 0.1 did with no Secret Service: the library, left to choose, falls back
 * to the kernel keyring, adds the key to the session keyring, then fails. Returns whether a copy is there.
 */
async function legacyKernelCopy(account: string, value: string): Promise<boolean> {
  const script = `const {Entry} = require(${JSON.stringify(createRequire(import.meta.url).resolve('@napi-rs/keyring'))}); try { new Entry(process.argv[1], process.argv[2]).setPassword(process.argv[3]) } catch {}`
  await runNode(['-e', script, `ddcli:${config.file}`, account, value])
  return kernelKeys().length > 0
}

describe('without an OS keychain', () => {
  const none = {DDCLI_STORAGE: ''}
  afterEach(() => {
    // Whatever a failed test left: never leave a secret in the kernel keyring.
    for (const id of kernelKeys()) if (keyctl) execFileSync(keyctl, ['invalidate', String(id)])
  })

  it.each([
    {name: 'auth set-api-key falls back to the file', env: none, code: 0},
    {name: 'DDCLI_STORAGE=keychain refuses', env: {DDCLI_STORAGE: 'keychain'}, code: 3},
    {name: 'a D-Bus address that leads nowhere', env: {DDCLI_STORAGE: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus'}, code: 0},
  ])('leaves nothing in the Linux kernel keyring: $name', async ({env, code}) => {
    const set = await config.run(['auth', 'set-api-key'], {env, stdin: `${API_KEY}\n`})
    expect(set.code).toBe(code)
    expect(kernelKeys()).toEqual([])
  })

  it.skipIf(process.platform !== 'linux')('auth clear removes the copy an earlier ddcli left in the kernel keyring', async (context) => {
    if (!await legacyKernelCopy('default/apiKey', API_KEY)) context.skip()
    await config.write(JSON.stringify({profiles: {default: {apiKey: API_KEY}}}))
    const clear = await config.run(['auth', 'clear'], {env: none})
    if (keyctl) {
      expect({code: clear.code, stderr: clear.stderr}).toEqual({code: 0, stderr: `ddcli: removed the API key from ${config.file} [profile default] and the Linux kernel keyring\n`})
      expect(kernelKeys()).toEqual([])
    } else {
      // Without keyutils' keyctl the library cannot always remove it: then it says how, and fails.
      expect(clear.code).toBe(3)
      expect(clear.stderr).toMatch(/a copy of the API key is left in the Linux kernel keyring, which ddcli could not remove; remove it with: keyctl invalidate \d+\n$/)
    }
    expect(clear.stderr).not.toContain(API_KEY)
  })

  it.skipIf(process.platform !== 'linux' || !keyctl)('auth set-api-key removes the copy a failed write of an earlier ddcli left', async (context) => {
    if (!await legacyKernelCopy('default/apiKey', API_KEY)) context.skip()
    expect((await config.run(['auth', 'set-api-key'], {env: none, stdin: `${API_KEY}\n`})).code).toBe(0)
    expect(kernelKeys()).toEqual([])
  })

  it('auth clear keeps the reference, says what it could not remove and exits 3 when the keychain is unreachable', async () => {
    await config.write(JSON.stringify({profiles: {default: {apiKey: 'keychain:default/apiKey', appKey: APP_KEY}}}))
    const clear = await config.run(['auth', 'clear'], {env: none})
    expect(clear.code).toBe(3)
    expect(clear.stderr).toMatch(new RegExp(`^ddcli: removed the application key from ${config.file} \\[profile default\\]\nddcli: the API key could not be removed from the OS keychain \\(no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set\\); its reference stays in ${config.file} \\[profile default\\]; make the keychain reachable .* and run ddcli auth clear again\n$`))
    expect(await config.read()).toEqual({profiles: {default: {apiKey: 'keychain:default/apiKey'}}})
  })

  it('a read with the bus gone says the keychain is unreachable, not that the entry is missing', async () => {
    await config.write(JSON.stringify({profiles: {default: {apiKey: 'keychain:default/apiKey'}}}))
    const call = await config.run(['call', 'GET', '/api/v1/validate', '--api-url', 'http://127.0.0.1:9'], {env: none})
    expect(call.code).toBe(3)
    expect(call.stderr).toBe('ddcli: the API key of profile default is in the OS keychain, which cannot be read (no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set); set DD_API_KEY, or store it again with ddcli auth set-api-key\n')
  })

  it('says so on stderr before storing in the 0600 config file', async () => {
    const set = await config.run(['auth', 'set-api-key'], {env: none, stdin: `${API_KEY}\n`})
    expect(set.code).toBe(0)
    const lines = set.stderr.split('\n')
    expect(lines[0]).toMatch(new RegExp(`^ddcli: note: no OS keychain available \\(.+\\); storing in ${config.file} \\(mode 0600\\) instead; set DDCLI_STORAGE=file to store there without trying the keychain$`))
    expect(lines[1]).toBe(`ddcli: stored the API key ****APIK in ${config.file} [profile default]`)
    expect(await stored()).toBe(API_KEY)
    expect((await stat(config.file)).mode & 0o777).toBe(0o600)
  })

  it('refuses DDCLI_STORAGE=keychain and writes nothing', async () => {
    const set = await config.run(['auth', 'set-api-key'], {env: {DDCLI_STORAGE: 'keychain'}, stdin: `${API_KEY}\n`})
    expect(set.code).toBe(3)
    expect(set.stderr).toMatch(/^ddcli: DDCLI_STORAGE=keychain but no OS keychain can be used \(.+\); start one \(on Linux: a Secret Service such as gnome-keyring\) or unset DDCLI_STORAGE to use the config file\n$/)
    await expect(stat(config.file)).rejects.toThrow()
  })

  it('never reads the keychain when an env var gives the credential the profile keeps there', async () => {
    await config.write(JSON.stringify({profiles: {default: {apiKey: 'keychain:default/apiKey'}}}))
    server = await startServer([ok])
    const call = await config.run(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {env: {DD_API_KEY: API_KEY}})
    expect(call.stderr).toBe('')
    expect(call.code).toBe(0)
    expect((await server.expectRequests(1))[0]!.headers['dd-api-key']).toBe(API_KEY)
  })

  it('auth status shows a keychain secret it cannot read, and still exits 0', async () => {
    await config.write(JSON.stringify({profiles: {default: {apiKey: 'keychain:default/apiKey'}}}))
    const status = await config.run(['auth', 'status', '--json'])
    expect(status.code).toBe(0)
    const {apiKey} = JSON.parse(status.stdout.toString())
    expect(apiKey.set).toBe(false)
    expect(apiKey.source).toMatch(/^OS keychain \[profile default\]: cannot be read \(.+\)$/)
  })
})
