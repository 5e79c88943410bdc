import {execute} from '@oclif/core/execute'
import {maskingLogger} from '../debug-logger.js'
import {SEA_ROOT, seaFile} from './files.js'

// The oclif side of the single executable (everything but the fast path), bundled by scripts/exe.mjs into a script
// that src/sea/main.ts compiles with its code cache on first use. Runs exactly what bin/run.js's oclif() runs.

/** Runs argv with oclif, as bin/run.js does, from the executable's own package.json and manifest. */
export async function runOclif(argv: string[]): Promise<void> {
  const pjson = JSON.parse(seaFile(`${SEA_ROOT}/package.json`)!) as object
  // oclif's DEBUG trace prints argv; with DEBUG set, it goes through ddcli's masking logger instead.
  const logger = process.env.DEBUG ? maskingLogger(argv, process.env) : undefined
  // No user or dev plugins, as in bin/run.js (they would run code from the data folder).
  await execute({args: argv, loadOptions: {root: SEA_ROOT, pjson: pjson as never, userPlugins: false, devPlugins: false, ...(logger && {logger})}})
}
