import {mkdtemp, readdir, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/server.js'

// --cache across processes: runs started together race to write the same entry (temporary file, then rename) and
// to make the cache's key (a link that fails for all but the first); every run must print the whole answer.

let server: TestServer
let xdg: string
afterEach(async () => {
  await server?.close()
  if (xdg) await rm(xdg, {recursive: true, force: true})
})

describe('--cache with several ddcli processes at once', () => {
  it('prints the whole answer in every run, keeps one entry and one key, and leaves no temporary file', async () => {
    xdg = await mkdtemp(join(tmpdir(), 'ddcli-cache-procs-'))
    const body = JSON.stringify({items: Array.from({length: 5000}, (_, i) => ({i, pad: 'y'.repeat(30)}))})
    server = await startServer(() => ({status: 200, headers: {'content-type': 'application/json'}, body}))
    const env = {DD_API_KEY: 'procsapikey0000000000000000000e5f6', DD_APP_KEY: 'procsappkey00000000000000000000000000a7b8', XDG_CACHE_HOME: xdg}
    const args = ['call', 'GET', '/api/v1/monitor', '--cache', '5m', '--api-url', server.url]
    const runs = await Promise.all(Array.from({length: 6}, () => runCli(args, {env})))
    for (const result of runs) {
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(result.stdout.toString()).toBe(body)
    }
    const before = server.requests.length
    const again = await runCli(args, {env})
    expect(again.stdout.toString()).toBe(body)
    expect(server.requests.length).toBe(before)
    const names = await readdir(join(xdg, 'ddcli', 'responses'))
    expect(names.filter((name) => /^[0-9a-f]{64}$/.test(name))).toHaveLength(1)
    expect(names.filter((name) => name !== 'key' && !/^[0-9a-f]{64}$/.test(name))).toEqual([])
  })
})
