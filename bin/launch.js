// The fast launcher's loader: compiles the bundles dist/launch.cjs (dispatch, --version, piped --help) and
// dist/launch-call.cjs (`call`) with the V8 code cache the build wrote for this Node version
// (scripts/code-cache.mjs), then runs argv on the fast path. Without the bundles, oclif runs everything.
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Script} from 'node:vm'

const dist = new URL('../dist/', import.meta.url)
const load = (specifier) => import(specifier.startsWith('.') ? new URL(specifier, dist).href : specifier)

/** Where a bundle's code cache lives: one per Node version and architecture (V8 rejects any other). */
export const cachePath = (name) => fileURLToPath(new URL(`${name}-${process.version}-${process.arch}.cache`, dist))

/** Compiled bundles by name, so the build can take their code caches after a warm-up run. */
export const scripts = new Map()

/** Compiles and evaluates dist/<name>.cjs (a function expression, see scripts/bundle.mjs); returns its exports. */
export function loadScript(name) {
  const filename = fileURLToPath(new URL(`${name}.cjs`, dist))
  const source = readFileSync(filename, 'utf8')
  let cachedData
  try {
    cachedData = readFileSync(cachePath(name))
  } catch {
    // No cache for this Node version: V8 compiles from source.
  }
  const script = new Script(source, {filename, cachedData})
  scripts.set(name, script)
  const module = {exports: {}}
  script.runInThisContext()(module.exports, createRequire(filename), module, filename, dirname(filename), load)
  return module.exports
}

/** Runs argv on the fast path; false when oclif must run it (or when there is no bundle). */
export async function launchFast(argv) {
  let launch
  try {
    launch = loadScript('launch')
  } catch (error) {
    if (error.code === 'ENOENT') return false
    throw error
  }
  return launch.launchFast(argv, {helpFile: fileURLToPath(new URL('launch-help.json', dist)), loadScript})
}
