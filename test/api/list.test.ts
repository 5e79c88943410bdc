import {describe, expect, it} from 'vitest'
import {listEntries, runApiList} from '../../src/api/list.js'
import {loadOperations} from '../../src/spec/index.js'
import {memoryIO} from './memory-io.js'

const ops = await loadOperations()

describe('listEntries', () => {
  it.each([
    {name: 'names a v1 operation whose id v2 also has with v1:', path: '/api/v1/user', method: 'GET', want: 'v1:ListUsers'},
    {name: 'names the v2 twin without a prefix', path: '/api/v2/users', method: 'GET', want: 'ListUsers'},
    {name: 'names a v1-only operation without a prefix', path: '/api/v1/monitor', method: 'GET', want: 'ListMonitors'},
  ])('$name', ({path, method, want}) => {
    const op = ops.find((o) => o.path === path && o.method === method)!
    expect(listEntries([op], ops)[0]!.name).toBe(want)
  })
})

describe('runApiList', () => {
  it.each([
    {name: 'writes tab-separated lines when piped', tty: false, search: 'ListMonitors', json: false, out: /^ListMonitors\tGET\t\/api\/v1\/monitor\t\tGet all monitors\n/, err: ''},
    {name: 'writes a table with a header on a terminal', tty: true, search: 'ListMonitors', json: false, out: /^NAME +METHOD +PATH +SUMMARY\nListMonitors +GET +\/api\/v1\/monitor +Get all monitors\n/, err: ''},
    {name: 'writes nothing and no note when piped with no match', tty: false, search: 'zzqqzz', json: false, out: /^$/, err: ''},
    {name: 'notes no match on stderr on a terminal', tty: true, search: 'zzqqzz', json: false, out: /^$/, err: 'ddcli: no operations match "zzqqzz"; try a shorter word, or ddcli api list for all\n'},
    {name: 'prints an empty JSON array for no match', tty: false, search: 'zzqqzz', json: true, out: /^\[\]\n$/, err: ''},
    {name: 'finds kebab-case search words', tty: false, search: 'list-monitor-downtimes', json: false, out: /^v1:ListMonitorDowntimes\t.*\nListMonitorDowntimes\t/, err: ''},
  ])('$name', async ({tty, search, json, out, err}) => {
    const io = memoryIO(tty)
    await runApiList({search, json}, {io, columns: 120})
    expect(io.out()).toMatch(out)
    expect(io.err()).toBe(err)
  })

  it('fits 80 columns on a terminal that reports no width (0 columns), not none', async () => {
    const io = memoryIO(true)
    await runApiList({search: 'CreateAPIKey', json: false}, {io, columns: 0})
    expect(io.out()).toMatch(/^v1:CreateAPIKey +POST +\/api\/v1\/api_key +Create an API key\n/m)
  })

  it('lists every operation without a search word', async () => {
    const io = memoryIO(false)
    await runApiList({json: true}, {io})
    expect(JSON.parse(io.out())).toHaveLength(ops.length)
  })
})
