import {afterEach, describe, expect, it} from 'vitest'
import type {Clock} from '../../src/context.js'
import {jumpingClock} from '../helpers/clock.js'
import {runInProcess} from '../helpers/in-process.js'
import {startServer, type CannedResponse, type Handler, type RecordedRequest, type TestServer} from '../helpers/server.js'

// batch's pacing (rate limits, backoffs), in process with a clock whose waits take no time: the server reads the same
// clock, so a window of an hour passes in milliseconds and every wait the scheduler asks for is seen.

const API_KEY = 'batchapikey0000000000000000000k1'
let servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()))
  servers = []
})

const ok = (headers: Record<string, string> = {}): CannedResponse => ({status: 200, headers: {'content-type': 'application/json', ...headers}, body: '{}'})
const ndjson = (requests: unknown[]) => requests.map((r) => JSON.stringify(r)).join('\n') + '\n'
const results = (stdout: Buffer) => stdout.toString('utf8').trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)

/** A server that enforces named rate limits in fixed windows of the clock's time and says so in Datadog's headers. */
function limitedServer(clock: Clock, limits: Record<string, {limit: number, windowMs: number}>, segment = 2) {
  const windows = new Map<string, {start: number, used: number}>()
  const log: Array<{name: string, status: number, at: number}> = []
  const handler: Handler = (r: RecordedRequest) => {
    const name = r.path.split('/')[segment] ?? 'none'
    const rule = limits[name]
    const now = clock.now()
    if (!rule) {
      log.push({name, status: 200, at: now})
      return ok()
    }
    let win = windows.get(name)
    if (!win || now >= win.start + rule.windowMs) windows.set(name, win = {start: now, used: 0})
    const resetS = String(Math.ceil((win.start + rule.windowMs - now) / 1000))
    const headers = {'x-ratelimit-name': name, 'x-ratelimit-limit': String(rule.limit), 'x-ratelimit-period': String(rule.windowMs / 1000), 'x-ratelimit-reset': resetS}
    if (win.used >= rule.limit) {
      log.push({name, status: 429, at: now})
      return {status: 429, headers: {...headers, 'x-ratelimit-remaining': '0', 'content-type': 'application/json'}, body: '{"errors":["Rate limit exceeded"]}'}
    }
    win.used++
    log.push({name, status: 200, at: now})
    return ok({...headers, 'x-ratelimit-remaining': String(rule.limit - win.used)})
  }
  return {handler, log}
}

async function batch(handler: Handler, clock: Clock, args: string[], requests: unknown[]) {
  const api = await startServer(handler)
  servers.push(api)
  const result = await runInProcess(['batch', '--api-url', api.url, ...args], {env: {DD_API_KEY: API_KEY}, stdin: ndjson(requests), clock})
  return {...result, api}
}

