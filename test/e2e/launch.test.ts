import {readFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli, type RunResult} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/server.js'

// `call`, --version and piped --help run on the fast launcher (src/launch/, bin/launch.js) without oclif's
// command loading; DDCLI_NO_FAST_PATH=1 sends the same argv through oclif. Both must print the same bytes and exit
// with the same code.
const API_KEY = 'apikey0000000000000000000000aaaa'
const helpTexts = JSON.parse(readFileSync(new URL('../../dist/launch-help.json', import.meta.url), 'utf8')) as Record<string, string>

let server: TestServer
beforeAll(async () => {
  server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}))
})
afterAll(async () => server?.close())

const both = async (args: string[], env: Record<string, string> = {}): Promise<[RunResult, RunResult]> =>
  Promise.all([runCli(args, {env}), runCli(args, {env: {...env, DDCLI_NO_FAST_PATH: '1'}})])

function expectSame([fast, oclif]: [RunResult, RunResult]) {
  expect({code: fast.code, stdout: fast.stdout.toString(), stderr: fast.stderr}).toEqual({code: oclif.code, stdout: oclif.stdout.toString(), stderr: oclif.stderr})
}

describe('the fast launcher prints what oclif prints', () => {
  it.each([
    {name: '--version', args: ['--version']},
    {name: 'no arguments (root help)', args: []},
    {name: 'a help flag after --, which is an argument', args: ['call', 'GET', '--', '--help']},
    {name: 'help asked in the middle of a call', args: ['call', 'GET', '--help', '/api/v1/validate']},
  ])('for $name', async ({args}) => {
    expectSame(await both(args))
  })

  it.each(Object.keys(helpTexts).map((words) => ({name: `ddcli ${words} --help`.replace(/ +/g, ' '), words})))('for $name', async ({words}) => {
    const args = [...words.split(' ').filter(Boolean), '--help']
    const [fast, oclif] = await both(args)
    expectSame([fast, oclif])
    expect(fast.stdout.toString()).toBe(helpTexts[words])
  })

  it.each([
    {name: 'a call with no method', args: ['call']},
    {name: 'an unknown flag', args: ['call', 'GET', '/api/v1/validate', '--nope']},
    {name: 'a flag without its value', args: ['call', 'GET', '/api/v1/validate', '--timeout']},
    {name: 'a third argument', args: ['call', 'GET', '/api/v1/validate', 'extra']},
    {name: 'an unknown method', args: ['call', 'FETCH', '/api/v1/validate']},
    {name: 'a method without a path', args: ['call', 'GET']},
    {name: 'an unknown operation', args: ['call', 'NoSuchOperation']},
    {name: 'no credentials', args: ['call', 'GET', '/api/v1/validate'], env: {}},
    {name: 'a secret flag in a parse error, masked', args: ['call', 'GET', '/x', '--api-key', 'secretkey0000000000000000000000zz', '--nope']},
    {name: 'a bad --timeout', args: ['call', 'GET', '/api/v1/validate', '--timeout', 'soon']},
  ])('for $name', async ({args, env}) => {
    expectSame(await both(args, env ?? {DD_API_KEY: API_KEY}))
  })

  it.each([
    {name: 'a call by method and path', args: ['call', 'GET', '/api/v1/validate']},
    {name: 'a call by operationId', args: ['call', 'Validate']},
    {name: 'a dry run', args: ['call', 'POST', '/api/v1/monitor', '-F', 'name=cpu', '--dry-run']},
    {name: 'a call with the status line and headers', args: ['call', 'GET', '/api/v1/validate', '-i']},
  ])('for $name against a server', async ({args}) => {
    const [fast, oclif] = await both([...args, '--api-url', server.url], {DD_API_KEY: API_KEY})
    // The Date header differs from run to run.
    const noDate = (result: RunResult) => ({...result, stdout: Buffer.from(result.stdout.toString().replace(/^date: .*$/im, 'date: -'))})
    expectSame([noDate(fast), noDate(oclif)])
    expect(fast.code).toBe(0)
  })
})
