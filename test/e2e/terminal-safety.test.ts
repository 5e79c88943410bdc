import {createServer, type Server} from 'node:http'
import type {AddressInfo, Socket} from 'node:net'
import {rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {makeTempDir, runCli} from '../helpers/cli.js'
import {startServer, type CannedResponse, type RecordedRequest, type TestServer} from '../helpers/server.js'
import {haveScript, runInTerminal, type Redirect} from '../helpers/terminal.js'

// Every place where bytes the server chose reach a terminal, each run under a real pseudo-terminal against a server
// (and a proxy) that puts control sequences and the configured secrets into everything it controls: reason phrase,
// header names and values, bodies, error messages, redirect locations, rate limit names and pagination cursors.
// On the terminal, nothing may drive it or reorder a line, and no configured secret may show, but in a body on
// stdout: that is the data asked for, shown as received (neutralised), as a pipe gets it byte for byte.

const SECRETS = {
  DD_API_KEY: 'sweepAPIkeyValue00000001',
  DD_APP_KEY: 'sweepAPPkeyValue00000002',
  DD_BEARER_TOKEN: 'sweepPATvalue0000000003',
}
const {DD_API_KEY: API, DD_APP_KEY: APP, DD_BEARER_TOKEN: PAT} = SECRETS
type SecretName = keyof typeof SECRETS

/** A C1 CSI that clears the screen: what a reason phrase or header value can carry past Node's parser. */
const C1 = '\u009b2J'
/** An OSC that retitles the window and a bidi override: what a body can carry. */
const OSC = '\u001b]0;owned\u0007'
const BIDI = '\u202e'

const REASON = `Odd ${C1} ${PAT}`
const HEADERS = {'x-echo': `${C1} ${APP}`, [`x-${API}`]: 'named'}
/** A Datadog error body quoting a secret, with a control sequence and a bidi override in its message. */
const ERROR_BODY = JSON.stringify({errors: [`${OSC}${BIDI} key ${APP} is not valid`]})
const DATA_BODY = JSON.stringify({title: `${OSC}${BIDI}`, key: API})
const PLAIN_BODY = JSON.stringify({title: `${OSC}${BIDI}`})
const LIMIT_NAME = `${C1}${APP}`

const json = (status: number, body: string, extra: Record<string, string> = {}, statusText?: string): CannedResponse => ({status, statusText, headers: {'content-type': 'application/json', ...extra}, body})

/** Times each path was asked for, so a path can answer 429 first and then 200. */
const seen = new Map<string, number>()

function hostile(request: RecordedRequest): CannedResponse {
  const count = (seen.get(request.url) ?? 0) + 1
  seen.set(request.url, count)
  const limited = (reset: number) => json(429, '{"errors":["slow down"]}', {'x-ratelimit-name': LIMIT_NAME, 'x-ratelimit-reset': String(reset)}, REASON)
  const query = new URLSearchParams(request.query)
  if (request.path === '/api/v2/audit/events') {
    const run = query.get('filter[query]') ?? ''
    const cursor = query.get('page[cursor]')
    if (run === 'limited' && count === 1) return limited(1)
    if (cursor === null) return json(200, `{"data":[${DATA_BODY}],"meta":{"page":{"after":"${API}-${C1}"}}}`)
    if (run === 'fail') return json(403, ERROR_BODY, HEADERS, REASON)
    return json(200, '{"data":[],"meta":{"page":{}}}')
  }
  if (request.path.startsWith('/api/v1/limited/')) {
    if (request.path.endsWith('/always')) return limited(1)
    if (request.path.endsWith('/held')) return limited(100)
    if (count === 1) return limited(1)
    return json(200, '{}')
  }
  switch (request.path) {
    case '/api/v1/body': return json(200, DATA_BODY, HEADERS, REASON)
    case '/api/v1/head': return json(200, PLAIN_BODY, HEADERS, REASON)
    case '/api/v1/follow': return json(200, `{"data":[${PLAIN_BODY}],"links":{"next":"http://elsewhere.invalid/${API}?x=${BIDI}"}}`)
    case '/api/v1/text': return {status: 200, headers: {'content-type': 'text/plain'}, body: `${OSC}${BIDI} key ${API}`}
    case '/api/v1/fail': return json(403, ERROR_BODY, HEADERS, REASON)
    case '/api/v1/redirect': return {status: 302, statusText: REASON, headers: {location: `/api/v1/body?next=${API}`}}
    case '/api/v1/away': return {status: 302, statusText: REASON, headers: {location: `http://elsewhere.invalid/${API}?${C1}`}}
    case '/api/v1/validate':
    case '/api/v2/validate_keys': return json(403, ERROR_BODY, HEADERS, REASON)
  }
  return json(404, '{"errors":["not found"]}')
}

let server: TestServer
let proxy: Server
let proxyUrl: string
let dir: string
/** A config dir holding the three secrets, for runs where only masking by configured value can catch them. */
let stored: string

beforeAll(async () => {
  server = await startServer(hostile)
  // A proxy that refuses every CONNECT with a hostile reason phrase.
  proxy = createServer()
  proxy.on('connect', (_req, client: Socket) => client.end(`HTTP/1.1 403 Denied ${C1} ${API}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`))
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  dir = await makeTempDir('ddcli-sweep-')
  const lines = (...paths: string[]) => paths.map((path, i) => JSON.stringify({id: i, method: 'GET', path})).join('\n') + '\n'
  await writeFile(join(dir, 'results.ndjson'), lines('/api/v1/head', '/api/v1/away'))
  await writeFile(join(dir, 'limited.ndjson'), lines(...Array.from({length: 3}, (_, i) => `/api/v1/limited/progress?n=${i}`)))
  await writeFile(join(dir, 'held.ndjson'), lines('/api/v1/limited/held', '/api/v1/limited/held'))
  stored = join(dir, 'config')
  for (const [command, secret] of [['set-api-key', API], ['set-app-key', APP], ['set-pat', PAT]] as const) {
    const result = await runCli(['auth', command], {env: {DDCLI_CONFIG_DIR: stored}, stdin: `${secret}\n`})
    expect(result.code, result.stderr).toBe(0)
  }
})

afterAll(async () => {
  await server?.close()
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()))
  if (dir) await rm(dir, {recursive: true, force: true})
})

