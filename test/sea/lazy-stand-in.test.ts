import {createRequire} from 'node:module'
import os from 'node:os'
import {fileURLToPath} from 'node:url'
import {afterEach, describe, expect, it} from 'vitest'
import {lazyModule} from '../../scripts/bundle.mjs'

// The lazy stand-ins of scripts/bundle.mjs, evaluated as esbuild wraps a CommonJS module, with a require that records
// what it loads. The executable's snapshot script names them, so that its build's warm-up call (src/sea/warm-up.ts)
// can give got a stand-in node:http; that must never reach a run, nor the npm path's bundles.
const root = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(import.meta.url)
const STAND_INS = Symbol.for('ddcli.snapshot-stand-ins')
const global = globalThis as {[STAND_INS]?: Record<string, unknown>}

async function standIn(name?: string): Promise<{exports: {EOL?: string}, loaded: string[]}> {
  const code = await lazyModule('node:os', root, name)
  const loaded: string[] = []
  const module = {exports: {}}
  const load = (id: string): unknown => {
    loaded.push(id)
    return require(id.replace(/\?real$/, ''))
  }
  new Function('module', 'exports', 'require', code)(module, module.exports, load)
  return {exports: module.exports as {EOL?: string}, loaded}
}

afterEach(() => {
  delete global[STAND_INS]
})

describe('lazy stand-ins', () => {
  it('load the real module on first use, and only then', async () => {
    const {exports, loaded} = await standIn('node:os')
    expect(loaded).toEqual([])
    expect(exports.EOL).toBe(os.EOL)
    expect(loaded).toEqual(['node:os?real'])
  })

  it('answer from the stand-in the snapshot build sets, and from the real module once it is cleared', async () => {
    const {exports, loaded} = await standIn('node:os')
    global[STAND_INS] = {'node:os': {EOL: 'stand-in'}}
    expect(exports.EOL).toBe('stand-in')
    expect(loaded).toEqual([])
    delete global[STAND_INS]
    expect(exports.EOL).toBe(os.EOL)
    expect(loaded).toEqual(['node:os?real'])
  })

  it('ignore a stand-in set for another module', async () => {
    const {exports} = await standIn('node:os')
    global[STAND_INS] = {'node:http': {EOL: 'stand-in'}}
    expect(exports.EOL).toBe(os.EOL)
  })

  it('never read the global in the npm path\'s bundles, which name none', async () => {
    const {exports, loaded} = await standIn()
    global[STAND_INS] = {'node:os': {EOL: 'stand-in'}}
    expect(exports.EOL).toBe(os.EOL)
    expect(loaded).toEqual(['node:os?real'])
  })
})
