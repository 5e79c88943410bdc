import {asset} from './assets.js'

// The files a single executable (scripts/exe.mjs) holds instead of a package folder: package.json and
// oclif.manifest.json under a root that is no folder on disk, read by oclif, the version and the flag suggestions.
declare const __DDCLI_SEA_FILES__: Record<string, string>

/** The root oclif is given in the executable: a name only, never read from disk for the files below. */
export const SEA_ROOT = '/ddcli-sea'

/**
 * Files that a bundle may leave out of its own text, read from the asset of that name when asked for. The snapshot's
 * script leaves out the manifest (133 KB, which every run would deserialise) since only a mistyped flag reads it;
 * oclif.cjs, which reads it on every run, has it compiled in.
 */
const ASSET_FILES: Readonly<Record<string, string>> = {[`${SEA_ROOT}/oclif.manifest.json`]: 'oclif.manifest.json'}

/** The text of a file of the executable's package root (an absolute path under SEA_ROOT), else undefined. */
export function seaFile(path: string): string | undefined {
  // Outside the executable's bundles (the tests run the sources) there are none.
  if (typeof __DDCLI_SEA_FILES__ === 'undefined') return undefined
  if (Object.hasOwn(__DDCLI_SEA_FILES__, path)) return __DDCLI_SEA_FILES__[path]
  const name = Object.hasOwn(ASSET_FILES, path) ? ASSET_FILES[path] : undefined
  return name === undefined ? undefined : asset(name).toString('utf8')
}
