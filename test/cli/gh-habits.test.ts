import {afterEach, describe, expect, it} from 'vitest'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

const API_KEY = 'habitsapikey0000000000000000e5f6'
const APP_KEY = 'habitsappkey000000000000000000000000a7b8'
const env = {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}

let server: TestServer
afterEach(async () => server?.close())

const ok = (body = '{"ok":true}') => ({status: 200, headers: {'content-type': 'application/json'}, body})
const call = (args: string[]) => run(['call', ...args, '--api-url', server.url], {env})

describe('what gh api users paste', () => {

  it.each([
    {name: 'the path alone is a GET', args: ['/api/v1/validate'], method: 'GET', url: '/api/v1/validate', body: ''},
    {name: 'the path alone with fields, on a path the index does not know, is a POST as in gh', args: ['/api/v2/nothing/here', '-f', 'title=deploy'], method: 'POST', url: '/api/v2/nothing/here', body: '{"title":"deploy"}'},
    {name: 'the path alone with fields, on a path that has only a GET, is a GET with the fields in the query', args: ['/api/v2/audit/events', '-f', 'filter[query]=x'], method: 'GET', url: '/api/v2/audit/events?filter%5Bquery%5D=x', body: ''},
    {name: 'the path alone with fields, on a path that has only a POST, is a POST with a JSON body', args: ['/api/v2/logs/events/search', '-f', 'filter[query]=x'], method: 'POST', url: '/api/v2/logs/events/search', body: '{"filter":{"query":"x"}}'},
    {name: '-X POST settles a path with both GET and POST', args: ['-X', 'POST', '/api/v1/events', '-f', 'title=deploy', '--no-validate'], method: 'POST', url: '/api/v1/events', body: '{"title":"deploy"}'},
    {name: '-X sets the method of the path alone', args: ['-X', 'delete', '/api/v1/monitor/12'], method: 'DELETE', url: '/api/v1/monitor/12', body: ''},
    {name: '--method agreeing with METHOD is fine', args: ['--method', 'GET', 'GET', '/api/v1/validate'], method: 'GET', url: '/api/v1/validate', body: ''},
    {name: 'DELETE of an operation with a JSON body gets one from the fields', args: ['DELETE', '/api/v1/dashboard', '-f', 'data[][id]=abc-def', '-f', 'data[][type]=dashboard'], method: 'DELETE', url: '/api/v1/dashboard', body: '{"data":[{"id":"abc-def","type":"dashboard"}]}'},
    {name: 'key[] alone is an empty array', args: ['POST', '/api/v1/events', '-f', 'title=t', '-f', 'tags[]', '--no-validate'], method: 'POST', url: '/api/v1/events', body: '{"title":"t","tags":[]}'},
    {name: '-F key=[] is an empty array', args: ['POST', '/api/v1/events', '-F', 'tags=[]', '--no-validate'], method: 'POST', url: '/api/v1/events', body: '{"tags":[]}'},
    {name: 'key[] then key[]=v appends to it', args: ['POST', '/api/v1/events', '-f', 'tags[]', '-f', 'tags[]=a', '--no-validate'], method: 'POST', url: '/api/v1/events', body: '{"tags":["a"]}'},
    {name: 'DELETE of a path the index does not know keeps fields in the query', args: ['DELETE', '/api/v2/nothing/here', '-f', 'a=1'], method: 'DELETE', url: '/api/v2/nothing/here?a=1', body: ''},
  ])('$name', async ({args, method, url, body}) => {
    server = await startServer([ok()])
    const result = await call(args)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const [request] = await server.expectRequests(1)
    expect(request!.method).toBe(method)
    expect(request!.url).toBe(url)
    expect(request!.body.toString()).toBe(body)
  })

  it.each([
    {name: 'a plain run', extra: []},
    {name: '--dry-run', extra: ['--dry-run']},
    {name: '--curl', extra: ['--curl']},
  ])('refuses fields on a path alone that has both a GET and a POST, naming both operations and their -X: $name', async ({extra}) => {
    server = await startServer([ok()])
    const result = await call(['/api/v1/monitor', '-f', 'name=cpu', ...extra])
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('')
    expect(result.stderr).toBe('ddcli: /api/v1/monitor has both ListMonitors (GET) and CreateMonitor (POST); with fields, say which: -X GET for ListMonitors (fields in the query string) or -X POST for CreateMonitor (fields in the JSON body)\n')
    expect(server.requests).toHaveLength(0)
  })

  it('says in --dry-run where fields went for a path the index does not know', async () => {
    server = await startServer([])
    const result = await call(['DELETE', '/api/v2/nothing/here', '-f', 'a=1', '--dry-run'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toMatch(/^DELETE http:\/\/127\.0\.0\.1:\d+\/api\/v2\/nothing\/here\?a=1\n/)
    expect(result.stderr).toBe('ddcli: fields went to the query string: DELETE /api/v2/nothing/here is not in the spec index; send a JSON body with --input instead\n')
    expect(server.requests).toHaveLength(0)
  })

  it('sends both values of a repeated -H name', async () => {
    server = await startServer([ok()])
    await call(['GET', '/api/v1/validate', '-H', 'X-Trace: one', '-H', 'x-trace: two', '-H', 'Accept: text/plain'])
    const [request] = await server.expectRequests(1)
    expect(request!.headers['x-trace']).toBe('one, two')
    expect(request!.headers.accept).toBe('text/plain')
  })

  it('shows request and response bodies with --verbose, masked and cut at 4 KiB', async () => {
    const big = `{"echo":"${API_KEY}","pad":"${'x'.repeat(5000)}"}`
    server = await startServer([ok(big)])
    const result = await call(['POST', '/api/v1/events', '-f', `title=${APP_KEY}`, '--verbose', '--no-validate'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe(big)
    expect(result.stderr).toContain('> {"title":"****a7b8"}\n')
    expect(result.stderr).toContain('< {"echo":"****e5f6","pad":"xxx')
    expect(result.stderr).toContain('< [cut at 4096 bytes]\n')
    expect(result.stderr).not.toContain(API_KEY)
    expect(result.stderr).not.toContain(APP_KEY)
  })

  it.each([
    {name: 'message and a string errors', body: '{"message":"Invalid query","errors":"unknown facet @foo"}', line: 'ddcli: HTTP 400 Bad Request: Invalid query; unknown facet @foo\n'},
    {name: 'message and an errors list', body: '{"message":"Bad","errors":["a","b"]}', line: 'ddcli: HTTP 400 Bad Request: Bad; a; b\n'},
    {name: 'an errors list alone', body: '{"errors":["a"]}', line: 'ddcli: HTTP 400 Bad Request: a\n'},
  ])('shows $name in the error line', async ({body, line}) => {
    server = await startServer([{status: 400, headers: {'content-type': 'application/json'}, body}])
    const result = await call(['GET', '/api/v1/validate'])
    expect(result.code).toBe(1)
    expect(result.stdout.toString()).toBe(body)
    expect(result.stderr).toBe(line)
  })

  it('answers an identical GET from the cache with --cache, as gh api --cache (more in test/cli/cache.test.ts)', async () => {
    const {mkdtemp, rm} = await import('node:fs/promises')
    const {tmpdir} = await import('node:os')
    const {join} = await import('node:path')
    const xdg = await mkdtemp(join(tmpdir(), 'ddcli-gh-cache-'))
    try {
      server = await startServer([ok('{"n":1}'), ok('{"n":2}')])
      const cached = (args: string[]) => run(['call', ...args, '--api-url', server.url], {env: {...env, XDG_CACHE_HOME: xdg}})
      const first = await cached(['GET', '/api/v1/monitor', '--cache', '1h', '-i'])
      const second = await cached(['GET', '/api/v1/monitor', '--cache', '1h', '-i'])
      expect(second.stdout.equals(first.stdout)).toBe(true)
      expect((await cached(['GET', '/api/v1/monitor'])).stdout.toString()).toBe('{"n":2}')
      await server.expectRequests(2)
    } finally {
      await rm(xdg, {recursive: true, force: true})
    }
  })
})

describe('what gh api and curl users type for output', () => {
  const USERS = '{"data":[{"id":"u1","type":"users","attributes":{"email":"a@x.io","name":"Ann"}}]}'

  it.each([
    {name: 'curl\'s -o FILE says to redirect stdout', args: ['-o', 'users.json'], code: 2, stdout: '', stderr: /^ddcli: -o\/--output takes a format \(json, yaml, table, csv or tsv\), not a file: ddcli writes the body to stdout, so redirect it with > FILE\n$/},
    {name: 'gh\'s --jq then a table of its outputs', args: ['--jq', '.data[] | {id, email: .attributes.email}', '-o', 'table'], code: 0, stdout: 'ID  EMAIL\nu1  a@x.io\n', stderr: /^$/},
    {name: 'gh\'s --jq @tsv habit, as -o tsv --columns', args: ['-o', 'tsv', '--columns', 'id,email'], code: 0, stdout: 'id\temail\nu1\ta@x.io\n', stderr: /^$/},
  ])('$name', async ({args, code, stdout, stderr}) => {
    server = await startServer([ok(USERS)])
    const result = await call(['GET', '/api/v2/users', ...args])
    expect(result.code).toBe(code)
    expect(result.stdout.toString()).toBe(stdout)
    expect(result.stderr).toMatch(stderr)
  })
})

describe('jq as gh users use it', () => {
  const USERS = '{"data":[{"id":"u1","attributes":{"name":"Ana"}},{"id":"u2","attributes":{"name":"Bo"}}]}'

  it.each([
    {name: '-q, gh\'s short form of --jq', args: ['-q', '.data[].id'], stdout: 'u1\nu2\n'},
    {name: '-q with --jq-json', args: ['-q', '.data[0].id', '--jq-json'], stdout: '"u1"\n'},
    {name: '--arg NAME VALUE, jq\'s two words', args: ['--jq', '.data[] | select(.id == $id) | .attributes.name', '--arg', 'id', 'u2'], stdout: 'Bo\n'},
    {name: '--arg NAME=VALUE, one word (a value with = and spaces kept)', args: ['--jq', '$v', '--arg', 'v=a=b c'], stdout: 'a=b c\n'},
    {name: '--arg given twice', args: ['--jq', '"\\($a)-\\($b)"', '--arg', 'a', '1', '--arg', 'b=2'], stdout: '1-2\n'},
    {name: '--argjson NAME JSON', args: ['--jq', '[.data[] | select(.id | IN($ids[]))] | length', '--argjson', 'ids', '["u1","u2"]'], stdout: '2\n'},
    {name: '--argjson NAME=JSON, a 64-bit number exact', args: ['--jq', '$n', '--argjson', 'n=12345678901234567891'], stdout: '12345678901234567891\n'},
    {name: '--arg and --argjson in $ARGS.named', args: ['--jq', '$ARGS.named', '--arg', 'a', 'x', '--argjson', 'b', '{"c":1}'], stdout: '{"a":"x","b":{"c":1}}\n'},
  ])('takes $name', async ({args, stdout}) => {
    server = await startServer([ok(USERS)])
    const result = await call(['GET', '/api/v2/users', ...args])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe(stdout)
  })

  it.each([
    {name: 'bad JSON in --argjson', args: ['--jq', '$x', '--argjson', 'x', '{oops'], line: 'ddcli: --argjson x: the value is not JSON; write a string as \'"text"\', or pass it with --arg\n'},
    {name: 'a bare word as --argjson (a string must be quoted)', args: ['--jq', '$x', '--argjson', 'x=hello'], line: 'ddcli: --argjson x: the value is not JSON; write a string as \'"text"\', or pass it with --arg\n'},
    {name: '--arg without its value', args: ['--jq', '$x', '--arg', 'x'], line: 'ddcli: --arg x needs a value; write --arg name value (or --arg name=value)\n'},
    {name: '--arg with a name jq cannot take', args: ['--jq', '.', '--arg', 'a-b=1'], line: 'ddcli: --arg takes a jq variable name (letters, digits, _) and a value; write --arg name value (or --arg name=value)\n'},
    {name: '--arg without --jq', args: ['--arg', 'x', '1'], line: 'ddcli: --arg sets a variable of the --jq filter; add --jq EXPR\n'},
    {name: 'a variable no --arg gives', args: ['--jq', '$nope'], line: /^ddcli: --jq filter does not compile: \$nope is not defined; check the jq syntax\n$/},
  ])('refuses $name: one line, exit 2, nothing sent', async ({args, line}) => {
    server = await startServer([])
    const result = await call(['GET', '/api/v2/users', ...args])
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('')
    if (typeof line === 'string') expect(result.stderr).toBe(line)
    else expect(result.stderr).toMatch(line)
    expect(server.requests).toHaveLength(0)
  })

  it('shows the filter the real environment through env and $ENV, never a made-up one', async () => {
    server = await startServer([ok('{}')])
    const result = await run(['call', 'GET', '/api/v1/validate', '--api-url', server.url, '--jq', '[env.TEAM, $ENV.TEAM, $ENV.USER, env.HOME == $ENV.HOME]'], {env: {...env, TEAM: 'core infra'}})
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout.toString())).toEqual(['core infra', 'core infra', null, true])
  })

  it('keeps every credential out of the filter\'s environment: the DD_* variables, copies of a key, proxy passwords', async () => {
    const {mkdtemp, rm, writeFile} = await import('node:fs/promises')
    const {tmpdir} = await import('node:os')
    const {join} = await import('node:path')
    const config = await mkdtemp(join(tmpdir(), 'ddcli-jq-env-'))
    const stored = 'storedappkey000000000000000000000000c0c0'
    await writeFile(join(config, 'config.json'), JSON.stringify({profiles: {default: {appKey: stored}}}), {mode: 0o600})
    try {
      server = await startServer([ok('{}')])
      const secretEnv = {
        DDCLI_CONFIG_DIR: config,
        DD_API_KEY: API_KEY,
        DATADOG_API_KEY: 'datadogapikey0000000000000000000',
        DD_APPLICATION_KEY: 'nearmisskey000000000000000000000000000aa',
        COPY_OF_KEY: `prefix-${API_KEY}`,
        STORED_COPY: stored,
        HTTPS_PROXY: 'http://user:proxypassword@127.0.0.1:9',
        NO_PROXY: '127.0.0.1',
        KEPT: 'yes',
      }
      const result = await run(['call', 'GET', '/api/v1/validate', '--api-url', server.url, '--jq', '$ENV, env, ([$ENV[]] | join(" ")), $__loc__, input_filename'], {env: secretEnv})
      expect(result.stderr).toMatch(/^ddcli: note: DD_APPLICATION_KEY is set but ddcli reads DD_APP_KEY[^\n]*\n$/)
      expect(result.code).toBe(0)
      const out = result.stdout.toString()
      for (const secret of [API_KEY, 'datadogapikey', stored, 'nearmisskey', 'proxypassword']) expect(out).not.toContain(secret)
      const [shown] = out.split('\n').map((line) => (line.startsWith('{') ? JSON.parse(line) as Record<string, string> : {}))
      expect(Object.keys(shown!).sort()).toEqual(['DDCLI_CONFIG_DIR', 'DDCLI_STORAGE', 'HOME', 'KEPT', 'NO_PROXY', 'PATH'])
      // The credentials were sent all the same.
      const [request] = await server.expectRequests(1)
      expect(request!.headers['dd-api-key']).toBe(API_KEY)
      expect(request!.headers['dd-application-key']).toBe(stored)
    } finally {
      await rm(config, {recursive: true, force: true})
    }
  })

  it('keeps out proxy passwords in any variable named like a proxy, and DD_* names with a secret word inside a longer word', async () => {
    server = await startServer([ok('{}')])
    const leaky = {
      Https_Proxy: 'http://user:mixedcasepass@127.0.0.1:9',
      FTP_PROXY: 'http://user:ftpproxypass@127.0.0.1:9',
      SOCKS_PROXY: 'socks5://user:sockspass@127.0.0.1:9',
      npm_config_proxy: 'http://user:npmproxypass@127.0.0.1:9',
      Http_Proxy: 'http://user:pa/sslash@127.0.0.1:9',
      DD_CLIENTSECRET: 'clientsecretvalue',
      DD_PASSPHRASE: 'passphrasevalue',
      DATADOG_OAUTHTOKEN: 'oauthtokenvalue',
      DD_SESSION_COOKIE: 'cookievalue',
      NO_PROXY: '127.0.0.1',
      DD_SITE: 'datadoghq.eu',
      PLAIN_PROXY: 'http://127.0.0.1:3128',
    }
    const result = await run(['call', 'GET', '/api/v1/validate', '--api-url', server.url, '--jq', '$ENV'], {env: {...env, ...leaky}})
    expect(result.code).toBe(0)
    const out = result.stdout.toString()
    for (const secret of ['mixedcasepass', 'ftpproxypass', 'sockspass', 'npmproxypass', 'sslash', 'clientsecretvalue', 'passphrasevalue', 'oauthtokenvalue', 'cookievalue']) {
      expect(out).not.toContain(secret)
    }
    expect(JSON.parse(out)).toMatchObject({DD_SITE: 'datadoghq.eu', PLAIN_PROXY: 'http://127.0.0.1:3128', NO_PROXY: '127.0.0.1'})
  })

  it('names the cause when a --paginate filter indexes the whole list: it sees one item at a time', async () => {
    server = await startServer([ok('[{"id":1,"name":"a"},{"id":2,"name":"b"}]'), ok('[]')])
    const result = await call(['GET', '/api/v1/monitor', '--paginate', '--jq', '.[].name'])
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('')
    expect(result.stderr).toBe('ddcli: jq: Cannot index number with string ("name"); with --paginate the filter sees one item at a time: write .name where you wrote .[].name, or add --slurp to filter the whole list; stopped at page 1 after 0 items\n')
  })

  it('leaves a failing filter on whole pages or a slurped list without that hint', async () => {
    server = await startServer([ok('[{"id":1}]')])
    const result = await call(['GET', '/api/v1/monitor', '--paginate', '--slurp', '--jq', '.[].id.x'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^ddcli: jq: Cannot index number with string \("x"\); check the --jq filter against the data; stopped at page 1 after 1 item\n$/)
  })
})

describe('--paginate --pages', () => {
  const page = (ids: number[], after?: string) => `{"data":[${ids.map((id) => `{"id":"${id}","type":"users","relationships":{"roles":{"data":[{"id":"r${id}","type":"roles"}]}}}`).join(',')}],` +
    `"included":[${ids.map((id) => `{"id":"r${id}","type":"roles","attributes":{"name":"role ${id}"}}`).join(',')}],"meta":{"page":{"total_count":3${after ? `,"after":"${after}"` : ''}}}}`

  it('prints each whole page (included and meta kept) as one compact JSON line', async () => {
    // A path the index does not know: the walk follows meta.page.after, and its last page is empty.
    const pages = [page([1, 2], 'c2'), page([3], 'c3'), page([])]
    server = await startServer(pages.map((body) => ok(body.replace(/,/g, ', '))))
    const result = await call(['GET', '/api/v2/nothing/users', '--paginate', '--pages'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe(`${pages[0]}\n${pages[1]}\n`)
  })

  it('runs --jq on each page: users with their role names', async () => {
    server = await startServer([ok(page([1, 2], 'c2')), ok(page([3]))])
    const filter = '(.included | map({(.id): .attributes.name}) | add) as $roles | .data[] | "\\(.id) \\([.relationships.roles.data[].id | $roles[.]] | join(","))"'
    const result = await call(['GET', '/api/v2/audit/events', '--page-size', '2', '--paginate', '--pages', '-q', filter])
    expect(result.stderr).toBe('')
    expect(result.stdout.toString()).toBe('1 role 1\n2 role 2\n3 role 3\n')
  })

  it.each([
    {name: '-o csv gives the rows of every page, as --jq . would', format: 'csv', stdout: 'id,type,relationships\n1,users,"{""roles"":{""data"":[{""id"":""r1"",""type"":""roles""}]}}"\n3,users,"{""roles"":{""data"":[{""id"":""r3"",""type"":""roles""}]}}"\n'},
    {name: '-o yaml gives each page as a document of its own', format: 'yaml', stdout: /^data:\n[\s\S]*included:\n[\s\S]*\n---\ndata:\n[\s\S]*role 3[\s\S]*total_count: 3\n$/},
  ])('formats each whole page with -o instead of ignoring it: $name', async ({format, stdout}) => {
    server = await startServer([ok(page([1], 'c2')), ok(page([3])), ok(page([]))])
    const result = await call(['GET', '/api/v2/nothing/users', '--paginate', '--pages', '-o', format])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    if (typeof stdout === 'string') expect(result.stdout.toString()).toBe(stdout)
    else expect(result.stdout.toString()).toMatch(stdout)
  })

  it('prints the one page of an empty list', async () => {
    server = await startServer([ok('{"data":[],"meta":{"page":{}}}')])
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', '--pages'])
    expect(result.stdout.toString()).toBe('{"data":[],"meta":{"page":{}}}\n')
  })

  it.each([
    {name: 'without --paginate', args: ['--pages'], line: 'ddcli: --pages works with --paginate; add --paginate\n'},
    {name: 'with --slurp', args: ['--paginate', '--pages', '--slurp'], line: 'ddcli: --pages prints each page on its own line and --slurp one array of items; choose one\n'},
  ])('refuses --pages $name', async ({args, line}) => {
    server = await startServer([])
    const result = await call(['GET', '/api/v2/audit/events', ...args])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(line)
    expect(server.requests).toHaveLength(0)
  })
})

describe('batch --jq as gh users use it', () => {
  it('takes -q, --arg and --argjson, and shows no credential through $ENV', async () => {
    server = await startServer([ok('{"id":"u1","tags":["team:a","env:b"]}')])
    const line = JSON.stringify({id: 1, method: 'GET', path: '/api/v2/users/u1'})
    const result = await run(['batch', '--api-url', server.url, '-q', '{id, tags: [.tags[] | select(startswith($team))], n: $n, key: $ENV.DD_API_KEY}', '--arg', 'team', 'team:', '--argjson', 'n', '3'], {env, stdin: `${line}\n`})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout.toString())).toMatchObject({id: 1, status: 200, body: {id: 'u1', tags: ['team:a'], n: 3, key: null}})
  })

  it('refuses bad JSON in --argjson before reading a line', async () => {
    server = await startServer([])
    const result = await run(['batch', '--api-url', server.url, '--jq', '.', '--argjson', 'n', 'nope'], {env, stdin: '{"id":1,"method":"GET","path":"/x"}\n'})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('ddcli: --argjson n: the value is not JSON; write a string as \'"text"\', or pass it with --arg\n')
    expect(server.requests).toHaveLength(0)
  })
})
