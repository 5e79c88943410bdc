'use strict'
// Writes the V8 code cache of the single executable's oclif.cjs (scripts/exe.mjs): compiles it as src/sea/main.ts
// does, runs a few commands through it (stdout ignored by the parent) so that the functions they need are compiled,
// then saves what V8 has, in bin/launch.js's cache format. Node's binary is the executable's, so V8 accepts it there.
// Usage: node scripts/exe-code-cache.cjs <oclif.cjs> <cache file>
const {readFileSync, writeFileSync} = require('node:fs')
const {Script} = require('node:vm')
const {cacheFile, withCacheChecksums} = require('../bin/launch.js')

const [file, cache] = process.argv.slice(2)
const source = readFileSync(file)
const script = withCacheChecksums(() => new Script(source.toString('utf8'), {filename: 'oclif.cjs'}))
const loaded = {exports: {}}
script.runInThisContext()(loaded.exports, (id) => process.getBuiltinModule(id), loaded, 'oclif.cjs', '.')

async function main() {
  for (const argv of [['--help'], ['auth', 'status'], ['config', 'get', 'site'], ['api', 'list', '--help'], ['completion', 'bash'], ['auth', '--help']]) {
    await loaded.exports.runOclif(argv)
    if (process.exitCode) throw new Error(`exe-code-cache: ddcli ${argv.join(' ')} exited ${process.exitCode}`)
  }
  // One copy of V8's data, checked by its checksum (bin/launch.js cachedDataFor says why).
  writeFileSync(cache, cacheFile(source, withCacheChecksums(() => script.createCachedData()), 1))
  process.exit(0)
}
main().catch((error) => {
  console.error(error)
  process.exit(1)
})
