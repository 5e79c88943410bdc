import {runInProcess} from '../helpers/in-process.js'
import {spawn, spawnSync} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {shellWord, splitSecrets} from '../../src/call/curl.js'
import {makeTempDir} from '../helpers/cli.js'
import {startServer, type RecordedRequest, type TestServer} from '../helpers/server.js'

const API_KEY = 'curlapikey000000000000000000000a1'
const APP_KEY = 'curlappkey0000000000000000000000000000b2'
const PAT = 'curlpat00000000000000000000000000c3'

describe('shell words', () => {
  it.each([
    {name: 'a plain word bare', segments: [{text: '/api/v1/x'}], word: '/api/v1/x'},
    {name: 'spaces single-quoted', segments: [{text: 'User-Agent: a b'}], word: "'User-Agent: a b'"},
    {name: 'a single quote escaped', segments: [{text: "it's"}], word: `'it'\\''s'`},
    {name: 'dollar, backtick and bang kept literal', segments: [{text: '$HOME `id` !!'}], word: "'$HOME `id` !!'"},
    {name: 'an empty word', segments: [], word: "''"},
    {name: 'a reference in double quotes', segments: [{text: 'DD-API-KEY: '}, {ref: 'DD_API_KEY'}], word: '"DD-API-KEY: $DD_API_KEY"'},
    {name: 'a reference followed by a name character braced', segments: [{ref: 'DD_APP_KEY'}, {text: 'x'}], word: '"${DD_APP_KEY}x"'},
    {name: 'a reference next to unsafe text concatenated', segments: [{text: '$x '}, {ref: 'DD_API_KEY'}], word: `'$x '"$DD_API_KEY"`},
  ])('quotes $name', ({segments, word}) => {
    expect(shellWord(segments)).toBe(word)
  })

  it('splits out every configured secret, longest first', () => {
    expect(splitSecrets('a KEYLONG b KEY', [['KEYLONG', 'L'], ['KEY', 'S']])).toEqual([{text: 'a '}, {ref: 'L'}, {text: ' b '}, {ref: 'S'}])
  })
})

const haveCurl = spawnSync('curl', ['--version']).status === 0
let server: TestServer
afterEach(async () => server?.close())

function bash(line: string, env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', line], {env: {PATH: process.env.PATH ?? '', ...env}, stdio: ['pipe', 'ignore', 'pipe']})
    child.stdin.end('{"from":"stdin"}')
    child.on('close', resolve)
  })
}

const SENT = ['user-agent', 'accept', 'content-type', 'dd-api-key', 'dd-application-key', 'authorization', 'x-custom']
const view = (r: RecordedRequest) => ({method: r.method, url: r.url, body: r.body.toString('utf8'), headers: Object.fromEntries(SENT.map((h) => [h, r.headers[h]]))})

