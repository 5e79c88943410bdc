import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {run, type InProcessOptions} from '../helpers/in-process.js'
import {listHandler} from '../helpers/list-server.js'
import {startServer, type CannedResponse, type TestServer} from '../helpers/server.js'

const API_KEY = 'outputapikey00000000000000000a1b2'
const APP_KEY = 'outputappkey000000000000000000000000c3d4'
const env = {DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY}

let server: TestServer
afterEach(async () => server?.close())

const json = (body: string, status = 200): CannedResponse => ({status, headers: {'content-type': 'application/json'}, body})
const call = (args: string[], options: InProcessOptions = {}) => run(['call', ...args, '--api-url', server.url], {...options, env: {...env, ...options.env}})

const USERS = JSON.stringify({
  data: [
    {id: 'u1', type: 'users', attributes: {email: 'a@x.io', name: 'Ann', disabled: false, created: 0, roles: ['admin']}, relationships: {org: {data: {id: 'o1'}}}},
    {id: 'u2', type: 'users', attributes: {email: 'b@x.io', name: 'Bo, "the" one', disabled: true, created: 2, roles: []}, relationships: {org: {data: {id: 'o2'}}}},
  ],
  meta: {page: {total_count: 2}},
}).replace('"created":0', '"created":12345678901234567891') // a 64-bit number JSON.parse would round

