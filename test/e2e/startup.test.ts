import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

// What `ddcli call` loads decides its start-up time (npm run bench measures it); these guard the choices.
const bundle = readFileSync(new URL('../../dist/call/run.js', import.meta.url), 'utf8')
const manifest = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8')) as {commands: Record<string, unknown>}

describe('the call path', () => {
  it('is one bundled file that includes got', () => {
    expect(bundle).toContain('node_modules/got/')
    expect(bundle).not.toMatch(/^import .* from ["'](got|chalk)["']/m)
  })

  it('never loads conf or ajv (conf imports ajv at load, over 100 ms)', () => {
    expect(bundle).not.toContain('node_modules/conf/')
    expect(bundle).not.toContain('node_modules/ajv')
  })

  it('has an oclif manifest, so oclif does not import every command to start', () => {
    expect(Object.keys(manifest.commands)).toContain('call')
  })
})