describe.skipIf(!haveCurl)('call --curl', () => {
  it.each([
    {name: 'a GET with bracketed query fields', args: ['GET', '/api/v2/logs/events', '-f', 'filter[query]=service:web env:prod', '-f', 'page[limit]=5']},
    {name: 'a POST whose body holds quotes, $, backticks and !', args: ['POST', '/api/v1/events', '-f', `title=it's $HOME \`id\` !! "q"`, '-f', 'text=t', '-F', 'n=1', '-f', 'tags[]=a b']},
    {name: 'an operation with a path parameter and a custom header', args: ['GetMonitor', '-p', 'monitor_id=12', '-H', "X-Custom: a 'b' $c"]},
    {name: 'a DELETE with a file body', args: ['DELETE', '/api/v2/x', '--input', '{work}/body.json']},
    {name: 'a header with an empty value (curl drops "Name: " but sends "Name;" as empty)', args: ['GET', '/api/v1/x', '-H', 'X-Custom:']},
    {name: 'a key-only operation that gets the PAT as the application key', args: ['GET', '/api/v1/api_key'], noAppKey: true},
  ])('$name: bash and curl send what call sends, and the line holds no secret', async ({args, noAppKey}) => {
    server = await startServer(() => ({status: 200, body: '{}'}))
    const work = await makeTempDir()
    await writeFile(join(work, 'body.json'), '{"from":"file"}')
    const argv = ['call', ...args.map((a) => a.replace('{work}', work)), '--api-url', server.url]
    const env = {DD_API_KEY: API_KEY, DD_BEARER_TOKEN: PAT, ...(noAppKey ? {} : {DD_APP_KEY: APP_KEY})}
    const printed = await runInProcess([...argv, '--curl'], {env})
    expect(printed.code).toBe(0)
    const line = printed.stdout.toString('utf8')
    for (const secret of [API_KEY, APP_KEY, PAT]) expect(line + printed.stderr).not.toContain(secret)
    expect(line).toMatch(/^curl .*\n$/)
    expect(line.trimEnd()).not.toContain('\n')
    expect(server.requests).toHaveLength(0)

    expect(await bash(line, env)).toBe(0)
    const [viaCurl] = await server.expectRequests(1, 10_000)
    const called = await runInProcess(argv, {env})
    expect(called.code).toBe(0)
    const viaCall = server.requests[1]!
    expect(view(viaCurl!)).toEqual(view(viaCall))
  }, 30_000)

  it('names the variable to set when a credential comes from a flag, and masks a -H secret', async () => {
    const result = await runInProcess(['call', 'GET', '/api/v1/x', '--api-key', API_KEY, '-H', 'Cookie: session=abcdef0123456789', '--curl'])
    expect(result.code).toBe(0)
    const line = result.stdout.toString()
    expect(line).toContain('-H "DD-API-KEY: $DD_API_KEY"')
    expect(line).toContain("-H 'Cookie: ****6789'")
    expect(result.stderr).toMatch(/reads \$DD_API_KEY; your API key comes from --api-key/)
    expect(result.stderr).toMatch(/Cookie header is masked/)
    expect(line + result.stderr).not.toContain(API_KEY)
    expect(line + result.stderr).not.toContain('abcdef0123456789')
  })
})

describe.skipIf(!haveCurl)('call --curl with a secret in the query', () => {
  it('masks a literal api_key without eating the closing quote, so nothing in the line runs as shell code', async () => {
    server = await startServer(() => ({status: 200, body: '{}'}))
    const work = await makeTempDir()
    const marker = join(work, 'ran')
    const args = ['call', 'GET', '/api/v1/x', '-H', 'User-Agent: x', '-H', `X-A: $(touch ${marker})`, '-H', "X-B: '", '-f', 'api_key=abc', '--api-url', server.url, '--curl']
    const printed = await runInProcess(args, {env: {DD_API_KEY: API_KEY}})
    expect(printed.code).toBe(0)
    const line = printed.stdout.toString('utf8')
    expect(line).toContain("?api_key=****' -H")
    expect(printed.stderr).toMatch(/a secret in the URL is masked in the curl line; put it back/)
    expect(await bash(line, {DD_API_KEY: API_KEY})).toBe(0)
    const [sent] = await server.expectRequests(1, 10_000)
    expect(sent!.headers['x-a']).toBe(`$(touch ${marker})`)
    expect(spawnSync('test', ['-e', marker]).status).toBe(1)
  }, 30_000)

  it('keeps an api_key that is the configured key as a "$DD_API_KEY" reference', async () => {
    server = await startServer(() => ({status: 200, body: '{}'}))
    const argv = ['call', 'GET', '/api/v1/x', '-f', `api_key=${API_KEY}`, '-f', 'b=1', '--api-url', server.url]
    const printed = await runInProcess([...argv, '--curl'], {env: {DD_API_KEY: API_KEY}})
    const line = printed.stdout.toString('utf8')
    expect(line).toContain('?api_key=$DD_API_KEY&b=1"')
    expect(line + printed.stderr).not.toContain(API_KEY)
    expect(await bash(line, {DD_API_KEY: API_KEY})).toBe(0)
    const [sent] = await server.expectRequests(1, 10_000)
    expect(sent!.url).toBe(`/api/v1/x?api_key=${API_KEY}&b=1`)
  }, 30_000)
})
