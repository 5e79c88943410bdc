// The files a single executable (scripts/exe.mjs) holds instead of a package folder: package.json and
// oclif.manifest.json under a root that is no folder on disk, read by oclif, the version and the flag suggestions.
declare const __DDCLI_SEA_FILES__: Record<string, string>

/** The root oclif is given in the executable: a name only, never read from disk for the files below. */
export const SEA_ROOT = '/ddcli-sea'

/** The text of a file of the executable's package root (an absolute path under SEA_ROOT), else undefined. */
export function seaFile(path: string): string | undefined {
  // Outside the executable's bundles (the tests run the sources) there are none.
  const files = typeof __DDCLI_SEA_FILES__ === 'undefined' ? {} : __DDCLI_SEA_FILES__
  return Object.hasOwn(files, path) ? files[path] : undefined
}
