'use strict'
// The fast launcher's loader: compiles the bundles dist/launch.cjs (dispatch, --version, piped --help) and
// dist/launch-call.cjs (`call`) with the V8 code cache the build wrote for this Node version
// (scripts/code-cache.mjs), then runs argv on the fast path. Without a bundle that loads, oclif runs everything.
const {readFileSync} = require('node:fs')
const {dirname, join} = require('node:path')
const {pathToFileURL} = require('node:url')
const {Script} = require('node:vm')

const dist = join(__dirname, '..', 'dist')
/** The bundles' import(): relative specifiers are dist/ ES modules, loaded on first use. */
const load = (specifier) => import(specifier.startsWith('.') ? pathToFileURL(join(dist, specifier)).href : specifier)

/** The build id on a bundle's first line (scripts/bundle.mjs): a hash of its code. */
const buildId = (source) => /^\/\/ ddcli-build ([0-9a-f]+)\n/.exec(source)?.[1]

/**
 * Where a bundle's code cache lives: one per bundle build, Node version and architecture. V8 checks only the
 * source's length and its own version and flags before it uses a cache, so a cache keyed by name alone would run
 * the previous build's code after any rebuild that kept the length (a version bump) but not the cache.
 */
const cachePath = (name, id) => join(dist, `${name}-${id}-${process.version}-${process.arch}.cache`)

/** Compiled bundles by name (with their build id), so the build can take their code caches after a warm-up run. */
const scripts = new Map()

/**
 * Runs `compile` with V8's --verify-snapshot-checksum on. V8 checks a code cache's header (source length, V8 version,
 * flags) but its payload only under that flag, which release builds leave off: a cache damaged on disk past its header
 * (a flipped bit) aborted the process with a native stack trace, or ran altered bytecode. With the flag, V8 writes a
 * checksum into a cache it creates (scripts/code-cache.mjs creates them with this function too) and rejects one whose
 * checksum does not match, so a damaged cache is compiled from source like a missing one (about 0.3 ms for the call
 * bundle's cache). The flag is part of V8's flag hash, which Node's own modules' code caches must match as well: it
 * is on only while our cache is read or written, or every Node module loaded later would compile from source.
 */
function withCacheChecksums(compile) {
  const v8 = require('node:v8')
  v8.setFlagsFromString('--verify-snapshot-checksum')
  try {
    return compile()
  } finally {
    v8.setFlagsFromString('--no-verify-snapshot-checksum')
  }
}

/** Compiles and evaluates dist/<name>.cjs (a function expression, see scripts/bundle.mjs); returns its exports. */
function loadScript(name) {
  const filename = join(dist, `${name}.cjs`)
  const source = readFileSync(filename, 'utf8')
  const id = buildId(source)
  let cachedData
  try {
    // No build id (a bundle from elsewhere): no cache either.
    if (id !== undefined) cachedData = readFileSync(cachePath(name, id))
  } catch {
    // No cache for this build and Node version: V8 compiles from source.
  }
  const script = withCacheChecksums(() => new Script(source, {filename, cachedData}))
  scripts.set(name, {script, id})
  const module = {exports: {}}
  // The bundle requires Node built-ins only (its packages are inside it or loaded by import()): this module's own
  // require resolves them as one made for dist/ would, without loading node:module for createRequire.
  script.runInThisContext()(module.exports, require, module, filename, dirname(filename), load)
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

/**
 * Runs argv on the fast path; false when oclif must run it (or when there is no bundle that loads). A call without a
 * help flag loads only dist/launch-call.cjs, which holds the launcher too; anything else loads the small
 * dist/launch.cjs. Both decide alike, so this choice changes only what is read, never what runs.
 */
async function launchFast(argv) {
  const end = argv.indexOf('--')
  const call = argv[0] === 'call' && !(end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h')
  const launch = tryLoadScript(call ? 'launch-call' : 'launch')
  if (typeof launch?.launchFast !== 'function') return false
  return launch.launchFast(argv, {helpFile: join(dist, 'launch-help.json'), loadScript: tryLoadScript})
}

module.exports = {buildId, cachePath, launchFast, loadScript, scripts, withCacheChecksums}
