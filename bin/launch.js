// The fast launcher's loader: compiles the bundles dist/launch.cjs (dispatch, --version, piped --help) and
// dist/launch-call.cjs (`call`) with the V8 code cache the build wrote for this Node version
// (scripts/code-cache.mjs), then runs argv on the fast path. Without a bundle that loads, oclif runs everything.
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Script} from 'node:vm'

const dist = new URL('../dist/', import.meta.url)
const load = (specifier) => import(specifier.startsWith('.') ? new URL(specifier, dist).href : specifier)

/** The build id on a bundle's first line (scripts/bundle.mjs): a hash of its code. */
export const buildId = (source) => /^\/\/ ddcli-build ([0-9a-f]+)\n/.exec(source)?.[1]

/**
 * Where a bundle's code cache lives: one per bundle build, Node version and architecture. V8 checks only the
 * source's length and its own version and flags before it uses a cache, so a cache keyed by name alone would run
 * the previous build's code after any rebuild that kept the length (a version bump) but not the cache.
 */
export const cachePath = (name, id) => fileURLToPath(new URL(`${name}-${id}-${process.version}-${process.arch}.cache`, dist))

/** Compiled bundles by name (with their build id), so the build can take their code caches after a warm-up run. */
export const scripts = new Map()

/** Compiles and evaluates dist/<name>.cjs (a function expression, see scripts/bundle.mjs); returns its exports. */
export function loadScript(name) {
  const filename = fileURLToPath(new URL(`${name}.cjs`, dist))
  const source = readFileSync(filename, 'utf8')
  const id = buildId(source)
  let cachedData
  try {
    // No build id (a bundle from elsewhere): no cache either.
    if (id !== undefined) cachedData = readFileSync(cachePath(name, id))
  } catch {
    // No cache for this build and Node version: V8 compiles from source.
  }
  const script = new Script(source, {filename, cachedData})
  scripts.set(name, {script, id})
  const module = {exports: {}}
  script.runInThisContext()(module.exports, createRequire(filename), module, filename, dirname(filename), load)
  return module.exports
}

/** loadScript, or undefined when the bundle is missing, unreadable or broken (a partial build): oclif runs it. */
function tryLoadScript(name) {
  try {
    return loadScript(name)
  } catch {
    return undefined
  }
}

/** Runs argv on the fast path; false when oclif must run it (or when there is no bundle that loads). */
export async function launchFast(argv) {
  const launch = tryLoadScript('launch')
  if (typeof launch?.launchFast !== 'function') return false
  return launch.launchFast(argv, {helpFile: fileURLToPath(new URL('launch-help.json', dist)), loadScript: tryLoadScript})
}
