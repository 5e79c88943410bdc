// Writes dist/spec/verdicts/<version>/<operationId>.verdict for every request body schema in dist/spec/schemas: the
// operation's verdict function (src/spec/verdict-source.ts) minified, with V8's code cache of all its functions, which
// src/spec/verdicts.ts reads. A cold process compiling a dashboard's 200 KB of checks from source spent as long as the
// checker; from the cache it spends about 2 ms. The cache is for this Node version: with another, V8 rejects it and
// the source is compiled (same answers, slower).
// Format: see src/spec/verdicts.ts (verdictFile, verdictLink).
// Usage: node scripts/verdicts.mjs   (after tsc and scripts/bundle.mjs, which copies the schemas into dist/)
import {mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Script} from 'node:vm'
import launch from '../bin/launch.js'
import {minifyVerdict} from './verdict-minify.mjs'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const {verdictSource} = await import(path.join(dist, 'spec', 'verdict-source.js'))
const {verdictFile, verdictLink} = await import(path.join(dist, 'spec', 'verdicts.js'))

const schemas = path.join(dist, 'spec', 'schemas')
const out = path.join(dist, 'spec', 'verdicts')
rmSync(out, {recursive: true, force: true})
// Operations with the same body schema (CreateDashboard and UpdateDashboard) share one file: the others' files
// name it (VERDICT_LINK). Only verdicts above CACHE_FROM bytes of source get a code cache: a smaller one compiles
// from source in well under a millisecond, and the caches would double the package for nothing.
const CACHE_FROM = 16 * 1024
const written = new Map()
let count = 0
let bytes = 0
let cached = 0
for (const version of readdirSync(schemas).sort()) {
  mkdirSync(path.join(out, version), {recursive: true})
  for (const name of readdirSync(path.join(schemas, version)).sort()) {
    const file = JSON.parse(readFileSync(path.join(schemas, version, name), 'utf8'))
    // ASCII only, which src/spec/verdicts.ts reads as Latin-1: one byte per character, no decoding.
    const source = minifyVerdict(verdictSource(file), `${version}/${name}`)
    const key = `${version}/${name.replace(/\.json$/, '')}`
    const target = path.join(out, `${key}.verdict`)
    count++
    if (written.has(source)) {
      writeFileSync(target, verdictLink(key, written.get(source)))
      bytes += statSync(target).size
      continue
    }
    written.set(source, key)
    let data = Buffer.alloc(0)
    if (source.length > CACHE_FROM) {
      // Checksums on, as src/spec/verdicts.ts reads it (bin/launch.js says why).
      data = launch.withCacheChecksums(() => {
        const script = new Script(source, {filename: target})
        const verdict = script.runInThisContext()()
        // Compile every node's function (each returns at once past the depth limit), so the cache holds them all.
        for (const node of verdict.nodes) node(undefined, Infinity, false)
        return script.createCachedData()
      })
      cached++
    }
    writeFileSync(target, verdictFile(key, Buffer.from(source, 'latin1'), data))
    bytes += statSync(target).size
  }
}
console.log(`dist/spec/verdicts: ${count} verdict functions (${written.size} distinct, ${cached} with a code cache), ${(bytes / 1024 / 1024).toFixed(1)} MB`)
