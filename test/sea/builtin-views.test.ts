import fs from 'node:fs'
import {createRequire} from 'node:module'
import os from 'node:os'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'
import {describe, expect, it} from 'vitest'
import {builtinViews} from '../../scripts/bundle.mjs'

// scripts/bundle.mjs's builtin-views plugin, as the call bundle and the executable's scripts use it: an ES module's
// default or namespace import of a Node built-in becomes a view of the module (its prototype) rather than esbuild's
// interop, which copies every export into a getter. Bundled here from a small entry and evaluated.
const root = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(import.meta.url)

async function bundled(source: string): Promise<{code: string, exports: Record<string, unknown>}> {
  const result = await build({stdin: {contents: source, loader: 'js', resolveDir: root, sourcefile: 'entry.mjs'}, bundle: true, write: false, platform: 'node', format: 'cjs', plugins: [builtinViews], logLevel: 'silent'})
  const code = result.outputFiles[0]!.text
  const module = {exports: {}}
  new Function('module', 'exports', 'require', code)(module, module.exports, require)
  return {code, exports: module.exports}
}

describe('built-in views', () => {
  it('read every export of the module itself, live, by default, namespace and named import', async () => {
    const {code, exports} = await bundled(`import fs from 'node:fs'
import * as os from 'node:os'
import {readFileSync} from 'fs'
export const read = fs.readFileSync, readNamed = readFileSync, eol = os.EOL, osDefault = os.default
export const live = () => os.ddcliViewTest`)
    expect(exports.read).toBe(fs.readFileSync)
    expect(exports.readNamed).toBe(fs.readFileSync)
    expect(exports.eol).toBe(os.EOL)
    // The default import is the view (the interop makes a node-mode default the module's exports): it reads as os.
    expect(Object.getPrototypeOf(exports.osDefault)).toBe(os)
    expect((exports.osDefault as typeof os).EOL).toBe(os.EOL)
    const real = os as unknown as {ddcliViewTest?: number}
    real.ddcliViewTest = 1
    try {
      expect((exports.live as () => unknown)()).toBe(1)
    } finally {
      delete real.ddcliViewTest
    }
    // No copy of node:fs's exports into getters: the interop runs on the view's two own properties.
    expect(code).not.toMatch(/__toESM\(require\("(node:)?fs"\)/)
    expect(code).toContain('__proto__: m')
  })

  it('leave a built-in that is a function to the interop, so it can still be called and extended', async () => {
    const {code, exports} = await bundled(`import EventEmitter from 'node:events'
export class Bus extends EventEmitter {}`)
    const bus = new (exports.Bus as new () => {emit: (name: string) => boolean, on: (name: string, f: () => void) => void})()
    let heard = false
    bus.on('x', () => (heard = true))
    bus.emit('x')
    expect(heard).toBe(true)
    expect(code).not.toContain('builtin-view:node:events')
  })
})