describe('ddcli call -o', () => {
  it.each([
    {name: 'csv: JSON:API data[] as id, type, then attributes, scalars first, nested as compact JSON, RFC 4180 quotes', args: ['-o', 'csv'],
      stdout: 'id,type,email,name,disabled,created,roles\nu1,users,a@x.io,Ann,false,12345678901234567891,"[""admin""]"\nu2,users,b@x.io,"Bo, ""the"" one",true,2,[]\n'},
    {name: 'tsv: the same with tabs', args: ['-o', 'tsv'],
      stdout: 'id\ttype\temail\tname\tdisabled\tcreated\troles\nu1\tusers\ta@x.io\tAnn\tfalse\t12345678901234567891\t["admin"]\nu2\tusers\tb@x.io\tBo, "the" one\ttrue\t2\t[]\n'},
    {name: '--columns picks attributes and dotted paths into the item', args: ['-o', 'csv', '--columns', 'email,relationships.org.data.id, id'],
      stdout: 'email,relationships.org.data.id,id\na@x.io,o1,u1\nb@x.io,o2,u2\n'},
    {name: 'a table with no width (piped, no COLUMNS) cuts nothing and has no colour', args: ['-o', 'table', '--columns', 'id,name'],
      stdout: 'ID  NAME\nu1  Ann\nu2  Bo, "the" one\n'},
    {name: 'yaml keeps 64-bit numbers and quotes what YAML 1.1 would read as other types', args: ['-o', 'yaml', '--jq', '.data[0].attributes | {created, name, flag: "yes"}'],
      stdout: 'created: 12345678901234567891\nname: Ann\nflag: "yes"\n'},
    {name: '--output=TABLE in any case', args: ['--output=TSV', '--columns', 'id'], stdout: 'id\nu1\nu2\n'},
    {name: '-o json is the body as received', args: ['-o', 'json'], stdout: USERS},
  ])('$name', async ({args, stdout}) => {
    server = await startServer([json(USERS)])
    const result = await call(['GET', '/api/v2/users', ...args])
    expect(result.stderr).toBe('')
    expect(result.stdout.toString()).toBe(stdout)
    expect(result.code).toBe(0)
  })

  it.each([
    {name: 'a bare array', body: '[{"id":1,"name":"a"},{"id":2,"name":"b","extra":{"k":1}}]', stdout: 'id,name,extra\n1,a,\n2,b,"{""k"":1}"\n'},
    {name: 'the one list property of an object', body: '{"monitors":[{"id":1},{"id":2}],"metadata":{"page":0}}', stdout: 'id\n1\n2\n'},
    {name: 'a lone object as one row under its keys', body: '{"id":7,"name":"cpu","tags":["a"]}', stdout: 'id,name,tags\n7,cpu,"[""a""]"\n'},
    {name: 'a JSON:API document with one resource', body: '{"data":{"id":"x","type":"t","attributes":{"a":1}}}', stdout: 'id,type,a\nx,t,1\n'},
    {name: 'a list of scalars as one value column', body: '["a","b"]', stdout: 'value\na\nb\n'},
    {name: 'an empty body as nothing', body: '', stdout: ''},
    {name: 'an object with an id and one list of objects (a dashboard and its widgets) as one row', body: '{"id":"d1","widgets":[{"id":1}]}', stdout: 'id,widgets\nd1,"[{""id"":1}]"\n'},
  ])('csv of $name', async ({body, stdout}) => {
    server = await startServer([json(body)])
    const result = await call(['GET', '/api/v1/whatever', '-o', 'csv'])
    expect(result.stdout.toString()).toBe(stdout)
    expect(result.code).toBe(0)
  })

  it('--columns reaches a key that has dots in its name, as the header shows it (http.status_code), and still nested paths', async () => {
    const body = JSON.stringify({data: [{id: 's1', type: 'spans', attributes: {'http.status_code': 200, 'service.name': 'web', http: {method: 'GET'}, a: {'b.c': {d: 1}}}}]})
    server = await startServer([json(body), json(body)])
    const auto = await call(['GET', '/api/v2/spans', '-o', 'csv'])
    expect(auto.stdout.toString().split('\n')[0]).toBe('id,type,http.status_code,service.name,http,a')
    const picked = await call(['GET', '/api/v2/spans', '-o', 'csv', '--columns', 'http.status_code,service.name,http.method,a.b.c.d,attributes.http.status_code'])
    expect(picked.stdout.toString()).toBe('http.status_code,service.name,http.method,a.b.c.d,attributes.http.status_code\n200,web,GET,1,200\n')
  })

  it('JSON:API attributes named like Object.prototype members (constructor, toString, __proto__) are columns too', async () => {
    server = await startServer([json('{"data":[{"id":"1","type":"t","attributes":{"constructor":"c","toString":"s","__proto__":{"x":1},"hasOwnProperty":"h"}}]}')])
    const result = await call(['GET', '/api/v2/things', '-o', 'csv'])
    expect(result.stdout.toString()).toBe('id,type,constructor,toString,hasOwnProperty,__proto__\n1,t,c,s,h,"{""x"":1}"\n')
  })

  it('uses the list field the spec names for the operation (x-pagination resultsPath)', async () => {
    server = await startServer([json('{"dashboards":[{"id":"d1","title":"A"}],"other":[{"x":1}]}')])
    const result = await call(['ListDashboards', '-o', 'csv', '--columns', 'id,title'])
    expect(result.stdout.toString()).toBe('id,title\nd1,A\n')
    expect(result.code).toBe(0)
  })

  it.each([
    {name: 'formula-like strings get a leading quote', cell: '=HYPERLINK("http://x")', shown: `"'=HYPERLINK(""http://x"")"`},
    {name: 'so do +, - and @', cell: '@SUM(1)', shown: "'@SUM(1)"},
    {name: 'a negative JSON number stays a number', cell: -5, shown: '-5'},
    {name: 'a string that reads as a number stays as it is', cell: '-12.5', shown: '-12.5'},
  ])('csv: $name', async ({cell, shown}) => {
    server = await startServer([json(JSON.stringify([{v: cell}]))])
    const result = await call(['GET', '/api/v1/whatever', '-o', 'csv'])
    expect(result.stdout.toString()).toBe(`v\n${shown}\n`)
  })

  it('tsv escapes tabs, line breaks and backslashes as jq @tsv does, and marks no formula', async () => {
    server = await startServer([json(JSON.stringify([{v: 'a\tb\nc\\d\re', f: '=1'}]))])
    const result = await call(['GET', '/api/v1/whatever', '-o', 'tsv'])
    expect(result.stdout.toString()).toBe('v\tf\na\\tb\\nc\\\\d\\re\t=1\n')
  })

  it('a table picks at most 8 columns, scalars first, and says on stderr how to choose others', async () => {
    const row = Object.fromEntries([['nested', {a: 1}], ...Array.from({length: 10}, (_, i) => [`k${i}`, i])])
    server = await startServer([json(JSON.stringify([row]))])
    const result = await call(['GET', '/api/v1/whatever', '-o', 'table'])
    expect(result.stdout.toString()).toBe('K0  K1  K2  K3  K4  K5  K6  K7\n0   1   2   3   4   5   6   7\n')
    expect(result.stderr).toBe('ddcli: note: showing 8 of 11 columns; choose them with --columns k0,k1,k2,...\n')
  })

  it('a table of a lone object is a key/value table', async () => {
    server = await startServer([json('{"id":7,"name":"cpu","options":{"a":[1]}}')])
    const result = await call(['GET', '/api/v1/monitor/7', '-o', 'table'])
    expect(result.stdout.toString()).toBe('KEY      VALUE\nid       7\nname     cpu\noptions  {"a":[1]}\n')
  })

  it('a table with COLUMNS set fits it, cutting the widest cells with an ellipsis', async () => {
    server = await startServer([json(JSON.stringify([{id: 1, text: 'x'.repeat(60)}]))])
    const result = await call(['GET', '/api/v1/whatever', '-o', 'table'], {env: {COLUMNS: '30'}})
    const lines = result.stdout.toString().split('\n')
    expect(lines[1]).toBe(`1   ${'x'.repeat(25)}…`)
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(30)
  })

  it.each([
    {name: 'cuts nothing', env: {}, width: 4 + 60},
    {name: 'fits COLUMNS when set', env: {COLUMNS: '30'}, width: 30},
  ] as Array<{name: string, env: Record<string, string>, width: number}>)('on a terminal that reports no width (0 columns, as a pty before its size is set), a table $name', async ({env: extra, width}) => {
    server = await startServer([json(JSON.stringify([{id: 1, text: 'x'.repeat(60)}]))])
    const result = await call(['GET', '/api/v1/whatever', '-o', 'table'], {env: extra, tty: {stdout: true}, color: {out: 0}, columns: 0})
    const lines = result.stdout.toString().split('\n').filter(Boolean)
    expect(lines.map((line) => line.length)).toEqual([8, width])
  })

  it('an empty list prints nothing and says so on stderr (csv with --columns still has its header)', async () => {
    server = await startServer([json('{"data":[]}'), json('{"data":[]}')])
    const table = await call(['GET', '/api/v2/users', '-o', 'table'])
    expect(table.stdout.toString()).toBe('')
    expect(table.stderr).toBe('ddcli: note: the list is empty\n')
    const csv = await call(['GET', '/api/v2/users', '-o', 'csv', '--columns', 'id,email'])
    expect(csv.stdout.toString()).toBe('id,email\n')
  })

  it('an error response is not formatted: its body goes to stderr, stdout stays empty', async () => {
    server = await startServer([json('{"errors":["Forbidden"]}', 403)])
    const result = await call(['GET', '/api/v2/users', '-o', 'csv'])
    expect(result.code).toBe(1)
    expect(result.stdout.toString()).toBe('')
    expect(result.stderr).toMatch(/^\{"errors":\["Forbidden"\]\}\nddcli: HTTP 403 Forbidden: Forbidden; /)
  })

  it.each(['csv', 'tsv', 'table'])('-o %s shows a value nested 100,000 deep as compact JSON (no stack overflow)', async (format) => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    server = await startServer([json(`[{"a":${deep}}]`)])
    const result = await call(['GET', '/api/v1/whatever', '-o', format])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toContain(deep)
  })

  it('a table of 200,000 rows is laid out without overflowing the stack', async () => {
    server = await startServer([json(JSON.stringify(Array.from({length: 200_000}, (_, i) => ({id: i}))))])
    const result = await call(['GET', '/api/v1/whatever', '-o', 'table'])
    expect(result.stderr).toBe('')
    const lines = result.stdout.toString().split('\n')
    expect(lines.slice(0, 2)).toEqual(['ID', '0'])
    expect(lines).toHaveLength(200_002)
  })

  it('-o yaml refuses JSON nested deeper than 1000 levels in one line, and shows 999', async () => {
    const nest = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
    server = await startServer([json(nest(100_000)), json(nest(999))])
    const deep = await call(['GET', '/api/v1/whatever', '-o', 'yaml'])
    expect(deep.code).toBe(2)
    expect(deep.stderr).toBe('ddcli: -o yaml cannot show JSON nested deeper than 1000 levels; use -o json\n')
    const fine = await call(['GET', '/api/v1/whatever', '-o', 'yaml'])
    expect(fine.stderr).toBe('')
    expect(fine.code).toBe(0)
  })

  it('a body that is not JSON is exit 2 with one line', async () => {
    server = await startServer([{status: 200, headers: {'content-type': 'text/plain'}, body: 'hello'}])
    const result = await call(['GET', '/api/v1/whatever', '-o', 'yaml'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('ddcli: -o yaml needs a JSON response, and this one is not JSON (5 bytes); drop -o\n')
  })

  it('yaml writes a body as one document, and each --jq output as its own', async () => {
    server = await startServer([json('{"a":[1,{"b":null}]}'), json('{"a":[1,2]}')])
    const doc = await call(['GET', '/api/v1/whatever', '-o', 'yaml'])
    expect(doc.stdout.toString()).toBe('a:\n  - 1\n  - b: null\n')
    const outputs = await call(['GET', '/api/v1/whatever', '-o', 'yaml', '--jq', '.a[]'])
    expect(outputs.stdout.toString()).toBe('1\n---\n2\n')
  })

  it('yaml quotes a key or value "<<", which a YAML 1.1 reader (PyYAML) would take for a merge and fold into its parent', async () => {
    server = await startServer([json('{"name":"x","<<":{"admin":true},"v":"<<","list":["<<"]}'), json('[{"<<":1}]')])
    const doc = await call(['GET', '/api/v1/whatever', '-o', 'yaml'])
    expect(doc.stdout.toString()).toBe('name: x\n"<<":\n  admin: true\nv: "<<"\nlist:\n  - "<<"\n')
    const items = await call(['GET', '/api/v1/whatever', '-o', 'yaml'])
    expect(items.stdout.toString()).toBe('- "<<": 1\n')
  })

  it('a --jq output with a list of objects inside is one row, not that list', async () => {
    server = await startServer([json('[{"name":"a","roles":[{"r":1}]},{"name":"b","roles":[]}]')])
    const result = await call(['GET', '/api/v1/whatever', '-o', 'csv', '--jq', '.[]'])
    expect(result.stdout.toString()).toBe('name,roles\na,"[{""r"":1}]"\nb,[]\n')
  })

  it('on a terminal a table has a bold header, and a server string cannot drive the terminal', async () => {
    server = await startServer([json(JSON.stringify([{id: 1, name: 'evil\u001b[2J\u202eend\nnext'}]))])
    const result = await call(['GET', '/api/v1/whatever', '-o', 'table'], {tty: {stdout: true}, color: {out: 1}})
    expect(result.stdout.toString()).toBe('\u001b[1mID\u001b[22m  \u001b[1mNAME\u001b[22m\n1   evil [2J\\u202eend next\n')
  })

  it('not on a terminal a table has no colour, even with FORCE_COLOR', async () => {
    server = await startServer([json('[{"id":1}]')])
    const result = await call(['GET', '/api/v1/whatever', '-o', 'table'], {env: {FORCE_COLOR: '1'}})
    expect(result.stdout.toString()).toBe('ID\n1\n')
  })

  it('on a terminal yaml and csv show control characters as escapes', async () => {
    server = await startServer([json(JSON.stringify([{v: 'a\u009bb'}])), json(JSON.stringify([{v: 'a\u009bb'}]))])
    const yaml = await call(['GET', '/api/v1/whatever', '-o', 'yaml'], {tty: {stdout: true}})
    expect(yaml.stdout.toString()).not.toContain('\u009b')
    const csv = await call(['GET', '/api/v1/whatever', '-o', 'csv'], {tty: {stdout: true}})
    expect(csv.stdout.toString()).toBe('v\na\\u009bb\n')
  })

  it('--jq outputs become rows: objects one each, arrays unwrapped', async () => {
    server = await startServer([json(USERS), json(USERS)])
    const rows = await call(['GET', '/api/v2/users', '-o', 'csv', '--jq', '.data[] | {id, email: .attributes.email}'])
    expect(rows.stdout.toString()).toBe('id,email\nu1,a@x.io\nu2,b@x.io\n')
    const array = await call(['GET', '/api/v2/users', '-o', 'tsv', '--jq', '[.data[].id]'])
    expect(array.stdout.toString()).toBe('value\nu1\nu2\n')
  })
})

describe('ddcli call -o with --paginate', () => {
  it.each([
    {name: 'csv: one header, then each page\'s rows', format: 'csv', stdout: `id,n\n${Array.from({length: 25}, (_, i) => `${i},12345678901234567891\n`).join('')}`},
    {name: 'yaml: one sequence over every page', format: 'yaml', stdout: Array.from({length: 25}, (_, i) => `- id: "${i}"\n  "n": 12345678901234567891\n`).join('')},
    {name: 'table: widths from the first page', format: 'table', stdout: `ID  N\n${Array.from({length: 25}, (_, i) => `${String(i).padEnd(2)}  12345678901234567891\n`).join('')}`},
  ])('$name', async ({format, stdout}) => {
    server = await startServer(listHandler(25))
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', '--page-size', '10', '-o', format])
    expect(result.stderr).toBe('')
    expect(result.stdout.toString()).toBe(stdout)
    expect(result.code).toBe(0)
    await server.expectRequests(3)
  })

  it('says once on stderr when a later page has keys the columns from the first page leave out', async () => {
    const page = (items: object[], after?: string) => json(JSON.stringify({data: items, meta: {page: after ? {after} : {}}}))
    server = await startServer([
      page([{id: '1', type: 'e', attributes: {a: 'x'}}], '1'),
      page([{id: '2', type: 'e', attributes: {a: 'y', c: 'new'}}], '2'),
      page([{id: '3', type: 'e', attributes: {a: 'z', c: 'again', d: 'more'}}]),
    ])
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', '--page-size', '1', '-o', 'csv'])
    expect(result.stdout.toString()).toBe('id,type,a\n1,e,x\n2,e,y\n3,e,z\n')
    expect(result.stderr).toBe('ddcli: note: later rows have keys the columns (chosen from the first rows) leave out: c; pick columns with --columns id,type,a,c\n')
    expect(result.code).toBe(0)
  })

  it('formats the outputs of --jq on each item', async () => {
    server = await startServer(listHandler(3))
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', '-o', 'csv', '--jq', '{id, twice: (.id | tonumber * 2)}'])
    expect(result.stdout.toString()).toBe('id,twice\n0,0\n1,2\n2,4\n')
  })

  it('prints the rows of the pages before a failing page, then the error', async () => {
    const list = listHandler(25)
    server = await startServer((request) => (request.query.includes('cursor%5D=10') ? json('{"errors":["boom"]}', 500) : list(request)))
    const result = await call(['GET', '/api/v2/audit/events', '--paginate', '--page-size', '10', '-o', 'tsv', '--retries', '0'])
    expect(result.code).toBe(1)
    expect(result.stdout.toString()).toBe(`id\tn\n${Array.from({length: 10}, (_, i) => `${i}\t12345678901234567891\n`).join('')}`)
    expect(result.stderr).toContain('stopped at page 2 after 10 items')
  })
})

describe('where the format comes from', () => {
  const profile = async (dir: string, output: string) => {
    await mkdir(dir, {recursive: true})
    await writeFile(join(dir, 'config.json'), JSON.stringify({profiles: {default: {output}}}))
  }

  it.each([
    {name: 'DD_OUTPUT applies on a terminal', env: {DD_OUTPUT: 'csv'}, tty: true, stdout: 'id\n1\n'},
    {name: 'DD_OUTPUT does not apply when piped: JSON as received', env: {DD_OUTPUT: 'table'}, tty: false, stdout: '[{"id":1}]'},
    {name: 'the flag wins over DD_OUTPUT, piped too', env: {DD_OUTPUT: 'table'}, tty: false, args: ['-o', 'tsv'], stdout: 'id\n1\n'},
    {name: '-o json wins over DD_OUTPUT on a terminal', env: {DD_OUTPUT: 'csv', NO_COLOR: '1'}, tty: true, args: ['-o', 'json'], stdout: '[\n  {\n    "id": 1\n  }\n]\n'},
  ] as Array<{name: string, env: Record<string, string>, tty: boolean, args?: string[], stdout: string}>)('$name', async ({env: extra, tty, args = [], stdout}) => {
    server = await startServer([json('[{"id":1}]')])
    const result = await call(['GET', '/api/v1/whatever', ...args], {env: extra, tty: {stdout: tty}})
    expect(result.stderr).toBe('')
    expect(result.stdout.toString()).toBe(stdout)
  })

  it('the profile\'s output applies on a terminal, after DD_OUTPUT, and not when piped', async () => {
    server = await startServer(() => json('[{"id":1}]'))
    const dir = join((await import('node:os')).tmpdir(), `ddcli-output-${process.pid}-${Date.now()}`)
    try {
      await profile(dir, 'tsv')
      const withConfig = {DDCLI_CONFIG_DIR: dir}
      expect((await call(['GET', '/x'], {env: withConfig, tty: {stdout: true}})).stdout.toString()).toBe('id\n1\n')
      expect((await call(['GET', '/x'], {env: {...withConfig, DD_OUTPUT: 'csv'}, tty: {stdout: true}})).stdout.toString()).toBe('id\n1\n')
      expect((await call(['GET', '/x'], {env: withConfig})).stdout.toString()).toBe('[{"id":1}]')
    } finally {
      await (await import('node:fs/promises')).rm(dir, {recursive: true, force: true})
    }
  })

  it.each([
    {name: 'a format name one edit away', args: ['-o', 'tabel'], line: 'ddcli: unknown output format "tabel" in -o/--output; did you mean table?\n'},
    {name: 'curl\'s -o FILE', args: ['-o', 'out.json'], line: 'ddcli: -o/--output takes a format (json, yaml, table, csv or tsv), not a file: ddcli writes the body to stdout, so redirect it with > FILE\n'},
    {name: 'a path', args: ['--output', '/tmp/x'], line: /not a file: ddcli writes the body to stdout, so redirect it with > FILE/},
    {name: '-o /dev/null', args: ['-o', '/dev/null'], line: /to print no body, use --silent/},
    {name: 'a word far from every format', args: ['-o', 'xml'], line: 'ddcli: unknown output format "xml" in -o/--output; use json, yaml, table, csv or tsv\n'},
    {name: 'a configured secret pasted as the format is masked', args: ['-o', API_KEY], line: /unknown output format "\*\*\*\*a1b2" in/},
    {name: 'a value shaped like an API key is not echoed', args: ['-o', '0123456789abcdef0123456789abcdef'], line: /unknown output format \(a value that looks like a secret, not shown\)/},
    {name: '--columns with json', args: ['--columns', 'id'], line: 'ddcli: --columns picks the columns of -o table, csv or tsv, and the output is json; add -o table\n'},
    {name: '--columns with yaml', args: ['-o', 'yaml', '--columns', 'id'], line: /and the output is yaml; add -o table/},
    {name: 'an empty --columns', args: ['-o', 'csv', '--columns', ' , '], line: /--columns takes column names separated by commas/},
  ])('$name is exit 2 with one line, before any request', async ({args, line}) => {
    server = await startServer([])
    const result = await call(['GET', '/api/v1/validate', ...args])
    expect(result.code).toBe(2)
    if (typeof line === 'string') expect(result.stderr).toBe(line)
    else expect(result.stderr).toMatch(line)
    expect(result.stderr.split('\n')).toHaveLength(2)
    expect(result.stderr).not.toContain(API_KEY)
    expect(server.requests).toHaveLength(0)
  })

  it('--columns when DD_OUTPUT asked for a table but stdout is piped names why', async () => {
    server = await startServer([])
    const result = await call(['GET', '/api/v1/validate', '--columns', 'id'], {env: {DD_OUTPUT: 'table'}})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('ddcli: --columns picks the columns of -o table, csv or tsv, and the output is json (DD_OUTPUT asks for table, which applies on a terminal only); add -o table\n')
  })

  it('a bad DD_OUTPUT is exit 3 naming it, even when piped', async () => {
    server = await startServer([])
    const result = await call(['GET', '/api/v1/validate'], {env: {DD_OUTPUT: 'yml'}})
    expect(result.code).toBe(3)
    expect(result.stderr).toBe('ddcli: unknown output format "yml" in DD_OUTPUT; did you mean yaml?\n')
    expect(server.requests).toHaveLength(0)
  })

  it('-i prints the status line and headers, then the formatted body; --silent prints nothing', async () => {
    server = await startServer([json('[{"id":1}]'), json('[{"id":1}]')])
    const included = await call(['GET', '/api/v1/whatever', '-o', 'csv', '-i'])
    expect(included.stdout.toString()).toMatch(/^HTTP\/1\.1 200 OK\r?\n(.+\r?\n)+\r?\nid\n1\n$/)
    const silent = await call(['GET', '/api/v1/whatever', '-o', 'csv', '--silent'])
    expect(silent.stdout.toString()).toBe('')
    expect(silent.code).toBe(0)
  })

  it('--dry-run and --curl ignore the format', async () => {
    server = await startServer([])
    const result = await call(['GET', '/api/v1/validate', '-o', 'table', '--dry-run'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toMatch(/^GET http/)
  })
})

describe('ddcli batch and -o', () => {
  it.each([
    {name: '-o csv', args: ['-o', 'csv']},
    {name: '--output table', args: ['--output', 'table']},
    {name: '--columns', args: ['--columns', 'id']},
  ])('batch $name says batch writes JSON lines, how to shape them, and that -o is for call', async ({args}) => {
    const result = await run(['batch', ...args], {env, stdin: '{"method":"GET","path":"/api/v1/validate"}\n'})
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('')
    expect(result.stderr).toMatch(/^ddcli: unknown flag "--?[a-z]+" for ddcli batch; ddcli batch writes one JSON result per line; shape them with --jq or jq \(ddcli batch \| jq -r '\[\.id, \.status\] \| @csv'\), and -o yaml, table, csv or tsv is for ddcli call \(see ddcli batch --help\)\n$/)
  })

  it('batch ignores DD_OUTPUT: its results stay one JSON line each', async () => {
    server = await startServer([json('{"valid":true}')])
    const result = await run(['batch', '--api-url', server.url], {env: {...env, DD_OUTPUT: 'table'}, tty: {stdout: true}, stdin: '{"id":1,"method":"GET","path":"/api/v1/validate"}\n'})
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout.toString())).toMatchObject({id: 1, status: 200, body: {valid: true}})
  })
})
