import {afterEach, describe, expect, it} from 'vitest'
import {ALIASES, commandClasses, run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

// What users of Datadog's pup bring: its variable names, its commands, its flags and its path shorthand.

const API_KEY = 'pupapikey00000000000000000000e5f6'
const APP_KEY = 'pupappkey0000000000000000000000000000a7b8'
const ACCESS_TOKEN = 'pupoauthaccesstoken0000000000c9d0'

let server: TestServer
afterEach(async () => server?.close())

const ok = (body = '{"ok":true}') => ({status: 200, headers: {'content-type': 'application/json'}, body})
const call = (args: string[], env: Record<string, string>) => run(['call', ...args, '--api-url', server.url], {env})

describe("pup's DD_ACCESS_TOKEN", () => {
  it('is sent as Authorization: Bearer when it is the only credential', async () => {
    server = await startServer([ok()])
    const result = await call(['GET', '/api/v2/users'], {DD_ACCESS_TOKEN: ACCESS_TOKEN})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`)
  })

  it.each<{name: string, env: Record<string, string>, sent: string}>([
    {name: 'DD_BEARER_TOKEN wins over it', env: {DD_BEARER_TOKEN: 'ddbearertoken000000000000000000aa', DD_ACCESS_TOKEN: ACCESS_TOKEN}, sent: 'Bearer ddbearertoken000000000000000000aa'},
    {name: 'DATADOG_BEARER_TOKEN wins over it', env: {DATADOG_BEARER_TOKEN: 'datadogbearer00000000000000000bb', DD_ACCESS_TOKEN: ACCESS_TOKEN}, sent: 'Bearer datadogbearer00000000000000000bb'},
    {name: 'a blank DD_BEARER_TOKEN does not hide it', env: {DD_BEARER_TOKEN: '  ', DD_ACCESS_TOKEN: ACCESS_TOKEN}, sent: `Bearer ${ACCESS_TOKEN}`},
  ])('$name', async ({env, sent}) => {
    server = await startServer([ok()])
    const result = await call(['GET', '/api/v2/users'], env)
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.headers.authorization).toBe(sent)
  })

  it('is shown with its source in auth status, masked', async () => {
    const result = await run(['auth', 'status'], {env: {DD_ACCESS_TOKEN: ACCESS_TOKEN}})
    expect(result.code).toBe(0)
    const out = result.stdout.toString() + result.stderr
    expect(out).toMatch(/PAT[^\n]*DD_ACCESS_TOKEN/)
    expect(out).not.toContain(ACCESS_TOKEN)
    expect(out).not.toContain('is set but ddcli reads')
  })

  it('is masked in --verbose and in errors', async () => {
    server = await startServer([{status: 403, headers: {'content-type': 'application/json'}, body: `{"errors":["bad token ${ACCESS_TOKEN}"]}`}])
    const result = await call(['GET', '/api/v2/users', '--verbose'], {DD_ACCESS_TOKEN: ACCESS_TOKEN})
    expect(result.code).toBe(1)
    expect(result.stderr).not.toContain(ACCESS_TOKEN)
    expect(result.stderr).toContain('DD_ACCESS_TOKEN')
  })

  it('is listed by ddcli help environment', async () => {
    const {environmentVariables} = await import('../../src/help/topics.js')
    const row = environmentVariables().find((doc) => doc.name === 'DD_ACCESS_TOKEN')
    expect(row?.meaning).toMatch(/pup.*DD_BEARER_TOKEN and DATADOG_BEARER_TOKEN are unset/)
  })
})

describe("pup's other variable names get a one-line note", () => {
  it.each<{name: string, env: Record<string, string>, note: string}>([
    {name: 'DD_ORG names DD_PROFILE', env: {DD_ORG: 'prod'}, note: 'note: DD_ORG is set but ddcli reads DD_PROFILE (rename it, e.g. export DD_PROFILE="$DD_ORG"; ddcli help environment lists the names)\n'},
    {name: 'DD_TOKEN_STORAGE names DDCLI_STORAGE', env: {DD_TOKEN_STORAGE: 'keychain', DDCLI_STORAGE: ''}, note: 'note: DD_TOKEN_STORAGE is set but ddcli reads DDCLI_STORAGE (rename it, e.g. export DDCLI_STORAGE="$DD_TOKEN_STORAGE"; ddcli help environment lists the names)\n'},
  ])('$name', async ({env, note}) => {
    server = await startServer([ok()])
    const result = await call(['GET', '/api/v1/validate'], {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY, ...env})
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(`ddcli: ${note}`)
  })

  it('DD_TOKEN_STORAGE is named where storage is chosen: auth set-*', async () => {
    const result = await run(['auth', 'set-api-key'], {stdin: `${API_KEY}\n`, env: {DD_TOKEN_STORAGE: 'file', DDCLI_STORAGE: 'file'}})
    expect(result.code).toBe(0)
    expect(result.stderr).not.toContain('DD_TOKEN_STORAGE')
    const unset = await run(['auth', 'set-api-key'], {stdin: `${API_KEY}\n`, env: {DD_TOKEN_STORAGE: 'file', DDCLI_STORAGE: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent'}})
    expect(unset.stderr).toContain('ddcli: note: DD_TOKEN_STORAGE is set but ddcli reads DDCLI_STORAGE')
    expect(unset.stderr).not.toContain(API_KEY)
  })

  it.each<{name: string, env: Record<string, string>}>([
    {name: 'DD_ORG when DD_PROFILE is set', env: {DD_ORG: 'prod', DD_PROFILE: 'default'}},
    {name: 'DD_TOKEN_STORAGE when DDCLI_STORAGE is set', env: {DD_TOKEN_STORAGE: 'keychain', DDCLI_STORAGE: 'file'}},
  ])('says nothing for $name', async ({env}) => {
    server = await startServer([ok()])
    const result = await call(['GET', '/api/v1/validate'], {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY, ...env})
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
  })
})

describe("pup's commands and flags", () => {
  it('auth logout is an oclif alias of auth clear, which the in-process runner knows', async () => {
    const classes = await commandClasses()
    const clear = classes.find(({id}) => id === 'auth:clear')!.command
    expect(clear.aliases).toEqual(['auth:logout'])
    expect(Object.entries(ALIASES)).toEqual(classes.flatMap(({id, command}) => (command.aliases ?? []).map((alias) => [alias.replace(/:/g, ' '), id.replace(/:/g, ' ')])))
  })

  it('auth logout removes what auth set-api-key stored', async () => {
    const {mkdtemp, rm, readFile} = await import('node:fs/promises')
    const {tmpdir} = await import('node:os')
    const {join} = await import('node:path')
    const dir = await mkdtemp(join(tmpdir(), 'ddcli-logout-'))
    try {
      const env = {DDCLI_CONFIG_DIR: dir}
      expect((await run(['auth', 'set-api-key'], {stdin: `${API_KEY}\n`, env})).code).toBe(0)
      expect(await readFile(join(dir, 'config.json'), 'utf8')).toContain(API_KEY)
      const result = await run(['auth', 'logout'], {env})
      expect(result.code).toBe(0)
      expect(result.stderr).toMatch(/removed/i)
      expect(await readFile(join(dir, 'config.json'), 'utf8')).not.toContain(API_KEY)
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })

  it('completion offers auth logout', async () => {
    const result = await run(['__complete', 'auth', 'log'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toMatch(/^logout\b/m)
  })

  it.each([
    {flag: '--org'},
    {flag: '--org=prod'},
    {flag: '--organization'},
  ])('$flag names --profile in its unknown-flag line', async ({flag}) => {
    const result = await run(['call', 'GET', '/api/v1/validate', flag, ...(flag.includes('=') ? [] : ['prod'])], {env: {DD_API_KEY: API_KEY}})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^ddcli: unknown flag "--org[a-z]*" for ddcli call; ddcli keeps each org's credentials in a profile: use --profile NAME \(or DD_PROFILE\); ddcli auth list shows them \(see ddcli call --help\)\n/)
    expect(result.stderr).not.toContain('prod')
  })
})

describe("pup's path shorthand", () => {
  it.each([
    {name: 'v2/monitors... is /api/v2/...', args: ['GET', 'v1/monitor'], url: '/api/v1/monitor'},
    {name: 'the path alone', args: ['v2/users'], url: '/api/v2/users'},
    {name: 'with a query string', args: ['GET', 'v2/users?page[size]=2'], url: '/api/v2/users?page[size]=2'},
    {name: 'with a path parameter', args: ['GET', 'v1/monitor/{monitor_id}', '-p', 'monitor_id=12'], url: '/api/v1/monitor/12'},
  ])('$name', async ({args, url}) => {
    server = await startServer([ok()])
    const result = await call(args, {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.url).toBe(url)
  })

  it('sends a path the index does not know as typed, with a note', async () => {
    server = await startServer([{status: 404, headers: {'content-type': 'application/json'}, body: '{"errors":["Not found"]}'}])
    const result = await call(['GET', 'v2/nothing/here'], {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY})
    expect(result.code).toBe(1)
    const [request] = await server.expectRequests(1)
    expect(request!.url).toBe('/v2/nothing/here')
    expect(result.stderr).toContain("ddcli: note: GET /api/v2/nothing/here is not in the spec index, so v2/nothing/here is sent as typed (/v2/nothing/here); pup's v1/... and v2/... stand for /api/v1/... and /api/v2/... only where the index knows the path\n")
  })

  it('keeps a leading slash as typed: /v2/users is not rewritten', async () => {
    server = await startServer([ok()])
    const result = await call(['GET', '/v2/users'], {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY})
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.url).toBe('/v2/users')
  })

  it('works in batch lines too', async () => {
    server = await startServer([ok()])
    const result = await run(['batch', '--api-url', server.url], {env: {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}, stdin: '{"method":"GET","path":"v2/users"}\n'})
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.url).toBe('/api/v2/users')
  })
})

describe('read-only mode, as pup offers agents', () => {
  const keys = {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}

  it.each<{name: string, args: string[], env?: Record<string, string>, url: string}>([
    {name: 'a GET', args: ['GET', '/api/v1/monitor', '--read-only'], url: '/api/v1/monitor'},
    {name: 'a HEAD', args: ['HEAD', '/api/v1/validate', '--read-only'], url: '/api/v1/validate'},
    {name: 'a log search (POST)', args: ['POST', '/api/v2/logs/events/search', '-F', 'filter[query]=service:web', '--read-only'], url: '/api/v2/logs/events/search'},
    {name: 'a timeseries query by operationId', args: ['QueryTimeseriesData', '-F', 'data[type]=timeseries_request', '--read-only', '--no-validate'], url: '/api/v2/query/timeseries'},
    {name: 'a GET with DDCLI_READ_ONLY=1', args: ['GET', '/api/v1/monitor'], env: {DDCLI_READ_ONLY: '1'}, url: '/api/v1/monitor'},
  ])('sends $name', async ({args, env, url}) => {
    server = await startServer([ok()])
    const result = await call(args, {...keys, ...env})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.url).toBe(url)
  })

  it.each<{name: string, args: string[], env?: Record<string, string>, line: string}>([
    {name: 'a POST that creates, with --read-only', args: ['POST', '/api/v1/monitor', '-F', 'name=x', '--read-only'],
      line: 'ddcli: read-only mode refuses CreateMonitor (POST /api/v1/monitor): only GET, HEAD, OPTIONS and the POST searches and queries the spec marks as reads are sent (read-only is on by --read-only)\n'},
    {name: 'a DELETE by operationId, with DDCLI_READ_ONLY=true', args: ['DeleteMonitor', '-p', 'monitor_id=12'], env: {DDCLI_READ_ONLY: 'true'},
      line: 'ddcli: read-only mode refuses DeleteMonitor (DELETE /api/v1/monitor/{monitor_id}): only GET, HEAD, OPTIONS and the POST searches and queries the spec marks as reads are sent (read-only is on by DDCLI_READ_ONLY)\n'},
    {name: 'a POST the index does not know', args: ['POST', '/api/v2/nothing/search', '--read-only'],
      line: 'ddcli: read-only mode refuses POST /api/v2/nothing/search (not in the spec index): only GET, HEAD, OPTIONS and the POST searches and queries the spec marks as reads are sent (read-only is on by --read-only)\n'},
    // Dot segments are refused for every request now (URL parsers remove them), before read-only mode looks.
    {name: 'a search path with dot segments that leads to a write', args: ['POST', '/api/v2/logs/events/search/%2e%2e/%2e%2e/%2e%2e/%2e%2e/v1/monitor', '--read-only'],
      line: 'ddcli: PATH has a "." or ".." segment, which URL parsers remove (/a/../b is sent as /b); write the path it stands for\n'},
    {name: 'a PATCH with -X', args: ['-X', 'PATCH', '/api/v2/users/abc', '--read-only'],
      line: 'ddcli: read-only mode refuses UpdateUser (PATCH /api/v2/users/{user_id}): only GET, HEAD, OPTIONS and the POST searches and queries the spec marks as reads are sent (read-only is on by --read-only)\n'},
  ])('refuses $name before sending, exit 2', async ({args, env, line}) => {
    server = await startServer([])
    const result = await call(args, {...keys, ...env})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(line)
    expect(server.requests).toHaveLength(0)
  })

  it('refuses before reading the body from stdin', async () => {
    server = await startServer([])
    const result = await run(['call', 'POST', '/api/v1/events', '--input', '-', '--read-only', '--api-url', server.url], {env: keys, stdin: '{"title":"t"}'})
    expect(result.code).toBe(2)
    expect(server.requests).toHaveLength(0)
  })

  it.each([
    {flag: '--dry-run', out: /^POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/monitor\n/},
    {flag: '--curl', out: /^curl -sS -g --compressed -X POST /},
  ])('prints, sends nothing and notes the refusal with $flag', async ({flag, out}) => {
    server = await startServer([])
    const result = await call(['POST', '/api/v1/monitor', '-F', 'name=x', '--read-only', flag], keys)
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toMatch(out)
    expect(result.stderr).toContain('ddcli: note: read-only mode refuses CreateMonitor (POST /api/v1/monitor): ')
    expect(result.stderr).toContain('; nothing is sent now\n')
    expect(server.requests).toHaveLength(0)
  })

  it('is a profile setting, which DDCLI_READ_ONLY=0 does not lift', async () => {
    server = await startServer([])
    const {mkdtemp, rm} = await import('node:fs/promises')
    const {tmpdir} = await import('node:os')
    const {join} = await import('node:path')
    const dir = await mkdtemp(join(tmpdir(), 'ddcli-ro-'))
    try {
      const env = {...keys, DDCLI_CONFIG_DIR: dir}
      const set = await run(['config', 'set', 'read-only', 'yes', '--profile', 'agent'], {env})
      expect(set.code).toBe(0)
      expect((await run(['config', 'get', 'read-only', '--profile', 'agent'], {env})).stdout.toString()).toBe('true\n')
      expect((await run(['config', 'list', '--profile', 'agent'], {env})).stdout.toString()).toMatch(/read-only\s+true/)
      for (const extra of [{}, {DDCLI_READ_ONLY: '0'}] as Array<Record<string, string>>) {
        const result = await call(['DELETE', '/api/v1/monitor/1', '--profile', 'agent'], {...env, ...extra})
        expect(result.code).toBe(2)
        expect(result.stderr).toMatch(/^ddcli: read-only mode refuses DeleteMonitor \(DELETE \/api\/v1\/monitor\/\{monitor_id\}\): .*\(read-only is on by .*config\.json \[profile agent\]\)\n$/)
      }
      expect(server.requests).toHaveLength(0)
      const bad = await run(['config', 'set', 'read-only', 'maybe'], {env})
      expect(bad.code).toBe(2)
      expect(bad.stderr).toBe('ddcli: the read-only value must be true or false (1/0, yes/no, on/off)\n')
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })

  it('refuses a DDCLI_READ_ONLY it cannot read rather than taking it as off, exit 3', async () => {
    server = await startServer([])
    const result = await call(['DELETE', '/api/v1/monitor/1'], {...keys, DDCLI_READ_ONLY: 'ye'})
    expect(result.code).toBe(3)
    expect(result.stderr).toBe('ddcli: DDCLI_READ_ONLY must be true or false (1/0, yes/no, on/off)\n')
    expect(server.requests).toHaveLength(0)
  })

  it('is honoured per line by batch: a refused line is that line\'s error, the rest run', async () => {
    server = await startServer([ok('{"a":1}'), ok('{"b":2}')])
    const stdin = [
      '{"id":"list","method":"GET","path":"/api/v1/monitor"}',
      '{"id":"create","method":"POST","path":"/api/v1/monitor","body":{"name":"x"}}',
      '{"id":"search","operation":"ListLogs","body":{"filter":{"query":"*"}}}',
      '{"id":"drop","operation":"DeleteMonitor","params":{"monitor_id":1}}',
    ].join('\n') + '\n'
    const result = await run(['batch', '--read-only', '--ordered', '--api-url', server.url], {env: keys, stdin})
    expect(result.code).toBe(1)
    const lines = result.stdout.toString().trim().split('\n').map((line) => JSON.parse(line) as {id: string, status?: number, error?: string})
    expect(lines.map((line) => [line.id, line.status ?? line.error])).toEqual([
      ['list', 200],
      ['create', 'read-only mode refuses CreateMonitor (POST /api/v1/monitor): only GET, HEAD, OPTIONS and the POST searches and queries the spec marks as reads are sent (read-only is on by --read-only)'],
      ['search', 200],
      ['drop', 'read-only mode refuses DeleteMonitor (DELETE /api/v1/monitor/{monitor_id}): only GET, HEAD, OPTIONS and the POST searches and queries the spec marks as reads are sent (read-only is on by --read-only)'],
    ])
    const sent = await server.expectRequests(2)
    expect(sent.map((request) => `${request.method} ${request.url}`).sort()).toEqual(['GET /api/v1/monitor', 'POST /api/v2/logs/events/search'])
  })

  it.each([307, 308])('does not follow an HTTP %i that would send a search\'s POST to a write, exit 5', async (status) => {
    server = await startServer([{status, headers: {location: '/api/v1/monitor'}}, ok()])
    const result = await call(['POST', '/api/v2/logs/events/search', '-F', 'filter[query]=*', '--read-only'], keys)
    expect(result.code).toBe(5)
    expect(result.stderr).toBe(`ddcli: HTTP ${status} redirect to /api/v1/monitor not followed: it would send POST there, which read-only mode refuses (read-only is on by --read-only)\n`)
    const sent = await server.expectRequests(1)
    expect(sent[0]!.url).toBe('/api/v2/logs/events/search')
  })

  it('follows a redirect that keeps a search a search, and one that turns it into a GET', async () => {
    server = await startServer([
      {status: 308, headers: {location: '/proxy/api/v2/logs/events/search'}}, ok('{"a":1}'),
      {status: 303, headers: {location: '/api/v1/monitor'}}, ok('{"b":2}'),
    ])
    const kept = await call(['POST', '/api/v2/logs/events/search', '-F', 'filter[query]=*', '--read-only'], keys)
    expect(kept.stderr).toBe('')
    expect(kept.stdout.toString()).toBe('{"a":1}')
    const toGet = await call(['POST', '/api/v2/logs/events/search', '-F', 'filter[query]=*', '--read-only'], keys)
    expect(toGet.stdout.toString()).toBe('{"b":2}')
    const sent = await server.expectRequests(4)
    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST /api/v2/logs/events/search', 'POST /proxy/api/v2/logs/events/search', 'POST /api/v2/logs/events/search', 'GET /api/v1/monitor',
    ])
  })

  it('does not follow such a redirect in batch either: that line fails, nothing is re-sent', async () => {
    server = await startServer([{status: 307, headers: {location: '/api/v1/monitor'}}])
    const stdin = '{"id":"search","operation":"ListLogs","body":{"filter":{"query":"*"}}}\n'
    const result = await run(['batch', '--read-only', '--api-url', server.url], {env: keys, stdin})
    expect(result.code).toBe(1)
    const line = JSON.parse(result.stdout.toString()) as {id: string, error?: string}
    expect(line.error).toBe('HTTP 307 redirect to /api/v1/monitor not followed: it would send POST there, which read-only mode refuses (read-only is on by --read-only)')
    await server.expectRequests(1)
  })

  it('does not follow such a redirect on a page of --paginate', async () => {
    server = await startServer([{status: 307, headers: {location: '/api/v1/monitor'}}])
    const result = await call(['POST', '/api/v2/logs/events/search', '-F', 'filter[query]=*', '--paginate', '--read-only'], keys)
    expect(result.code).toBe(5)
    expect(result.stderr).toContain('HTTP 307 redirect to /api/v1/monitor not followed: it would send POST there, which read-only mode refuses')
    await server.expectRequests(1)
  })

  it.each([
    {name: 'X-HTTP-Method-Override: DELETE on a GET', args: ['GET', '/api/v1/monitor/1', '-H', 'X-HTTP-Method-Override: DELETE']},
    {name: 'x-http-method: PUT on a search', args: ['POST', '/api/v2/logs/events/search', '-H', 'x-http-method: put']},
    {name: 'X-Method-Override: POST on a GET', args: ['GET', '/api/v1/monitor', '-H', 'X-Method-Override: POST']},
  ])('refuses a method override header that names a write ($name), exit 2', async ({args}) => {
    server = await startServer([])
    const result = await call([...args, '--read-only'], keys)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^ddcli: read-only mode refuses .* with a method override header \(X-HTTP-Method-Override, X-HTTP-Method, X-Method-Override\) naming a method other than GET, HEAD or OPTIONS; drop it \(read-only is on by --read-only\)\n$/)
    expect(server.requests).toHaveLength(0)
    const batch = await run(['batch', '--read-only', '--api-url', server.url], {env: keys, stdin: `${JSON.stringify({id: 'o', method: args[0], path: args[1], headers: {[args[3]!.split(':')[0]!]: args[3]!.split(': ')[1]}})}\n`})
    expect(batch.code).toBe(1)
    expect(batch.stdout.toString()).toContain('with a method override header')
    expect(server.requests).toHaveLength(0)
  })

  it('lets a method override header that names a read through', async () => {
    server = await startServer([ok()])
    const result = await call(['POST', '/api/v2/logs/events/search', '-H', 'X-HTTP-Method-Override: GET', '--read-only'], keys)
    expect(result.code).toBe(0)
    await server.expectRequests(1)
  })

  it('lets batch --dry-run print a refused line, with the note', async () => {
    server = await startServer([])
    const result = await run(['batch', '--read-only', '--dry-run', '--api-url', server.url], {env: {...keys}, stdin: '{"id":"c","method":"POST","path":"/api/v1/monitor","body":{}}\n'})
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toContain('"method":"POST"')
    expect(result.stderr).toContain('note: read-only mode refuses CreateMonitor (POST /api/v1/monitor)')
    expect(server.requests).toHaveLength(0)
  })
})
