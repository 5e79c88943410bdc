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

/** As the launcher's bundles are minified (scripts/bundle.mjs SCRIPT_OPTIONS): whitespace and syntax, names kept. */
const MINIFIED = {minifyWhitespace: true, minifySyntax: true, keepNames: true}

async function bundled(source: string, options: object = {}): Promise<{code: string, exports: Record<string, unknown>}> {
  const result = await build({stdin: {contents: source, loader: 'js', resolveDir: root, sourcefile: 'entry.mjs'}, bundle: true, write: false, platform: 'node', format: 'cjs', plugins: [builtinViews], logLevel: 'silent', ...options})
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
export const read = fs.readFileSync, readNamed = readFileSync, eol = os.EOL, osDefault = os.default.EOL
export const live = () => os.ddcliViewTest`)
    expect(exports.read).toBe(fs.readFileSync)
    expect(exports.readNamed).toBe(fs.readFileSync)
    expect(exports.eol).toBe(os.EOL)
    // The default import is the view (the interop makes a node-mode default the module's exports): it reads as os.
    expect(exports.osDefault).toBe(os.EOL)
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

  it('leave a built-in that is an event emitter (cluster, process) to the interop, so its listeners stay on it', async () => {
    // A view's `this` is the view: EventEmitter's methods wrote _events and _eventsCount there, and cluster's own emit
    // no longer heard a listener added after one was removed.
    const {code, exports} = await bundled(`import cluster from 'node:cluster'
export const heard = () => {
  let heard = 0
  const once = () => {}
  cluster.on('ddcli-view-a', once)
  cluster.removeListener('ddcli-view-a', once)
  const listener = () => heard++
  cluster.on('ddcli-view-b', listener)
  require('node:cluster').emit('ddcli-view-b')
  cluster.removeListener('ddcli-view-b', listener)
  return heard
}`)
    expect((exports.heard as () => number)()).toBe(1)
    expect(code).not.toContain('builtin-view:node:cluster')
    // process too, where the bundle has no process-global plugin before this one.
    const {code: processCode, exports: processExports} = await bundled(`import process from 'node:process'\nexport const same = process === globalThis.process`)
    expect(processCode).not.toContain('builtin-view:node:process')
    expect(processExports.same).toBe(true)
  })

  // What a view cannot stand for: the module as a value, its own keys, its identity, a write to it, or a re-export of
  // everything in it (esbuild's re-export copies own properties: of a view, none). Each would differ, silently, from
  // Node and from esbuild's interop, so the build refuses it.
  it.each([
    {name: 'a spread default import', source: `import fs from 'node:fs'\nexport const copy = {...fs}`},
    {name: 'the keys of a namespace import', source: `import * as os from 'node:os'\nexport const keys = Object.keys(os)`},
    {name: 'a default import compared', source: `import fs from 'node:fs'\nexport const same = (m) => m === fs`},
    {name: 'a default import passed on', source: `import fs from 'node:fs'\nexport const use = (lib) => lib(fs)`},
    {name: 'an own-property test', source: `import fs from 'node:fs'\nexport const has = Object.hasOwn(fs, 'readFileSync')`},
    {name: 'an own-property test by the method', source: `import * as fs from 'node:fs'\nexport const has = fs.hasOwnProperty('readFileSync')`},
    {name: 'an `in` test', source: `import fs from 'node:fs'\nexport const has = 'readFileSync' in fs`},
    {name: 'a write to a default import', source: `import fs from 'node:fs'\nfs.existsSync = () => true\nexport const x = 1`},
    {name: 'a compound write', source: `import fs from 'node:fs'\nfs.ddcliCount ??= 1\nexport const x = 1`},
    {name: 'an increment', source: `import fs from 'node:fs'\nfs.ddcliCount++\nexport const x = 1`},
    {name: 'a delete', source: `import fs from 'node:fs'\ndelete fs.ddcliCount\nexport const x = 1`},
    {name: 'a computed property', source: `import fs from 'node:fs'\nexport const read = (name) => fs[name]`},
    {name: 'the default of a default import', source: `import fs from 'node:fs'\nexport const inner = fs.default`},
    {name: 'the default of a namespace import', source: `import * as fs from 'node:fs'\nexport const inner = fs.default`},
    {name: 'a re-export of everything', source: `export * from 'node:os'`},
    {name: 'a re-export as a namespace', source: `export * as os from 'node:os'`},
    {name: 'a re-export of the default', source: `export {default as fs} from 'node:fs'`},
  ])('refuse to build $name, which a view would answer differently from Node', async ({source}) => {
    for (const options of [{}, MINIFIED]) {
      await expect(bundled(source, options)).rejects.toThrow(/builtin-views: .*node:(fs|os)/)
    }
  })

  it('build reads of exports and calls through a default, namespace or named import, minified or not', async () => {
    for (const options of [{}, MINIFIED]) {
      const {exports} = await bundled(`import fs, {existsSync} from 'node:fs'
import * as os from 'node:os'
export {readFileSync} from 'node:fs'
export const eol = os.EOL, exists = fs.existsSync('/'), named = existsSync('/'), optional = fs?.statSync, deep = fs.constants.O_RDONLY
export const same = (a) => a === fs.readFileSync`, options)
      expect(exports).toMatchObject({eol: os.EOL, exists: true, named: true, deep: fs.constants.O_RDONLY})
      expect(exports.readFileSync).toBe(fs.readFileSync)
    }
  })
})