describe('batch: rate limits', () => {
  it('paces from X-RateLimit-Remaining so a long batch draws no 429', async () => {
    const clock = jumpingClock()
    const started = clock.now()
    const limited = limitedServer(clock, {paced: {limit: 6, windowMs: 1000}})
    const requests = Array.from({length: 20}, (_, i) => ({id: i, method: 'GET', path: `/x/paced/${i}`}))
    const {code, stdout} = await batch(limited.handler, clock, ['--concurrency', '4'], requests)
    expect(code).toBe(0)
    expect(results(stdout).every((r) => r.status === 200)).toBe(true)
    expect(limited.log.filter((e) => e.status === 429)).toEqual([])
    // 20 requests at 6 a second take at least three windows.
    expect(clock.now() - started).toBeGreaterThanOrEqual(3000)
  })

  it('on a 429, holds the requests of that limit until its reset while another limit goes on', async () => {
    // Two operations (GetMonitor, GetDashboard): until the server names their limits, batch keys requests by operation.
    const clock = jumpingClock()
    const limited = limitedServer(clock, {monitor: {limit: 1, windowMs: 2000}}, 3)
    const requests = Array.from({length: 8}, (_, i) => ({id: i, method: 'GET', path: i % 2 === 0 ? `/api/v1/monitor/${i}` : `/api/v1/dashboard/d-${i}`}))
    const {code, stdout, api} = await batch(limited.handler, clock, ['--concurrency', '4'], requests)
    expect(code).toBe(0)
    expect(results(stdout)).toHaveLength(8)
    expect(results(stdout).every((r) => r.status === 200)).toBe(true)
    // At most the requests already in flight when the limit was learned draw a 429; the rest wait for the reset.
    expect(limited.log.filter((e) => e.status === 429).length).toBeLessThanOrEqual(4)
    expect(api.requests.filter((r) => r.path.includes('/dashboard/'))).toHaveLength(4)
    // The other operation goes on while the limited one waits: all of it is sent before the limit's second window.
    const lastFast = limited.log.findLastIndex((e) => e.name === 'dashboard')
    const secondSlowOk = limited.log.map((e, i) => ({...e, i})).filter((e) => e.name === 'monitor' && e.status === 200)[1]!.i
    expect(lastFast).toBeLessThan(secondSlowOk)
    const slowOk = limited.log.filter((e) => e.name === 'monitor' && e.status === 200).map((e) => e.at)
    expect(slowOk).toHaveLength(4)
    for (let i = 1; i < slowOk.length; i++) expect(slowOk[i]! - slowOk[i - 1]!).toBeGreaterThanOrEqual(2000)
  })

  it('fails the requests of a limit held longer than --max-wait without sending them', async () => {
    const clock = jumpingClock()
    const limited = limitedServer(clock, {hourly: {limit: 1, windowMs: 3_600_000}})
    const requests = Array.from({length: 5}, (_, i) => ({id: i, method: 'GET', path: `/x/hourly/${i}`}))
    const {code, stdout, api} = await batch(limited.handler, clock, ['--concurrency', '1', '--max-wait', '5'], requests)
    expect(code).toBe(1)
    const out = results(stdout)
    expect(out[0]!.status).toBe(200)
    for (const r of out.slice(1)) expect(r.error).toMatch(/rate limited \(hourly\); the limit resets in \d+ s, longer than --max-wait 5 s; not sent/)
    expect(api.requests).toHaveLength(1)
  })

  it('waits out an hour-long window when --max-wait allows it, in no real time', async () => {
    const clock = jumpingClock()
    const limited = limitedServer(clock, {hourly: {limit: 1, windowMs: 3_600_000}})
    const requests = Array.from({length: 3}, (_, i) => ({id: i, method: 'GET', path: `/x/hourly/${i}`}))
    const {code, stdout} = await batch(limited.handler, clock, ['--concurrency', '1', '--max-wait', '7200'], requests)
    expect(code).toBe(0)
    expect(results(stdout).map((r) => r.status)).toEqual([200, 200, 200])
    const at = limited.log.filter((e) => e.status === 200).map((e) => e.at)
    expect(at[2]! - at[0]!).toBeGreaterThanOrEqual(2 * 3_600_000)
  })
})

describe('batch: Retry-After as an HTTP date', () => {
  it.each([
    {name: 'after a 503', status: 503},
    {name: 'after a 429 without a limit name', status: 429},
  ])('waits until that date on its own clock, $name', async ({status}) => {
    // Retry-After's date is read against the batch's clock (here, one far from the real time): with the real clock
    // the date is long past and the request is sent again at once.
    const clock = jumpingClock()
    const started = clock.now()
    let answered = 0
    const handler: Handler = () => (answered++ === 0
      ? {status, headers: {'retry-after': new Date(clock.now() + 30_000).toUTCString(), 'content-type': 'application/json'}, body: '{}'}
      : ok())
    const {code, stdout, api} = await batch(handler, clock, ['--concurrency', '1', '--retries', '1'], [{id: 1, method: 'GET', path: '/api/v1/validate'}])
    expect(code).toBe(0)
    expect(results(stdout).map((r) => r.status)).toEqual([200])
    expect(api.requests).toHaveLength(2)
    expect(clock.now() - started).toBeGreaterThanOrEqual(29_000)
  })
})
