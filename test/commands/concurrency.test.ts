import {readdir, stat} from 'node:fs/promises'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {configDir, type ConfigDir} from './config-dir.js'

let cfg: ConfigDir
beforeEach(async () => { cfg = await configDir() })
afterEach(async () => { await cfg.cleanup() })

describe('concurrent writes', () => {
  it('keeps all twelve keys when twelve auth set-api-key runs start at once', async () => {
    const names = Array.from({length: 12}, (_, i) => `p${i}`)
    const keyOf = (name: string) => `concurrentkey0123456789${name.padStart(4, '_')}`
    const results = await Promise.all(names.map((name) =>
      cfg.run(['auth', 'set-api-key', '--profile', name], {stdin: `${keyOf(name)}\n`, timeoutMs: 50_000})))
    expect(results.map((r) => [r.code, r.stderr.includes('stored the API key')])).toEqual(names.map(() => [0, true]))
    const {profiles} = await cfg.read()
    expect(profiles).toEqual(Object.fromEntries(names.map((name) => [name, {apiKey: keyOf(name)}])))
    expect(await readdir(cfg.dir)).toEqual(['config.json'])
    expect((await stat(cfg.file)).mode & 0o777).toBe(0o600)
  }, 60_000)

  it('keeps every edit when set-pat, config set and clear of different profiles race', async () => {
    await cfg.write(JSON.stringify({profiles: {old: {pat: 'ddpat_old0123456789', site: 'datadoghq.eu'}}}))
    const results = await Promise.all([
      cfg.run(['auth', 'set-pat', '--profile', 'a'], {stdin: 'ddpat_a0123456789abcd', timeoutMs: 50_000}),
      cfg.run(['config', 'set', 'site', 'us3.datadoghq.com', '--profile', 'b'], {timeoutMs: 50_000}),
      cfg.run(['auth', 'clear', '--profile', 'old'], {timeoutMs: 50_000}),
      cfg.run(['config', 'set', 'api-url', 'https://api.datadoghq.eu', '--profile', 'a'], {timeoutMs: 50_000}),
    ])
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0])
    expect((await cfg.read()).profiles).toEqual({
      old: {site: 'datadoghq.eu'},
      a: {pat: 'ddpat_a0123456789abcd', apiUrl: 'https://api.datadoghq.eu'},
      b: {site: 'us3.datadoghq.com'},
    })
  }, 60_000)
})
