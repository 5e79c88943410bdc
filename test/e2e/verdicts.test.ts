import {readdirSync, readFileSync} from 'node:fs'
import {Script} from 'node:vm'
import {withCacheChecksums} from '../../bin/launch.js'
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

// The build writes one verdict function per request body schema (scripts/verdicts.mjs), each with a code cache this
// Node accepts: a cache V8 rejected would still give the right answers, compiled from source, and the call would
// quietly lose what the cache is for (a 200-widget dashboard checked in a few ms instead of about 15).

const dist = new URL('../../dist/spec/', import.meta.url)
const keys = (sub: string, ext: string) => readdirSync(new URL(`${sub}/`, dist)).flatMap((version) => readdirSync(new URL(`${sub}/${version}/`, dist)).map((name) => `${version}/${name.slice(0, -ext.length)}`)).sort()

describe('the verdict functions in the build', () => {
  it('are one per request body schema', () => {
    expect(keys('verdicts', '.verdict')).toEqual(keys('schemas', '.json'))
  })

  it('share a file where the schemas are the same, and the large ones come with a code cache this Node accepts', () => {
    const rejected: string[] = []
    let links = 0
    let cached = 0
    for (const key of keys('verdicts', '.verdict')) {
      let bytes = readFileSync(new URL(`verdicts/${key}.verdict`, dist))
      let own = key
      if (bytes.readUInt32LE(0) === 0x4c564444) {
        links++
        // A link holds the key it was written under too, then the key it names.
        const written = bytes.subarray(8, 8 + bytes.readUInt32LE(4)).toString('latin1')
        if (written !== key) rejected.push(`${key}: a link written for ${written}`)
        own = bytes.subarray(8 + bytes.readUInt32LE(4)).toString('latin1')
        bytes = readFileSync(new URL(`verdicts/${own}.verdict`, dist))
      }
      // Each file holds the key it was written under (src/spec/verdicts.ts verdictFile): a link's target's own.
      const start = 8 + bytes.readUInt32LE(4) + 4
      if (bytes.subarray(8, start - 4).toString('latin1') !== own) rejected.push(`${key}: written for ${bytes.subarray(8, start - 4).toString('latin1')}`)
      const end = start + bytes.readUInt32LE(start - 4)
      if (end === bytes.length) {
        if (end > 32 * 1024) rejected.push(`${key}: ${end} bytes of source without a cache`)
        continue
      }
      cached++
      const script = withCacheChecksums(() => new Script(bytes.subarray(start, end).toString('latin1'), {cachedData: bytes.subarray(end)}))
      if (script.cachedDataRejected !== false) rejected.push(key)
    }
    expect(rejected).toEqual([])
    // CreateDashboard and UpdateDashboard, among others; the dashboard and pipeline schemas, among others.
    expect(links).toBeGreaterThan(50)
    expect(cached).toBeGreaterThan(10)
  })

  it('judge a call\'s body as the checker does: clean is sent, a mistake is reported by the checker', async () => {
    const body = JSON.stringify({type: 'metric-alert', query: 'avg(last_5m):avg:system.cpu.user{*} > 90'})
    const refused = await runCli(['call', 'POST', '/api/v1/monitor', '--input', '-', '--api-url', 'http://127.0.0.1:9', '--dry-run'], {stdin: body, env: {DD_API_KEY: '0123456789abcdef0123456789abcdef', DD_APP_KEY: 'fedcba9876543210fedcba9876543210fedcba98'}})
    expect(refused.stderr).toContain('/type: expected one of')
    expect(refused.stderr).toContain('did you mean "metric alert"?')
  })
})
