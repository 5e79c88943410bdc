// Bundles the two start-up paths of ddcli (see README, Development):
// - dist/launch.cjs: the fast launcher (src/launch/entry.ts) with the `call` pipeline, oclif's parser and got, as one
//   classic script that bin/launch.js compiles with V8's code cache (vm.Script cachedData: Node 20 has no compile
//   cache for ES modules). Dynamic imports stay lazy: they load the dist/ ES modules (or packages) on first use.
// - dist/call/run.js, bundled in place (ESM) with got, for `call` when oclif runs it (DEBUG, a terminal's --help).
// Node 20 pays per module file at start-up: got alone is ~60 files, oclif ~100.
import {createHash} from 'node:crypto'
import {copyFileSync, cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {createRequire, isBuiltin} from 'node:module'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {build} from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = path.join(root, 'dist')
const pjson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))

// Packages the fast path loads on every call go into the bundle; any other dynamic import stays a lazy import.
const BUNDLED_DYNAMIC = new Set(['got'])
// ddcli's own modules that every call with a JSON body for a known operation loads (the body check's verdict): in
// the bundle, with its code cache, rather than the first ES modules of the process. Loading them as ES modules
// started Node's ES module loader (resolve, read, compile, no code cache) and cost 4-5 ms of a checked dashboard.
// The schema reader (src/spec/schemas.ts, a few lines) too: an operation with a JSON body and no schema (SubmitMetrics,
// a text/json body) asks it for the schema file it does not have. The checker (src/spec/check.ts) stays lazy: only a
// body the verdict does not call clean needs it.
const BUNDLED_OWN = new Set(['call/validate.js', 'spec/verdicts.js', 'spec/schemas.js'])

// Modules the fast path's dependencies import at load but use only for what a call never does: got's http2, cache
// and dnsCache options; oclif's help classes (for a help flag, and to render errors the launcher renders itself);
// node:readline (oclif reads an argument from stdin with it) and node:fs/promises (oclif's file helpers; it loads
// readline and five more fs modules). Each becomes a stand-in that loads the real module on
// first use (a call, a construction or a property read).
// Node's https, tls, zlib and crypto are read by got at load but needed only for an https URL, a compressed response or
// a diagnostics subscriber: a plain-http call does not compile them (a call to Datadog, over https, loads them as
// Node's own https client would). node:child_process runs keyctl for a credential in the kernel keyring
// (src/credentials/kernel-keyring.ts), which a call with its credentials in env or the config file never reads:
// loading it at start brought in eight more of Node's modules and bindings (dgram, sockets for its IPC).
// oclif's parser loads its error classes, whose rendering (wrap-ansi, clean-stack, indent-string, pretty-print),
// list and spinner helpers (wordwrap, ux/index with cli-spinners and ansi-escapes) and colour detection
// (supports-color, which loads tty) run only when oclif renders an error or help, which the launcher does itself.
const LAZY_MODULES = ['http2-wrapper', 'cacheable-lookup', 'cacheable-request', '@oclif/core/lib/help/index.js', 'node:readline', 'node:fs/promises', 'node:https', 'node:tls', 'node:zlib', 'node:crypto', 'node:child_process',
  'wrap-ansi', 'clean-stack', 'indent-string', 'wordwrap', 'supports-color', '@oclif/core/lib/ux/index.js', '@oclif/core/lib/errors/errors/pretty-print.js']

/**
 * The stand-in module for a lazy one: its default export and named exports read the real module when used. With
 * `name`, the executable's snapshot script: while its snapshot is built, the module that the global
 * Symbol.for('ddcli.snapshot-stand-ins') holds under `name`, if any, answers instead (src/sea/warm-up.ts).
 */
async function lazyModule(specifier, resolveDir, name) {
  const require = createRequire(path.join(resolveDir, 'index.js'))
  const resolved = require.resolve(specifier)
  let names
  try {
    names = Object.keys(require(resolved))
  } catch (error) {
    if (error.code !== 'ERR_REQUIRE_ESM') throw error
    names = Object.keys(await import(pathToFileURL(resolved).href))
  }
  const real = `(real ??= require(${JSON.stringify(`${resolved}?real`)}))`
  return `let real;
const load = () => ${name === undefined ? real : `globalThis[Symbol.for('ddcli.snapshot-stand-ins')]?.[${JSON.stringify(name)}] ?? ${real}`};
const value = () => { const m = load(); return m && m.__esModule ? m.default : m };
function lazy(...args) { return new.target ? Reflect.construct(value(), args) : value().apply(this, args) }
for (const name of ${JSON.stringify(names.filter((name) => name !== 'default' && name !== '__esModule'))}) {
  Object.defineProperty(lazy, name, {enumerable: true, get: () => load()[name]});
}
module.exports = lazy;
`
}

