import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {parse} from '@oclif/core/parser'
import {afterEach, describe, expect, it} from 'vitest'
import {callArgs, callFlags, callOptions} from '../../src/call/flags.js'
import {storedValidate} from '../../src/credentials/load.js'
import {ConfigError} from '../../src/errors.js'
import {makeTempDir} from '../helpers/cli.js'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

const API_KEY = 'apikey0000000000000000000000aaaa'

let server: TestServer | undefined
afterEach(async () => server?.close())

async function configDir(profile: Record<string, string>): Promise<string> {
  const dir = await makeTempDir()
  await mkdir(dir, {recursive: true})
  await writeFile(join(dir, 'config.json'), JSON.stringify({profiles: {default: profile}}), {mode: 0o600})
  return dir
}

describe('the validate switch', () => {
  it.each([
    {name: 'no flag', argv: ['GET', '/api/v1/validate'], validate: true},
    {name: '--no-validate', argv: ['GET', '/api/v1/validate', '--no-validate'], validate: false},
  ])('parses $name into CallOptions.validate', async ({argv, validate}) => {
    const {args, flags} = await parse(argv, {args: callArgs, flags: callFlags, strict: true})
    expect(callOptions(args, flags).validate).toBe(validate)
  })

  it.each([
    {name: 'absent', value: undefined, validate: true},
    {name: 'true', value: 'true', validate: true},
    {name: 'false', value: 'false', validate: false},
    {name: 'FALSE with spaces (edited by hand)', value: ' FALSE ', validate: false},
  ])('reads a stored setting that is $name', ({value, validate}) => {
    expect(storedValidate(value, 'config.json [profile default]')).toBe(validate)
  })

  it('refuses a stored setting that is neither true nor false, naming the fix', () => {
    expect(() => storedValidate('no', 'config.json [profile default]')).toThrow(ConfigError)
    expect(() => storedValidate('no', 'config.json [profile default]')).toThrow('validate in config.json [profile default] is neither true nor false; run ddcli config set validate true (or false)')
  })

  it('sends nothing and exits 3 when the stored setting is edited into something else', async () => {
    server = await startServer([{status: 200, body: '{}'}])
    const dir = await configDir({validate: 'off'})
    const result = await run(['call', 'GET', '/api/v1/validate', '--api-url', server.url], {env: {DD_API_KEY: API_KEY, DDCLI_CONFIG_DIR: dir}})
    expect(result.code).toBe(3)
    expect(result.stderr).toContain('validate in ')
    await server.expectRequests(0)
  })

  it.each([
    {name: 'call', argv: (url: string) => ['call', 'GET', '/api/v1/validate', '--api-url', url, '--no-validate']},
    {name: 'batch', argv: (url: string) => ['batch', '--api-url', url, '--no-validate']},
  ])('takes --no-validate on $name', async ({argv}) => {
    server = await startServer([{status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}])
    const result = await run(argv(server.url), {env: {DD_API_KEY: API_KEY}, stdin: '{"id":1,"method":"GET","path":"/api/v1/validate"}\n'})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect((await server.expectRequests(1))[0]!.url).toBe('/api/v1/validate')
  })
})