/**
 * Characters that can drive a terminal or reorder what it shows: C0 but tab, line feed and carriage return, DEL and
 * C1, bidi and invisible format characters; ddcli's own erase-line of a progress line is taken out first.
 */
function unsafe(text: string): string[] {
  // eslint-disable-next-line no-control-regex
  const found = text.replace(/\r?\u001b\[K/g, '\n').match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g) ?? []
  return found.map((char) => `U+${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** The configured secrets found in text (all but the last 4 characters, which the masked form keeps). */
function leaks(text: string): SecretName[] {
  return (Object.keys(SECRETS) as SecretName[]).filter((name) => text.includes(SECRETS[name].slice(0, -4)))
}

interface Row {
  name: string
  args: () => string[]
  /** Streams sent to files: the terminal then shows only the place under test. */
  redirect: Redirect
  /** Proof that the place was reached: text the terminal shows (after `\r\n` became `\n`). */
  shows: string[]
  /** Secrets the terminal may show: those in a body on stdout, which is data. */
  data?: SecretName[]
  env?: () => Record<string, string>
}

const api = () => ['--api-url', server.url]
const proxied = () => ({HTTP_PROXY: proxyUrl})

const rows: Row[] = [
    {name: 'call: a JSON body on stdout (data: shown, not masked)', args: () => ['call', 'GET', '/api/v1/body', ...api()], redirect: 'stderr', shows: ['"\\u001b]0;owned\\u0007\\u202e"'], data: ['DD_API_KEY']},
    {name: 'call: a text body on stdout (data: shown, not masked)', args: () => ['call', 'GET', '/api/v1/text', ...api()], redirect: 'stderr', shows: ['\\u001b]0;owned\\u0007\\u202e key'], data: ['DD_API_KEY']},
    {name: 'call -i: the reason phrase, header names and values', args: () => ['call', 'GET', '/api/v1/head', '-i', ...api()], redirect: 'stderr', shows: ['HTTP/1.1 200 Odd ', '\\u009b2J ****0003', 'x-echo: ', '\\u009b2J ****0002', 'x-****0001: named']},
    {name: 'call: the error line quoting the reason phrase and the error message', args: () => ['call', 'GET', '/api/v1/fail', ...api()], redirect: 'stdout', shows: ['ddcli: HTTP 403 Odd ', '\\u009b2J ****0003: ', '\\u202e key ****0002 is not valid']},
    {name: 'call --jq: the error body on stderr', args: () => ['call', 'GET', '/api/v1/fail', '--jq', '.', ...api()], redirect: 'stdout', shows: ['{"errors":["\\u001b]0;owned\\u0007\\u202e key ****0002 is not valid"]}']},
    {name: 'call --jq: the filtered output on stdout, a string raw as gh prints it', args: () => ['call', 'GET', '/api/v1/head', '--jq', '.title', ...api()], redirect: 'stderr', shows: ['\\u001b]0;owned\\u0007\\u202e\n']},
    {name: 'call --jq --jq-json: the filtered output on stdout, a string quoted', args: () => ['call', 'GET', '/api/v1/head', '--jq', '.title', '--jq-json', ...api()], redirect: 'stderr', shows: ['"\\u001b]0;owned\\u0007\\u202e"']},
    {name: 'call with DEBUG: the error line and its stack', args: () => ['call', 'GET', '/api/v1/fail', ...api()], env: () => ({DEBUG: '*'}), redirect: 'stdout', shows: ['ddcli: HTTP 403 Odd ', 'Error: HTTP 403 Odd ', '    at ']},
    {name: 'call --verbose: the status line, headers and body of the trace', args: () => ['call', 'GET', '/api/v1/fail', '--verbose', ...api()], redirect: 'stdout', shows: ['< HTTP/1.1 403 Odd ', '< x-echo: ', '< x-****0001: named', '< {"errors":["\\u001b]0;owned\\u0007\\u202e key ****0002']},
    {name: 'call --verbose: a followed redirect\'s location', args: () => ['call', 'GET', '/api/v1/redirect', '--verbose', ...api()], redirect: 'stdout', shows: ['* redirect 302 to http://127.0.0.1:', '/api/v1/body?next=****0001']},
    {name: 'call -i: a refused redirect\'s Location, and the error line', args: () => ['call', 'GET', '/api/v1/away', '-i', ...api()], redirect: 'none', shows: ['location: http://elsewhere.invalid/****0001?', 'redirect to http://elsewhere.invalid not followed']},
    {name: 'call: the retry warning naming the rate limit', args: () => ['call', 'GET', '/api/v1/limited/warn', ...api()], redirect: 'stdout', shows: ['ddcli: rate limited (', '****0002), retrying in 1 s']},
    {name: 'call --verbose: the retry line naming the rate limit', args: () => ['call', 'GET', '/api/v1/limited/verbose', '--verbose', ...api()], redirect: 'stdout', shows: ['* rate limited (', '****0002), retrying in 1 s']},
    {name: 'call --verbose: the give-up line and the error line after a rate limit', args: () => ['call', 'GET', '/api/v1/limited/always', '--retries', '0', '--verbose', ...api()], redirect: 'stdout', shows: ['* rate limited (', '****0002), gave up after 1 attempts', 'ddcli: HTTP 429 Odd']},
    {name: 'call: a proxy\'s refusal of the tunnel', args: () => ['call', 'GET', '/api/v1/x', '--api-url', 'http://127.0.0.1:9', '--retries', '0'], env: proxied, redirect: 'stdout', shows: ['refused the tunnel: HTTP 403 Denied ', '****0001']},
    {name: 'call --paginate: items on stdout (data: shown, not masked)', args: () => ['call', 'GET', '/api/v2/audit/events', '--paginate', '-f', 'filter[query]=items', ...api()], redirect: 'stderr', shows: ['"title": "\\u001b]0;owned\\u0007\\u202e"'], data: ['DD_API_KEY']},
    {name: 'call --paginate --slurp: the array on stdout (data: shown, not masked)', args: () => ['call', 'GET', '/api/v2/audit/events', '--paginate', '--slurp', '-f', 'filter[query]=slurp', ...api()], redirect: 'stderr', shows: ['"title": "\\u001b]0;owned\\u0007\\u202e"'], data: ['DD_API_KEY']},
    {name: 'call --paginate --jq: the filtered items on stdout', args: () => ['call', 'GET', '/api/v2/audit/events', '--paginate', '--jq', '.title', '-f', 'filter[query]=jq', ...api()], redirect: 'stderr', shows: ['\\u001b]0;owned\\u0007\\u202e\n']},
    {name: 'call --paginate: the progress line naming the rate limit', args: () => ['call', 'GET', '/api/v2/audit/events', '--paginate', '-f', 'filter[query]=limited', ...api()], redirect: 'stdout', shows: ['ddcli: page 1, 0 items, rate limited (', '****0002), waiting 1 s']},
    {name: 'call --paginate: a failed page\'s error body, error line and resume cursor', args: () => ['call', 'GET', '/api/v2/audit/events', '--paginate', '--page-size', '1', '-f', 'filter[query]=fail', ...api()], redirect: 'stdout', shows: ['{"errors":["\\u001b]0;owned\\u0007\\u202e key ****0002', 'ddcli: HTTP 403 Odd', "resume with -f 'page[cursor]=****0001-"]},
    {name: 'call --paginate --verbose: the next page\'s request with the server\'s cursor', args: () => ['call', 'GET', '/api/v2/audit/events', '--paginate', '--page-size', '1', '--verbose', '-f', 'filter[query]=verbose', ...api()], redirect: 'stdout', shows: ['> GET http://127.0.0.1:', 'page%5Bcursor%5D=****0001-']},
    {name: 'call --paginate: links.next to another origin, not followed', args: () => ['call', 'GET', '/api/v1/follow', '--paginate', ...api()], redirect: 'stdout', shows: ['ddcli: links.next points to http://elsewhere.invalid, another origin; not followed']},
    {name: 'batch: result lines on stdout', args: () => ['batch', '--input', join(dir, 'results.ndjson'), '--ordered', ...api()], redirect: 'stderr', shows: ['"x-****0001":"named"', '"x-echo":"', '\\u009b2J ****0002"', '"title":"\\u001b]0;owned\\u0007\\u202e"', 'redirect to http://elsewhere.invalid not followed']},
    {name: 'batch --jq: the filtered body in its result line', args: () => ['batch', '--input', join(dir, 'results.ndjson'), '--ordered', '--jq', '.title', ...api()], redirect: 'stderr', shows: ['"body":"\\u001b]0;owned\\u0007\\u202e"']},
    {name: 'batch: the progress line naming the rate limit', args: () => ['batch', '--input', join(dir, 'limited.ndjson'), '--concurrency', '1', ...api()], redirect: 'stdout', shows: [' in flight, waiting ', ' s for ', '****0002']},
    {name: 'batch: a request held past --max-wait names the rate limit', args: () => ['batch', '--input', join(dir, 'held.ndjson'), '--concurrency', '1', '--ordered', ...api()], redirect: 'stderr', shows: ['"error":"rate limited (', '****0002); the limit resets in']},
    {name: 'batch: a proxy\'s refusal of the tunnel', args: () => ['batch', '--input', join(dir, 'results.ndjson'), '--api-url', 'http://127.0.0.1:9', '--retries', '0'], env: proxied, redirect: 'stderr', shows: ['refused the tunnel: HTTP 403 Denied ', '****0001']},
    {name: 'auth status --check: the reason phrase and message of a rejected key', args: () => ['auth', 'status', '--check', ...api()], redirect: 'stderr', shows: ['invalid: HTTP 403 Odd', '****0003: ', 'key ****0002 is not valid']},
    {name: 'auth status --check --json: the reason phrase and message of a rejected key', args: () => ['auth', 'status', '--check', '--json', ...api()], redirect: 'stderr', shows: ['"detail": "HTTP 403 Odd', '****0003: ', 'key ****0002 is not valid']},
    {name: 'auth status --check --json: a proxy\'s refusal of the tunnel', args: () => ['auth', 'status', '--check', '--json', '--api-url', 'http://127.0.0.1:9'], env: proxied, redirect: 'stderr', shows: ['"detail": "proxy ', 'refused the tunnel: HTTP 403 Denied ', '****0001']},
    {name: 'auth status --check: a proxy\'s refusal of the tunnel', args: () => ['auth', 'status', '--check', '--api-url', 'http://127.0.0.1:9'], env: proxied, redirect: 'stderr', shows: ['not checked: proxy ', 'refused the tunnel: HTTP 403 Denied ', '****0001']},
]

// Secrets in the environment are also masked by the last-resort masker of every error line (it knows env and argv);
// secrets in the config file only by the masker built from the resolved credentials.
describe.skipIf(!haveScript)('what the server chose reaches a terminal neutralised and masked', () => {
  it.each(rows.flatMap((row) => [{...row, from: 'env'}, {...row, from: 'the config file'}]))('$name (secrets from $from)', async ({args, redirect, shows, data = [], env, from}) => {
    const secrets = from === 'env' ? SECRETS : {DDCLI_CONFIG_DIR: stored}
    seen.clear()
    const run = await runInTerminal(args(), {env: {...secrets, NO_COLOR: '1', ...env?.()}, redirect, columns: 400})
    const terminal = run.terminal.replace(/\r\n/g, '\n')
    for (const text of shows) expect(terminal, JSON.stringify(terminal)).toContain(text)
    expect(unsafe(terminal), JSON.stringify(terminal)).toEqual([])
    expect(leaks(terminal), JSON.stringify(terminal)).toEqual(data)
    // What went to a file is not neutralised, but stderr is masked wherever it goes.
    expect(leaks(run.stderr ?? '')).toEqual([])
  })
})

describe('what the server chose reaches a pipe as received', () => {
  it.each([
    {name: 'call: a JSON body', args: () => ['call', 'GET', '/api/v1/body', ...api()], stdout: () => DATA_BODY},
    {name: 'call: a text body with raw control characters', args: () => ['call', 'GET', '/api/v1/text', ...api()], stdout: () => `${OSC}${BIDI} key ${API}`},
    {name: 'call --paginate: each item as the page has it', args: () => ['call', 'GET', '/api/v2/audit/events', '--paginate', '-f', 'filter[query]=piped', ...api()], stdout: () => `${DATA_BODY}\n`},
    {name: 'batch: the body in its result line', args: () => ['batch', '--input', join(dir, 'results.ndjson'), '--ordered', ...api()], stdout: () => expect.stringContaining(`"body":${PLAIN_BODY}}\n`)},
  ])('$name', async ({args, stdout}) => {
    const result = await runCli(args(), {env: SECRETS})
    expect(result.stdout.toString('utf8')).toEqual(stdout())
  })
})