/**
 * The plugin that makes each of `names` a lazy stand-in (lazyModule); `snapshotStandIns`: each can be answered by a
 * stand-in while the executable's snapshot is built.
 */
function lazyModulesFor(names, {snapshotStandIns = false} = {}) {
  return {
    name: 'lazy-modules',
    setup(b) {
      b.onResolve({filter: /.*/}, (args) => {
        if (args.pluginData?.real || args.kind === 'dynamic-import') return undefined
        const file = args.path.startsWith('.') ? path.resolve(args.resolveDir, args.path).replace(/(\/index)?(\.js)?$/, '') : undefined
        const known = names.find((name) => args.path === name || `node:${args.path}` === name || file?.endsWith(`node_modules/${name.replace(/(\/index)?\.js$/, '')}`))
        return known ? {path: known, namespace: 'lazy', pluginData: {resolveDir: args.resolveDir, specifier: args.path}} : undefined
      })
      b.onLoad({filter: /.*/, namespace: 'lazy'}, async (args) => ({resolveDir: args.pluginData.resolveDir, loader: 'js', contents: await lazyModule(args.pluginData.specifier, args.pluginData.resolveDir, snapshotStandIns ? args.path : undefined)}))
      b.onResolve({filter: /\?real$/}, (args) => {
        const real = args.path.replace(/\?real$/, '')
        return isBuiltin(real) ? {path: real, external: true} : {path: real}
      })
    },
  }
}
const lazyModules = lazyModulesFor(LAZY_MODULES)

// `import process from 'node:process'` (got) becomes esbuild's CommonJS interop, which copies every property of
// process into a new object at load (measured: as long as all the rest of got's own code). It is the global.
const processGlobal = {
  name: 'process-global',
  setup(b) {
    b.onResolve({filter: /^(node:)?process$/}, (args) => (args.kind === 'import-statement' ? {path: 'process', namespace: 'process-global'} : undefined))
    b.onLoad({filter: /.*/, namespace: 'process-global'}, () => ({contents: 'export default globalThis.process', loader: 'js'}))
  },
}

/**
 * An esbuild plugin that rewrites one dependency file: each `from` (a string, or a global regex) must occur exactly
 * `count` times (once unless said), or the build fails naming the plugin, since an upgrade changed the code the patch
 * was written for; `prefix` goes before the patched source.
 */
function patchSource(name, file, replacements, prefix = '') {
  return {
    name,
    setup(b) {
      b.onLoad({filter: file}, async (args) => {
        let source = await readFile(args.path, 'utf8')
        for (const {from, to, count = 1} of replacements) {
          const found = typeof from === 'string' ? source.split(from).length - 1 : source.match(from)?.length ?? 0
          if (found !== count) throw new Error(`bundle: expected ${count} of ${from} in ${args.path}, found ${found}; review ${name}`)
          source = typeof from === 'string' ? source.replaceAll(from, to) : source.replace(from, to)
        }
        return {contents: prefix + source, loader: 'js'}
      })
    },
  }
}

// `import fs from 'node:fs'` (or `import * as fs`) in an ES module becomes esbuild's CommonJS interop, which copies
// every export of the built-in into a new object of getters at load: about 100 closures for node:fs, for each of the
// modules that import it. The executable's snapshot holds every one of them, and every run deserialises them (its
// call measured 2.4 to 3.8 ms faster without, in 40 interleaved runs; the npm path, which makes them at load,
// measured no difference). Here such an import gets a view of the module instead: an object whose prototype is the
// module, so every export reads through to it (live, as the interop's getters are), and so does a default import
// (the view itself). A view is not the module: it has none of its keys as its own, it is another object, a write to
// it stays on it, and a re-export of everything in it re-exports nothing; the build fails where a bundle would do
// any of that (viewMisuses). Built-ins that are functions (events, stream, assert: `class X extends EventEmitter`)
// keep the interop, since a view cannot be called; so do those that are objects of their own class (process,
// cluster: event emitters, whose methods would keep their listeners on the view, their `this`).
const requireHere = createRequire(import.meta.url)
const builtinViews = {
  name: 'builtin-views',
  setup(b) {
    b.onResolve({filter: /.*/}, (args) => {
      if (args.kind !== 'import-statement' || !isBuiltin(args.path)) return undefined
      const name = args.path.startsWith('node:') ? args.path : `node:${args.path}`
      const module = requireHere(name)
      return typeof module === 'object' && module !== null && Object.getPrototypeOf(module) === Object.prototype ? {path: name, namespace: 'builtin-view'} : undefined
    })
    b.onLoad({filter: /.*/, namespace: 'builtin-view'}, (args) => ({loader: 'js', contents: `const m = require(${JSON.stringify(args.path)});
module.exports = {__proto__: m, __esModule: true, default: m};
`}))
    // The check reads esbuild's names for the views (require_node_fs, import_node_fs): a bundle with minified names
    // (the executable's snapshot script) is not checked, but its modules are in the launcher's and oclif's bundles.
    b.onEnd((result) => {
      if (b.initialOptions.minifyIdentifiers || result.errors.length > 0) return
      if (!result.outputFiles) throw new Error('builtin-views: the bundle cannot be checked without write: false')
      const found = result.outputFiles.flatMap((file) => viewMisuses(file.text))
      if (found.length > 0) throw new Error(`builtin-views: ${found.slice(0, 5).join('; ')}: a view of the module would answer differently from Node here (see builtinViews in scripts/bundle.mjs)`)
    })
  },
}

