// Bundles the `call` path (dist/call/run.js with got and its dependencies) into one file, in place.
// Node 20 pays per ES module file at start-up: got alone is ~60 files and ~150 ms to import; one file is ~40 ms.
import {renameSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const entry = fileURLToPath(new URL('../dist/call/run.js', import.meta.url))
const out = `${entry}.bundle.tmp`
await build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'eof',
  logLevel: 'warning',
  // jq-wasm loads its .wasm file beside its own module: it stays a package, imported only with --jq.
  external: ['jq-wasm'],
  // CommonJS dependencies inside the bundle call require() for node built-ins.
  banner: {js: "import {createRequire as __ddcliCreateRequire} from 'node:module'; const require = __ddcliCreateRequire(import.meta.url);"},
})
renameSync(out, entry)
console.log('dist/call/run.js: bundled')
