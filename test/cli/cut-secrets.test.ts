import {afterEach, describe, expect, it} from 'vitest'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

// The masker replaces a configured secret only whole (and a Datadog key by its whole shape): a message that cut a
// value to N characters in the middle of a key printed the part before the cut as it is. Each case puts a configured
// secret across the place where its message cuts, and no 8 characters of it may reach stdout or stderr.

/** A configured API key: 32 hex, the shape of a real one. */
const HEX = '3f9a1c7e5b2d4086a1e3c5b7d9f20486'
/** A configured token without a Datadog shape (an OAuth access token): only the configured value masks it. */
const ODD = 'Kq7ZmW2pXvRtLnByHsJdGfCeUaTwOiPlMkNjQrSx'
/** A proxy's password, masked as configured in HTTP_PROXY. */
const PROXY_PASSWORD = 'Pr0xyPassw0rdSecretZzYy'
/** A proxy's password with word boundaries of its own. */
const DOTTED_PASSWORD = 'Pr0xy.Passw0rd.SecretZz'
const env = {DD_API_KEY: HEX, DD_BEARER_TOKEN: ODD, DD_APP_KEY: 'cut0secrets0app0key00000000000000000000a'}

/** Every 8-character run of a secret found in the text, in any case (a scheme is lowered before it is quoted). */
function leaks(text: string): string[] {
  const lower = text.toLowerCase()
  return [HEX, ODD, PROXY_PASSWORD, DOTTED_PASSWORD].flatMap((secret) => {
    const runs = Array.from({length: secret.length - 7}, (_, i) => secret.slice(i, i + 8))
    return runs.filter((part) => lower.includes(part.toLowerCase())).slice(0, 1)
  })
}

const x = (n: number) => 'x'.repeat(n)

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('a message that cuts a value never prints part of a secret', () => {
  it.each([
    {name: 'a duration flag (errors.ts given)', args: ['call', '--timeout', `${x(20)}${HEX}`, 'GET', '/api/v1/validate']},
    {name: 'a count flag (errors.ts given)', args: ['call', '--retries', `${x(20)}${HEX}`, 'GET', '/api/v1/validate']},
    {name: 'an argument too many (suggest shown)', args: ['call', 'GET', '/api/v1/validate', `${x(20)}${ODD}`]},
    {name: 'an output format (output/format quoted)', args: ['call', '-o', `${x(20)}${ODD}`, 'GET', '/api/v1/validate']},
    {name: 'a field key nested too deep (http/fields shown)', args: ['call', 'POST', '/api/v2/unknown', '-f', `${x(40)}${HEX}${'[a]'.repeat(33)}=1`]},
    {name: 'words taken by --arg (parse-errors)', args: ['call', '--arg', 'n', 'v', `${x(20)}${ODD}`]},
    {name: 'an unknown method in -X (http/request)', args: ['call', '-X', `${x(20)}${ODD}`, '/api/v1/validate']},
    {name: 'a scheme ddcli does not send (http/request)', args: ['call', 'GET', `x${HEX}:y`]},
    {name: 'an unknown operation in api show (render-show)', args: ['api', 'show', `${x(60)}${HEX}`]},
    {name: 'a method in api show that is none (api/resolve)', args: ['api', 'show', `${x(20)}${HEX}`, '/api/v1/monitor']},
    {name: 'a profile name that is not allowed (credentials/sites)', args: ['call', '--profile', `${x(40)}${ODD}!`, 'GET', '/api/v1/validate']},
    {name: 'an unknown config key (config-render)', args: ['config', 'get', `${x(20)}${HEX}`]},
    {name: 'a refused write in read-only mode (call/read-only)', args: ['call', 'DELETE', `/api/v2/${x(100)}${HEX}`, '--read-only']},
    {name: 'an unknown operationId (call/mistakes)', args: ['call', `${x(60)}${ODD}`]},
    {name: 'a limit field above the list\'s maximum (paginate/run)', args: ['call', 'GET', '/api/v2/audit/events', '--paginate', '-f', `page[limit]=0x${HEX}`]},
  ])('$name', async ({args}) => {
    const result = await run(args[0] === 'call' ? [...args, '--api-url', 'http://127.0.0.1:9'] : args, {env})
    expect(result.code).not.toBe(0)
    expect(result.stderr).not.toBe('')
    expect(leaks(result.stderr)).toEqual([])
    expect(leaks(result.stdout.toString())).toEqual([])
  })

  it.each([
    {name: 'a password of letters and digits', password: PROXY_PASSWORD},
    {name: 'a password with dots, which cutShort may cut at (the masker\'s backstop)', password: DOTTED_PASSWORD},
  ])('a NO_PROXY entry that holds the proxy URL with its password (http/proxy): $name', async ({password}) => {
    const proxy = `http://officeproxyuser:${password}@127.0.0.1:9`
    const result = await run(['call', 'GET', '/api/v1/validate', '--api-url', 'http://127.0.0.1:9'], {env: {...env, HTTP_PROXY: proxy, NO_PROXY: proxy}})
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(/^ddcli: NO_PROXY has "http:\/\/\*{4}/)
    expect(leaks(result.stderr)).toEqual([])
  })

  it('pup\'s shorthand note (call/route)', async () => {
    const result = await run(['call', 'GET', `v1/${x(60)}${HEX}`, '--dry-run', '--api-url', 'http://127.0.0.1:9'], {env})
    expect(leaks(result.stderr)).toEqual([])
    expect(result.stderr).toMatch(/^ddcli: note: GET \/api\/v1\/\.\.\. is not in the spec index/)
  })

  it('auth status --check against a server that echoes the key deep in a long message (auth/check)', async () => {
    server = await startServer(() => ({status: 403, headers: {'content-type': 'application/json'}, body: JSON.stringify({errors: [`${x(190)} ${HEX}`]})}))
    const result = await run(['auth', 'status', '--check', '--api-url', server.url], {env})
    expect(leaks(result.stderr)).toEqual([])
    expect(leaks(result.stdout.toString())).toEqual([])
  })
})

describe('a batch line refused for what it holds never prints part of a secret', () => {
  it.each([
    {name: 'an unknown key (batch/parse)', line: JSON.stringify({method: 'GET', path: '/api/v1/validate', [`${x(20)}${HEX}`]: 1})},
    {name: 'a bad header name (batch/parse)', line: JSON.stringify({method: 'GET', path: '/api/v1/validate', headers: {[`${x(40)}${HEX} y`]: 'v'}})},
  ])('$name', async ({line}) => {
    server = await startServer([])
    const result = await run(['batch', '--api-url', server.url], {env, stdin: `${line}\n`})
    expect(leaks(result.stderr)).toEqual([])
    expect(leaks(result.stdout.toString())).toEqual([])
    expect(server.requests).toHaveLength(0)
  })
})