/** The names a view answers for itself, not for the module: its own two, and what tells own properties from others. */
const VIEW_OWN = new Set(['default', '__esModule', '__proto__', 'hasOwnProperty', 'propertyIsEnumerable', 'isPrototypeOf', '__defineGetter__', '__defineSetter__'])

/**
 * Where a bundle's code uses a built-in's view as more than a way to its exports: each as `node:fs: <the code>`. The
 * uses allowed, as esbuild writes them: `import_node_fs.name` (a named import, or one through a namespace import)
 * and `import_node_fs.default.name` (through a default import), read or called, never written, deleted or counted,
 * and no name in VIEW_OWN.
 * esbuild gives no nested name the name of a top-level one, so every occurrence of the name in code is the import.
 */
function viewMisuses(code) {
  const suspects = []
  const at = (index) => code.slice(Math.max(0, index - 30), index + 50).replace(/\s+/g, ' ')
  const word = (name) => `(?<![\\w$])(?<!(?<!\\.\\.)\\.)${name.replace(/\$/g, '\\$')}(?![\\w$])`
  for (const {1: wrapper, 2: builtin} of code.matchAll(/([\w$]+) ?= ?__commonJS\(\{\s*"builtin-view:([^"]+)"/g)) {
    for (const call of code.matchAll(new RegExp(`${word(wrapper)}\\(\\)`, 'g'))) {
      const binding = /(?<![\w$.])([\w$]+) ?= ?__toESM\($/.exec(code.slice(Math.max(0, call.index - 200), call.index))?.[1]
      if (binding === undefined || !/^(, ?1)?\)/.test(code.slice(call.index + call[0].length))) {
        suspects.push({builtin, index: call.index})
        continue
      }
      for (const use of code.matchAll(new RegExp(word(binding), 'g'))) {
        const after = code.slice(use.index + binding.length)
        if (after.startsWith(` = __toESM(${wrapper}()`) || after.startsWith(`=__toESM(${wrapper}()`)) continue
        const read = /^(\.default)?(?:\?\.|\.)([\w$]+)/.exec(after)
        const rest = read ? after.slice(read[0].length) : ''
        const written = /^\s*(?:\+\+|--|(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?![=>]))/.test(rest) || /(?:\+\+|--|(?<![\w$])delete)\s*$/.test(code.slice(Math.max(0, use.index - 10), use.index))
        if (!read || VIEW_OWN.has(read[2]) || written) suspects.push({builtin, index: use.index})
      }
    }
  }
  if (suspects.length === 0) return []
  // The same letters in a string or a comment are not the import: only a parse tells them apart.
  const ts = requireHere('typescript')
  const source = ts.createSourceFile('bundle.cjs', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS)
  const names = new Set()
  // Names that are not a use: keys, and the declaration (`var import_node_fs;` in a module that esbuild loads lazily).
  const keyed = [ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.PropertyDeclaration, ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor, ts.SyntaxKind.VariableDeclaration]
  const visit = (node, parent) => {
    if (node.kind === ts.SyntaxKind.Identifier && !(keyed.includes(parent.kind) && parent.name === node) && !(parent.kind === ts.SyntaxKind.BindingElement && parent.propertyName === node)) names.add(node.getStart(source))
    ts.forEachChild(node, (child) => visit(child, node))
  }
  visit(source, source)
  return suspects.filter(({index}) => names.has(index)).map(({builtin, index}) => `${builtin}: ${at(index)}`)
}

// @sindresorhus/is (got's type checks) builds two Intl.ListFormat at load, for assertion messages only: ICU's
// locale data then costs about as much as Node's start-up. In the bundle they are built on first use.
const deferListFormat = patchSource('defer-list-format', /node_modules\/@sindresorhus\/is\/distribution\/index\.js$/,
  [{from: /new Intl\.ListFormat\(/g, to: '__deferredListFormat(', count: 2}],
  'const __deferredListFormat = (...args) => { let format; return {format: (list) => (format ??= new Intl.ListFormat(...args)).format(list)} };\n')

// oclif's logger creates its `debug` loggers at load, and debug loads tty and supports-color to colour them. The fast
// path never runs with DEBUG set (src/launch/main.ts hands those runs to oclif), so every logger there is off:
// debug's own answer for an unset DEBUG, without loading it.
const debugOff = {
  name: 'debug-off',
  setup(b) {
    b.onResolve({filter: /^debug$/}, () => ({path: 'debug', namespace: 'debug-off'}))
    b.onLoad({filter: /.*/, namespace: 'debug-off'}, () => ({loader: 'js', contents: `const off = (namespace) => Object.assign(() => {}, {namespace, enabled: false, extend: (name, delimiter = ':') => off(namespace + delimiter + name)});
module.exports = Object.assign(off, {enable() {}, disable: () => '', enabled: () => false});
`}))
  },
}

// got's request options name tls.checkServerIdentity on every request, https or not, which would load tls (and crypto)
// for a plain-http call. In the bundle the name is a function that reads tls when a certificate is checked.
const deferCheckServerIdentity = patchSource('defer-check-server-identity', /node_modules\/got\/dist\/source\/core\/options\.js$/, [{
  from: "import { checkServerIdentity } from 'node:tls';",
  to: "import * as tls from 'node:tls';\nconst checkServerIdentity = (hostname, cert) => tls.checkServerIdentity(hostname, cert);",
}])

// got gives every request a crypto.randomUUID() for its diagnostics_channel messages, and node:crypto costs about 5 ms
// to load. Nothing in a ddcli process subscribes to got's channels, so in the bundle an id is random only when
// something does; otherwise it is a counter nobody reads.
const deferRequestId = patchSource('defer-request-id', /node_modules\/got\/dist\/source\/core\/diagnostics-channel\.js$/, [
  {from: 'return randomUUID();', to: 'return Object.values(channels).some((channel) => channel.hasSubscribers) ? randomUUID() : `got-request-${++requestCount}`;'},
  {from: 'const channels = {', to: 'let requestCount = 0;\nconst channels = {'},
])

/** Marks dynamic imports external, rewritten relative to dist/ (where the launcher's import function resolves them). */
const lazyImports = {
  name: 'lazy-imports',
  setup(b) {
    b.onResolve({filter: /.*/}, (args) => {
      if (args.kind !== 'dynamic-import' || BUNDLED_DYNAMIC.has(args.path)) return undefined
      if (!args.path.startsWith('.')) return {path: args.path, external: true}
      const target = path.relative(dist, path.resolve(args.resolveDir, args.path)).split(path.sep).join('/')
      return BUNDLED_OWN.has(target) ? undefined : {path: `./${target}`, external: true}
    })
  },
}

/**
 * A module of dist/spec/ that finds its data files beside itself (import.meta.url): `verdicts` (src/spec/verdicts.ts)
 * or `schemas` (src/spec/schemas.ts). Bundled into a file in `outDir`, that URL is the bundle's: this patch makes it
 * the module's own place again, relative to the bundle's.
 */
function specInPlace(name, outDir) {
  const own = path.relative(outDir, path.join(dist, 'spec', `${name}.js`)).split(path.sep).join('/')
  return patchSource(`${name}-in-place`, new RegExp(`dist/spec/${name}\\.js$`), [{from: 'import.meta.url', to: `new URL(${JSON.stringify(own.startsWith('.') ? own : `./${own}`)}, import.meta.url).href`}])
}

/** What `--version` and `--help` need without oclif: compiled into the launcher's bundles and the executable's. */
const table = {
  name: pjson.name,
  version: pjson.version,
  helpFlags: [...new Set([...(pjson.oclif.additionalHelpFlags ?? []), '--help'])],
  versionFlags: [...new Set(['--version', ...(pjson.oclif.additionalVersionFlags ?? [])])],
}
/** The esbuild options of a classic script with every import inside it: the fast path's and the executable's. */
const SCRIPT_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  keepNames: true,
  // Whitespace and syntax only (names stay, and keepNames keeps function and class names): 955 -> 666 KB to read,
  // a smaller code cache to deserialize; about 3 ms of a call. Only runs without DEBUG take this path, and only
  // DEBUG prints a stack, so nobody reads this code in a trace.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  logLevel: 'warning',
  // oclif requires typescript only to run a CLI's .ts sources (ts-node), never from these scripts.
  external: ['typescript'],
}

/** Bundles one fast-path entry into dist/<name>.cjs, a function expression that bin/launch.js compiles and calls. */
async function bundleScript(name, entry) {
  const outfile = path.join(dist, `${name}.cjs`)
  const result = await build({
    entryPoints: [entry],
    write: false,
    outfile,
    ...SCRIPT_OPTIONS,
    define: {__DDCLI_LAUNCH_TABLE__: JSON.stringify(table), 'import.meta.url': '__ddcliImportMeta.url'},
    plugins: [lazyImports, lazyModules, deferListFormat, processGlobal, builtinViews, debugOff, deferCheckServerIdentity, deferRequestId, specInPlace('verdicts', dist), specInPlace('schemas', dist)],
  })
  let code = result.outputFiles[0].text
  let imports = 0
  // A classic script cannot import(): every import() calls the launcher's import function instead.
  code = code.replace(/(?<![\w$."'`])import\(/g, () => {
    imports++
    return '__ddcliImport('
  })
  // One non-ASCII character (a raw CSI in ansis's regex) made V8 hold the whole bundle as a two-byte string: slower
  // to read and twice the memory. \u escapes mean the same in strings, templates, regexes, identifiers and comments.
  if (/String\.raw`[^`]*[^\0-\x7f]/.test(code)) throw new Error(`bundle: dist/${name}.cjs has a String.raw template with non-ASCII text, where a \\u escape would change the text; review the ASCII escaping`)
  code = code.replace(/[^\0-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
  // The first line names this build (bin/launch.js keys the code cache by it; V8 itself checks only the length).
  const id = createHash('sha256').update(code).digest('hex').slice(0, 16)
  writeFileSync(outfile, `// ddcli-build ${id}
(function (exports, require, module, __filename, __dirname, __ddcliImport) {
var __ddcliImportMeta = {get url() { return require('node:url').pathToFileURL(__filename).href }};
${code}
})`)
  console.log(`dist/${name}.cjs: bundled (${Math.round(code.length / 1024)} KB, ${imports} import() calls)`)
}

export {BUNDLED_DYNAMIC, LAZY_MODULES, SCRIPT_OPTIONS, builtinViews, table as launchTable, lazyModulesFor, debugOff, deferCheckServerIdentity, deferListFormat, deferRequestId, lazyModule, patchSource, processGlobal}

// Run as a script (npm run build); scripts/exe.mjs imports the plugins above without building these bundles.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {

// The request body schemas (src/spec/schemas/<version>/<operationId>.json) are data tsc does not copy: each is read
// beside dist/spec/schemas.js, by the one call that needs it.
cpSync(path.join(root, 'src', 'spec', 'schemas'), path.join(dist, 'spec', 'schemas'), {recursive: true})

// The previous builds' code caches go first: a build that stops before scripts/code-cache.mjs leaves none.
for (const file of readdirSync(dist)) if (file.endsWith('.cache')) rmSync(path.join(dist, file))
await bundleScript('launch', path.join(dist, 'launch', 'entry.js'))
await bundleScript('launch-call', path.join(dist, 'launch', 'call.js'))

const entry = path.join(dist, 'call', 'run.js')
// tsc's run.js, kept for scripts/exe.mjs: the single executable bundles every module itself, patches included.
copyFileSync(entry, path.join(dist, 'call', 'run.unbundled.js'))
const out = `${entry}.bundle.tmp`
await build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'eof',
  // Loaded from node_modules only when used: a proxy variable is set, a profile refers to the OS keychain, or --jq
  // is given (jq-wasm also loads its .wasm file beside its own module).
  external: ['https-proxy-agent', '@napi-rs/keyring', 'jq-wasm'],
  // The verdict and schema readers find their files beside dist/spec/, as in dist/launch-call.cjs.
  plugins: [specInPlace('verdicts', path.join(dist, 'call')), specInPlace('schemas', path.join(dist, 'call'))],
  logLevel: 'warning',
  // CommonJS dependencies inside the bundle call require() for node built-ins.
  banner: {js: "import {createRequire as __ddcliCreateRequire} from 'node:module'; const require = __ddcliCreateRequire(import.meta.url);"},
})
renameSync(out, entry)
console.log('dist/call/run.js: bundled')
}
