'use strict'
// The fast launcher's loader: compiles the bundles dist/launch.cjs (dispatch, --version, piped --help) and
// dist/launch-call.cjs (`call`) with the V8 code cache the build wrote for this Node version
// (scripts/code-cache.mjs), then runs argv on the fast path. Without a bundle that loads, oclif runs everything.
const {closeSync, constants, fstatSync, openSync, readFileSync, statSync} = require('node:fs')
const {userInfo} = require('node:os')
const {dirname, isAbsolute, join} = require('node:path')
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

/**
 * A file's bytes, read only when it is a regular file: it is opened without blocking and checked on its descriptor,
 * so a fifo or a link to a device put where a bundle or cache goes is refused at once instead of hanging the run
 * (or never ending) before any signal handler exists.
 */
function readRegular(file) {
  const fd = openRegular(file)
  try {
    return readFileSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * A descriptor of a file that is a regular one: stat first, so that a device is never opened; a non-blocking open;
 * fstat after it, which closes the gap between the two. Throws for anything else (ENOENT as stat throws it).
 */
function openRegular(file) {
  if (!statSync(file).isFile()) throw new Error(`${file} is not a regular file`)
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  if (fstatSync(fd).isFile()) return fd
  closeSync(fd)
  throw new Error(`${file} is not a regular file`)
}

/**
 * A code cache file holds `DDC2`, the bundle's byte length, the length of V8's data, the bundle's own bytes, then
 * V8's data, twice for the bundles. V8 checks only a source's length before it uses a cache, and the build id on the
 * first line says nothing of an edit below it: an edit that kept the length ran the cached (old) code. Comparing the
 * bytes (a memcmp, about 0.1 ms) costs less than hashing them, and a cache is used only for exactly the bundle it was
 * made from. V8 checks its data's header (versions, flags, length) but not the rest: a cache damaged on disk past its
 * header (a flipped bit) aborted the process with a native stack trace, or ran altered bytecode. V8 verifies its own
 * checksum only under --verify-snapshot-checksum (withCacheChecksums), and setting that flag needs node:v8, whose
 * loading cost a call about 2% of its instructions (callgrind). So the bundles' caches hold the data twice, and the
 * copies must be equal: 0.6 MB more to read from the page cache and a memcmp, 0.2 to 1.6 ms more than one copy in
 * five runs in process (median 0.4 ms). The single executable's oclif.cache, an asset Node copies out of the file
 * whole, holds it once and is read with the checksum (node:v8 is in its start-up snapshot already). `copies` is the
 * caller's, never the file's, to say.
 */
const CACHE_MAGIC = 0x32434444
const CACHE_HEADER = 12

/** A cache file's bytes for a bundle's bytes and V8's data (scripts/code-cache.mjs, scripts/exe-code-cache.cjs). */
function cacheFile(source, data, copies = 2) {
  const header = Buffer.alloc(CACHE_HEADER)
  header.writeUInt32LE(CACHE_MAGIC, 0)
  header.writeUInt32LE(source.length, 4)
  header.writeUInt32LE(data.length, 8)
  return Buffer.concat([header, source, ...Array.from({length: copies}, () => data)])
}

/** V8's data in a cache file, when it was made from exactly this bundle and its copies agree; else undefined. */
function cachedDataFor(cache, source, copies = 2) {
  if (cache.length < CACHE_HEADER || cache.readUInt32LE(0) !== CACHE_MAGIC || cache.readUInt32LE(4) !== source.length) return undefined
  const size = cache.readUInt32LE(8)
  const start = CACHE_HEADER + source.length
  if (size === 0 || cache.length !== start + copies * size || !cache.subarray(CACHE_HEADER, start).equals(source)) return undefined
  const data = cache.subarray(start, start + size)
  for (let copy = 1; copy < copies; copy++) {
    if (!data.equals(cache.subarray(start + copy * size, start + (copy + 1) * size))) return undefined
  }
  return data
}

/** Compiled bundles by name (with their build id), so the build can take their code caches after a warm-up run. */
const scripts = new Map()

/**
 * Runs `compile` with V8's --verify-snapshot-checksum on: V8 writes a checksum into a code cache it creates and rejects
 * one whose checksum does not match. The verdict functions' caches (scripts/verdicts.mjs, read by src/spec/verdicts.ts)
 * rely on it; the bundles' caches are checked by their two copies instead (cachedDataFor), which spares each run
 * loading node:v8. The flag is part of V8's flag hash, which Node's own modules' code caches must match as well: it is
 * on only while a cache is read or written, or every Node module loaded later would compile from source.
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
  const bytes = readRegular(filename)
  const source = bytes.toString('utf8')
  const id = buildId(source)
  let cachedData
  try {
    // No build id (a bundle from elsewhere): no cache either.
    if (id !== undefined) cachedData = cachedDataFor(readRegular(cachePath(name, id)), bytes)
  } catch {
    // No cache for this build and Node version, or not a file: V8 compiles from source.
  }
  const script = new Script(source, {filename, cachedData})
  scripts.set(name, {script, id, bytes})
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
  // The bundles send these runs to oclif first thing (src/launch/main.ts): loading one only to hear that cost a DEBUG
  // run the call bundle's read and compile.
  if (process.env.DEBUG || process.env.DDCLI_NO_FAST_PATH) return false
  const end = argv.indexOf('--')
  const call = argv[0] === 'call' && !(end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h')
  const launch = tryLoadScript(call ? 'launch-call' : 'launch')
  if (typeof launch?.launchFast !== 'function') return false
  return launch.launchFast(argv, {helpFile: join(dist, 'launch-help.json'), loadScript: tryLoadScript, readRegular})
}

/**
 * A container user without a passwd entry (docker run --user 1000) and without HOME or SHELL: os.homedir() and
 * os.userInfo() throw, and oclif and its dependencies call them at start-up, so even --version crashed. Such a user
 * gets Debian's /nonexistent as home (no config file is found there; env credentials still work, DDCLI_CONFIG_DIR
 * gives a config file) and /bin/sh as shell. Nothing required above calls them while loading. `names` says which
 * variables to check: the fast path needs only HOME, and a call should not read /etc/passwd for oclif's SHELL.
 */
function ensureUser(names) {
  if (names.every((name) => process.env[name])) return
  try {
    userInfo()
  } catch {
    process.env.HOME ||= '/nonexistent'
    process.env.SHELL ||= '/bin/sh'
  }
}

/**
 * oclif reads a colour theme from <its config dir>/theme.json (ddcli's config folder) before any command runs, with a
 * plain read: a fifo there hung every run, a link to a device never ended, and a file another user could replace
 * was used. Such a theme is left out (DDCLI_DISABLE_THEME, oclif's own switch): it is used only when it is a regular
 * file of this user (or root) that no one else can write, at an absolute path. The file is opened without blocking
 * and checked on its descriptor by bin/launch.js's openRegular, which never opens a device.
 */
function guardTheme(env) {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || '', '.config')
  const dir = env.DDCLI_CONFIG_DIR || join(base, 'ddcli')
  let usable = false
  if (isAbsolute(dir)) {
    let fd
    try {
      fd = openRegular(join(dir, 'theme.json'))
    } catch (error) {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return
    }
    if (fd !== undefined) {
      try {
        const stat = fstatSync(fd)
        const owner = process.getuid === undefined || stat.uid === process.getuid() || stat.uid === 0
        usable = owner && (process.getuid === undefined || (stat.mode & 0o022) === 0)
      } finally {
        closeSync(fd)
      }
    }
  }
  if (!usable) env.DDCLI_DISABLE_THEME = 'true'
}

/**
 * A whole run, as bin/run.js and the single executable (src/sea/main.ts) make it: `fast(argv)` (the fast path: `call`,
 * --version, piped --help), else `oclif(argv)` for everything else and every DEBUG run.
 */
function start(argv, {fast, oclif}) {
  // A run whose work ended without the run settling (a promise nothing resolves) would exit 0 with nothing said; an ES
  // module entry exited 13 there. Either way it is a bug: one line, exit 1.
  let settled = false
  process.on('beforeExit', () => {
    if (settled) return
    settled = true
    process.stderr.write('ddcli: the run stopped before it finished, which is a bug in ddcli; run it again with DEBUG=1 and report what it prints\n')
    process.exitCode = 1
  })
  const main = async () => {
    ensureUser(['HOME'])
    if (await fast(argv)) return
    ensureUser(['HOME', 'SHELL'])
    guardTheme(process.env)
    await oclif(argv)
  }
  main().then(() => {
    settled = true
  }, (error) => {
    // A failure that escaped oclif's and ddcli's own handling (a bug): one line, exit 1; the error itself, which may
    // hold a request's details, only with DEBUG.
    settled = true
    if (process.env.DEBUG) console.error(error)
    else process.stderr.write('ddcli: unexpected internal error, which is a bug in ddcli; run it again with DEBUG=1 and report what it prints\n')
    process.exitCode = 1
  })
}

module.exports = {buildId, cacheFile, cachedDataFor, cachePath, launchFast, loadScript, openRegular, readRegular, scripts, start, withCacheChecksums}
