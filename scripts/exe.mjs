// Builds the single executable: dist/exe/ddcli-<platform>-<arch>, a copy of this Node binary with a Node SEA blob
// injected by postject (README, "One file"). Usage: node scripts/exe.mjs [--no-snapshot] [--out file]  (after npm
// run build; `npm run build:exe` runs both). --no-snapshot builds the same program without the start-up snapshot and
// without the code cache (test/e2e/exe.test.ts checks that such a build says so with DEBUG).
//
// What the blob holds:
// - main: dist/exe/snapshot.cjs, src/sea/main.ts bundled with the fast path (launcher, call, got, oclif's parser).
//   With useSnapshot the blob holds the V8 heap this script leaves after one whole call (src/sea/warm-up.ts): its
//   modules evaluated and what the call ran compiled; its source too, which every run deserialises with the rest.
//   Node's networking (node:http and what it loads) is a lazy stand-in, loaded at run time: its bindings cannot be in
//   a snapshot.
// - assets: oclif.cjs (src/sea/oclif.ts: oclif with every command, hook and the help class) and oclif.cache (its V8
//   code cache, taken after a warm-up), launch-help.json (the piped help texts), oclif.manifest.json, jq-wasm.cjs and
//   jq.wasm (for the jq worker), keyring.node (@napi-rs/keyring's native file, see src/sea/keyring.ts), schemas.pack
//   (the request body schemas, see src/sea/schemas.ts).
// Files of the package a run reads (package.json, oclif.manifest.json) are compiled into oclif.cjs, package.json into
// the snapshot's script too, which reads the manifest from its asset (src/sea/files.ts); the few modules that look
// for them on disk are patched to read them from there.
import {spawn, spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {createRequire, isBuiltin} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {build} from 'esbuild'
import {LAZY_MODULES, SCRIPT_OPTIONS, debugOff, launchTable, deferCheckServerIdentity, deferListFormat, deferRequestId, lazyModulesFor, patchSource, processGlobal, builtinViews} from './bundle.mjs'
import {STAMP} from './build-stamp.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = path.join(root, 'dist')
const require = createRequire(import.meta.url)
const {values} = parseArgs({options: {'no-snapshot': {type: 'boolean', default: false}, out: {type: 'string'}}})
const snapshot = !values['no-snapshot']
const target = `${process.platform}-${process.arch}`
const out = path.resolve(values.out ?? path.join(dist, 'exe', `ddcli-${target}`))
const work = path.join(dist, 'exe', snapshot ? 'work' : 'work-no-snapshot')
const SEA_ROOT = '/ddcli-sea'

/** The SEA fuse of Node's binary (postject flips it), as Node's documentation names it. */
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'

// SEA assets and useSnapshot came in Node 20.12, process.getBuiltinModule (how the executable reads node:sea and
// gives its scripts Node's modules) in 20.16.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major === 20 && minor < 16) throw new Error(`exe: Node ${process.version} cannot build the executable: use Node 20.16 or newer`)
for (const file of ['launch-help.json', 'sea/main.js', 'sea/oclif.js', 'sea/schemas.js']) {
  try {
    statSync(path.join(dist, file))
  } catch {
    throw new Error(`exe: dist/${file} is missing: run npm run build first (or npm run build:exe)`)
  }
}
rmSync(work, {recursive: true, force: true})
mkdirSync(work, {recursive: true})

const pjsonText = readFileSync(path.join(root, 'package.json'), 'utf8')
const pjson = JSON.parse(pjsonText)
const manifestText = readFileSync(path.join(root, 'oclif.manifest.json'), 'utf8')
const manifest = JSON.parse(manifestText)
const seaFiles = {[`${SEA_ROOT}/package.json`]: pjsonText, [`${SEA_ROOT}/oclif.manifest.json`]: manifestText}
const files = path.join(dist, 'sea', 'files.js')

// ddcli's own modules that read a file of the package folder or load a package by path: each reads the
// executable's copy instead. A change to the code patched fails the build (patchSource counts every match).
const ownPatches = [
  // The version (user agent, --version through oclif): package.json, found upwards from the module.
  patchSource('sea-version', /dist\/version\.js$/, [{
    from: "JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))",
    to: `JSON.parse(require(${JSON.stringify(files)}).seaFile(join(dir, 'package.json')) ?? readFileSync(join(dir, 'package.json'), 'utf8'))`,
  }]),
  // Every command's flags for did-you-mean: the manifest beside bin/run.js, which the executable does not have.
  patchSource('sea-manifest-flags', /dist\/runtime\.js$/, [{
    from: "JSON.parse(readFileSync(join(dirname(launcher), '..', 'oclif.manifest.json'), 'utf8'))",
    to: `JSON.parse(require(${JSON.stringify(files)}).seaFile(${JSON.stringify(`${SEA_ROOT}/oclif.manifest.json`)}) ?? readFileSync(join(dirname(launcher), '..', 'oclif.manifest.json'), 'utf8'))`,
  }]),
  // The jq worker: jq-wasm's code and jq.wasm come from assets, not from node_modules.
  patchSource('sea-jq', /dist\/jq\/engine\.js$/, [{
    from: "const workerData = { jqWasm: require.resolve('jq-wasm'), wasmFile: require.resolve('jq-wasm/jq.wasm'), control: control.buffer, env: { ...env }, input: inputPort, heapPages };",
    to: "const workerData = { ...(await import('../sea/jq.js')).seaJqWorkerData(), control: control.buffer, env: { ...env }, input: inputPort, heapPages };",
  }, {from: 'const require = createRequire(import.meta.url);', to: ''}]),
  // The request body schemas: from the schemas.pack asset (src/sea/schemas.ts), not from files beside the module.
  patchSource('sea-schemas', /dist\/spec\/schemas\.js$/, [{
    from: "bytes = readRegular(fileURLToPath(new URL(`./${version}/${operationId}.json`, dir ?? new URL('./schemas/', import.meta.url))));",
    to: `bytes = Buffer.from(require(${JSON.stringify(path.join(dist, 'sea', 'schemas.js'))}).seaSchemaText(version, operationId));`,
  }]),
  // The verdict functions (dist/spec/verdicts, see src/spec/verdicts.ts) are not packed: the executable judges a
  // body with the checker alone, which gives the same answers (test/spec/verdict.test.ts), in a few more milliseconds.
  patchSource('sea-verdicts', /dist\/spec\/verdicts\.js$/, [{
    from: "const base = dir ?? new URL('./verdicts/', import.meta.url);",
    // readVerdict's answer for no verdict (src/spec/verdicts.ts).
    to: 'return {};',
  }]),
  // The keychain's native module: written from its asset to a private folder and loaded from there.
  patchSource('sea-keyring', /dist\/credentials\/keychain\.js$/, [{
    from: "createRequire(import.meta.url)('@napi-rs/keyring')",
    to: `require(${JSON.stringify(path.join(dist, 'sea', 'keyring.js'))}).loadSeaKeyring()`,
  }]),
]

// oclif reads its root's manifest with readJson, and loads commands, hooks and the help class by path: in the
// executable the manifest is a compiled-in file and the modules come from the bundle (src/sea/module-loader.ts).
const oclifPatches = [
  patchSource('sea-oclif-read-json', /node_modules\/@oclif\/core\/lib\/util\/fs\.js$/, [{
    from: "const contents = await (0, promises_1.readFile)(path, 'utf8');",
    to: `const contents = require(${JSON.stringify(files)}).seaFile(path) ?? await (0, promises_1.readFile)(path, 'utf8');`,
  }]),
  {
    name: 'sea-oclif-module-loader',
    setup(b) {
      b.onResolve({filter: /module-loader$/}, (args) => (args.importer.includes(`${path.sep}@oclif${path.sep}core${path.sep}`) ? {path: path.join(dist, 'sea', 'module-loader.js')} : undefined))
    },
  },
]

// dist/call/run.js is a bundle of its own (scripts/bundle.mjs) with copies of modules patched here: tsc's run.js instead.
const unbundledCall = {
  name: 'sea-unbundled-call',
  setup(b) {
    b.onResolve({filter: /\/call\/run\.js$/}, (args) => {
      const file = path.resolve(args.resolveDir, args.path)
      return file === path.join(dist, 'call', 'run.js') ? {path: path.join(dist, 'call', 'run.unbundled.js')} : undefined
    })
  },
}

// A classic script has no import(): import() of a Node built-in becomes a require() of it, made when the import runs.
const builtinImports = {
  name: 'sea-builtin-imports',
  setup(b) {
    b.onResolve({filter: /.*/}, (args) => (args.kind === 'dynamic-import' && isBuiltin(args.path) ? {path: args.path, namespace: 'sea-builtin'} : undefined))
    b.onLoad({filter: /.*/, namespace: 'sea-builtin'}, (args) => ({loader: 'js', resolveDir: root, contents: `module.exports = require(${JSON.stringify(args.path)})`}))
  },
}


/** Bundles `entry` into one CommonJS script at `outfile` with every import inside it; returns its text. */
async function bundle(entry, outfile, {files, lazy, snapshotStandIns = false, minifyIdentifiers = false, plugins = [], wrap}) {
  const result = await build({
    entryPoints: [entry],
    write: false,
    outfile,
    ...SCRIPT_OPTIONS,
    minifyIdentifiers,
    define: {
      __DDCLI_LAUNCH_TABLE__: JSON.stringify(launchTable),
      __DDCLI_SEA_FILES__: JSON.stringify(files),
      'import.meta.url': '__ddcliImportMeta.url',
    },
    banner: {js: `var __ddcliImportMeta = {url: ${JSON.stringify(`file://${SEA_ROOT}/dist/index.js`)}};`},
    plugins: [unbundledCall, ...ownPatches, builtinImports, lazyModulesFor(lazy, {snapshotStandIns}), deferListFormat, processGlobal, builtinViews, deferCheckServerIdentity, deferRequestId, ...plugins],
  })
  let code = result.outputFiles[0].text
  // A schema read beside the module finds no file in the executable, so every body would go unchecked, silently.
  if (code.includes("new URL('./schemas/'")) throw new Error(`exe: ${path.basename(outfile)} reads the request body schemas from files: review sea-schemas`)
  // A classic script has no import(): every module is inside the bundle, save what only ts-node would load.
  const imports = code.match(/(?<![\w$."'`])import\(/g)?.length ?? 0
  code = code.replace(/[^\0-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
  if (wrap) code = `(function (exports, require, module, __filename, __dirname) {\n${code}\n})`
  writeFileSync(outfile, code)
  console.log(`${path.relative(root, outfile)}: ${Math.round(code.length / 1024)} KB, ${imports} import() left`)
  return code
}

// The snapshot's script: what every run evaluates. Node's networking and worker threads are read on first use.
const snapshotFile = path.join(work, 'snapshot.cjs')
await bundle(path.join(dist, 'sea', 'main.js'), snapshotFile, {
  // The manifest is read from its asset (src/sea/files.ts): only a mistyped flag needs it here.
  files: {[`${SEA_ROOT}/package.json`]: pjsonText},
  lazy: [...LAZY_MODULES, 'node:http', 'node:net', 'node:dns', 'node:worker_threads', 'node:vm', 'node:tty'],
  snapshotStandIns: true,
  // Its source lives in the snapshot, and every run deserialises it (with the names V8 keeps of its scopes): short
  // local names cut the script from 1293 to 995 KB. keepNames (SCRIPT_OPTIONS) still gives functions and classes
  // their own names, and a DEBUG run, the only one that prints a stack, goes through oclif.cjs, which keeps them all.
  minifyIdentifiers: true,
  plugins: [debugOff],
})

// The oclif script: every command, hook and the help class, registered by their paths under the root.
const modules = new Set([
  ...Object.values(manifest.commands).map((command) => command.relativePath.join('/')),
  ...Object.values(pjson.oclif.hooks ?? {}).flat().map((hook) => (typeof hook === 'string' ? hook : hook.target).replace(/^\.\//, '')),
  pjson.oclif.helpClass.replace(/^\.\//, ''),
])
// In the work folder, not in dist/: a build stopped here (Ctrl-C) must not leave a file in dist/ that the last
// `npm run build` did not write, which would make the end-to-end tests refuse the build.
const oclifEntry = path.join(work, 'oclif-entry.generated.js')
const fromDist = (file) => JSON.stringify(path.join(dist, file))
writeFileSync(oclifEntry, `// Generated by scripts/exe.mjs: the modules oclif loads by path in the single executable.
import {registerModules} from ${fromDist('sea/module-loader.js')}
export {runOclif} from ${fromDist('sea/oclif.js')}
registerModules({
${[...modules].sort().map((file) => `  ${JSON.stringify(file)}: () => import(${fromDist(file.replace(/^dist\//, ''))}),`).join('\n')}
})
`)
const oclifFile = path.join(work, 'oclif.cjs')
await bundle(oclifEntry, oclifFile, {files: seaFiles, lazy: [], plugins: oclifPatches, wrap: true})

const cacheFileName = path.join(work, 'oclif.cache')
if (snapshot) await warmCodeCache(oclifFile, cacheFileName)

/** Runs oclif.cjs on a few commands in a child node, then writes its V8 code cache (bin/launch.js's format). */
async function warmCodeCache(script, cache) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./exe-code-cache.cjs', import.meta.url)), script, cache], {
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, DDCLI_CONFIG_DIR: path.join(work, 'config'), DDCLI_STORAGE: 'file'},
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const code = await new Promise((resolve, reject) => child.on('error', reject).on('close', resolve))
  if (code !== 0) throw new Error(`exe: the code cache warm-up exited ${code}`)
}

// The pack's format is src/sea/schemas.ts's, which reads it.
const {packSchemas} = await import('../dist/sea/schemas.js')
const assets = {
  'launch-help.json': path.join(dist, 'launch-help.json'),
  'oclif.manifest.json': path.join(root, 'oclif.manifest.json'),
  'oclif.cjs': oclifFile,
  ...(snapshot && {'oclif.cache': cacheFileName}),
  'jq-wasm.cjs': require.resolve('jq-wasm'),
  'jq.wasm': require.resolve('jq-wasm/jq.wasm'),
  'keyring.node': keyringNode(),
  'schemas.pack': schemaPack(),
}

/**
 * Every request body schema (dist/spec/schemas/<version>/<operationId>.json) in one asset, read by src/sea/schemas.ts:
 * a JSON index of `version/operationId` to [offset, length], a line break, then each file deflated on its own.
 */
function schemaPack() {
  const dir = path.join(dist, 'spec', 'schemas')
  const files = []
  for (const version of readdirSync(dir).sort()) {
    for (const name of readdirSync(path.join(dir, version)).sort()) {
      if (name.endsWith('.json')) files.push([`${version}/${name.slice(0, -'.json'.length)}`, readFileSync(path.join(dir, version, name))])
    }
  }
  if (files.length === 0) throw new Error(`exe: ${path.relative(root, dir)} holds no schema: run npm run build first`)
  const file = path.join(work, 'schemas.pack')
  writeFileSync(file, packSchemas(files))
  console.log(`${path.relative(root, file)}: ${files.length} schemas, ${Math.round(statSync(file).size / 1024)} KB`)
  return file
}

/** @napi-rs/keyring's native file for this platform (the package that its index.js would load). */
function keyringNode() {
  const base = path.dirname(require.resolve('@napi-rs/keyring/package.json'))
  const libc = process.platform === 'linux' ? '-gnu' : ''
  const name = `keyring-${target}${libc}`
  return createRequire(path.join(base, 'index.js')).resolve(`@napi-rs/${name}/keyring.${target}${libc}.node`)
}

const blob = path.join(work, 'sea-prep.blob')
const seaConfig = path.join(work, 'sea-config.json')
writeFileSync(seaConfig, JSON.stringify({main: snapshotFile, output: blob, disableExperimentalSEAWarning: true, useSnapshot: snapshot, useCodeCache: false, assets}, null, 2))
await run(process.execPath, ['--experimental-sea-config', seaConfig])

// The executable: this Node binary with the blob injected. postject (pinned in package.json) is what Node's own
// documentation uses: it only writes the blob into a note (ELF) or section and flips the fuse, on any platform.
mkdirSync(path.dirname(out), {recursive: true})
const temporary = `${out}.tmp`
copyFileSync(process.execPath, temporary)
chmodSync(temporary, 0o755)
// Node's Linux binary carries its symbols and debug info (12.6 of its 94 MB for 20.20.2): only a debugger or a native
// crash trace reads them. strip (binutils) leaves them out when it is installed; the executable runs the same.
const stripped = process.platform === 'linux' && spawnSync('strip', ['--strip-all', temporary], {stdio: 'inherit'}).status === 0
if (!stripped) console.log('exe: strip (binutils) not available or failed: the executable keeps Node\'s symbols')
const {inject} = require('postject')
await inject(temporary, 'NODE_SEA_BLOB', readFileSync(blob), {sentinelFuse: FUSE, machoSegmentName: process.platform === 'darwin' ? 'NODE_SEA' : undefined})
renameSync(temporary, out)

// What the executable was built from: test/helpers/exe.ts refuses one older than the build.
const buildStamp = createHash('sha256').update(readFileSync(path.join(root, STAMP))).digest('hex')
writeFileSync(`${out}.json`, `${JSON.stringify({buildStamp, snapshot, stripped, node: process.version, size: statSync(out).size}, null, 2)}\n`)
console.log(`${path.relative(root, out)}: ${(statSync(out).size / 1024 / 1024).toFixed(1)} MB (Node ${process.version} ${Math.round(statSync(process.execPath).size / 1024 / 1024)} MB, blob ${Math.round(statSync(blob).size / 1024 / 1024 * 10) / 10} MB)`)

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {stdio: ['ignore', 'inherit', 'inherit']})
    child.on('error', reject).on('close', (code) => (code === 0 ? resolve() : reject(new Error(`exe: ${command} ${args.join(' ')} exited ${code}`))))
  })
}
