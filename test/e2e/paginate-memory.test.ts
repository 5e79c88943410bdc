import {createHash} from 'node:crypto'
import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterEach, expect, it} from 'vitest'
import {makeTempDir, runCli} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/server.js'

const preload = fileURLToPath(new URL('../../scripts/max-rss.mjs', import.meta.url))
let server: TestServer
afterEach(async () => server?.close())

/** An item of about 200 bytes, so 100,000 of them (20 MB) would show in the RSS if they were kept. */
const item = (i: number) => `{"id":"${i}","type":"monitor","attributes":{"name":"item ${i}","query":"avg(last_5m):avg:system.cpu.user{host:web-${i}} > 90","tags":["team:sre","env:prod"]}}`

/** 1,000 pages of 100 items each, by cursor, as audit events are listed. */
function startPagedServer(): Promise<TestServer> {
  return startServer((request) => {
    const q = new URLSearchParams(request.query)
    const from = Number(q.get('page[cursor]') ?? 0)
    const items = Array.from({length: 100}, (_, i) => item(from + i)).join(',')
    const after = from + 100 < 100_000 ? `{"after":"${from + 100}"}` : '{}'
    return {status: 200, headers: {'content-type': 'application/json'}, body: `{"data":[${items}],"meta":{"page":${after}}}`}
  })
}

/** Walks every page with `extra` flags under the peak-RSS preload; returns the run and its peak RSS in bytes. */
async function measuredWalk(extra: string[]) {
  server = await startPagedServer()
  const dir = await makeTempDir()
  const rssFile = join(dir, 'rss')
  try {
    const result = await runCli(['call', 'GET', '/api/v2/audit/events', '--paginate', '--page-size', '100', ...extra, '--api-url', server.url], {
      env: {DD_API_KEY: 'memoryapikey0000000000000000000a', DD_APP_KEY: 'memoryappkey00000000000000000000000000bb', NODE_OPTIONS: `--import ${preload}`, DDCLI_TEST_RSS_FILE: rssFile},
      timeoutMs: 240_000,
    })
    return {result, rss: result.code === 0 ? Number(await readFile(rssFile, 'utf8')) : 0}
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

it('walks 100,000 items over 1,000 pages in under 150 MB of peak RSS, printing every item once', async () => {
  const {result, rss} = await measuredWalk([])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  const expected = createHash('sha256')
  for (let i = 0; i < 100_000; i++) expected.update(`${item(i)}\n`)
  expect(createHash('sha256').update(result.stdout).digest('hex')).toBe(expected.digest('hex'))
  expect(server.requests.length).toBe(1000)
  console.log(`paginate: 100,000 items over 1,000 pages, peak RSS ${(rss / 1e6).toFixed(1)} MB`)
  expect(rss).toBeGreaterThan(0)
  expect(rss).toBeLessThan(150e6)
}, 300_000)

it('streams -o csv rows over 1,000 pages in under 150 MB of peak RSS: one header, then every row once', async () => {
  const {result, rss} = await measuredWalk(['-o', 'csv'])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  const lines = result.stdout.toString().split('\n')
  expect(lines[0]).toBe('id,type,name,query,tags')
  expect(lines[1]).toBe('0,monitor,item 0,avg(last_5m):avg:system.cpu.user{host:web-0} > 90,"[""team:sre"",""env:prod""]"')
  expect(lines[100_000]).toBe('99999,monitor,item 99999,avg(last_5m):avg:system.cpu.user{host:web-99999} > 90,"[""team:sre"",""env:prod""]"')
  expect(lines).toHaveLength(100_002)
  console.log(`paginate -o csv: 100,000 rows over 1,000 pages, peak RSS ${(rss / 1e6).toFixed(1)} MB`)
  expect(rss).toBeGreaterThan(0)
  expect(rss).toBeLessThan(150e6)
}, 300_000)
