import {startupSnapshot} from 'node:v8'
import {Script} from 'node:vm'
import {cachedDataFor, start, withCacheChecksums} from '../../bin/launch.js'
import {launchFast} from '../launch/call.js'
import {asset} from './assets.js'
import {warmUpCall} from './warm-up.js'

// The entry of the single executable (scripts/exe.mjs). The build runs this module once and V8 keeps the heap it
// leaves, a start-up snapshot: the fast path (`call`, --version, piped --help) with got and oclif's parser arrives
// evaluated. Nothing here reads the process's argv, env, cwd, stdio or clock at load: that happens in main(), which
// runs in each process after the snapshot is restored. node:http and the rest of Node's networking are loaded by
// the bundle on first use (their bindings cannot be in a snapshot). Everything else (oclif's commands and help) is a
// second script, oclif.cjs, compiled on first use with the code cache the build made for it.

type OclifScript = {runOclif: (argv: string[]) => Promise<void>}

/** With DEBUG, says on stderr that this run compiles code it should have had ready (the build is broken). */
function slowStart(what: string): void {
  if (process.env.DEBUG) process.stderr.write(`ddcli: ${what}; compiling everything from source\n`)
}

/** Compiles and evaluates the oclif.cjs asset with its code cache (oclif.cache). */
function loadOclif(): OclifScript {
  const source = asset('oclif.cjs')
  let cachedData: Buffer | undefined
  try {
    cachedData = cachedDataFor(asset('oclif.cache'), source, 1)
  } catch {
    // No cache asset: compiled from source, and said so below.
  }
  const script = withCacheChecksums(() => new Script(source.toString('utf8'), {filename: 'oclif.cjs', cachedData}))
  if (cachedData === undefined || script.cachedDataRejected) slowStart('the code cache of oclif.cjs is missing or was rejected by V8')
  const module = {exports: {} as OclifScript}
  const requireBuiltin = (id: string): unknown => process.getBuiltinModule(id)
  ;(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireBuiltin, module, 'oclif.cjs', '.')
  return module.exports
}

function main(fromSnapshot: boolean): void {
  if (!fromSnapshot) slowStart('this executable has no start-up snapshot')
  start(process.argv.slice(2), {
    fast: (argv) => launchFast(argv, {helpFile: 'launch-help.json', loadScript: () => undefined, readRegular: asset}),
    oclif: (argv) => loadOclif().runOclif(argv),
  })
}

if (startupSnapshot.isBuildingSnapshot()) {
  // At snapshot build only: a whole call runs once, so that its code is compiled in the snapshot (src/sea/warm-up.ts).
  void warmUpCall()
  startupSnapshot.setDeserializeMainFunction(() => main(true))
} else {
  main(false)
}
