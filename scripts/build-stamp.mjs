// The build's stamp, .build-stamp.json, written last by `npm run build`: a hash of every file the build reads and
// of every file it wrote. test/helpers/fresh-dist.ts compares it with the files as they are, so the end-to-end tests
// run a build only when it is the build of these sources: an edit, a deleted or added source, a changed lock file
// or build script, or a dist/ replaced, linked or edited after the build is seen whatever the files' times say (a
// clock set back, a checkout, a `touch` that changes nothing).
// Usage: node scripts/build-stamp.mjs   (from the repository root, as npm run build runs it)
import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join, relative, sep} from 'node:path'
import {pathToFileURL} from 'node:url'

export const STAMP = '.build-stamp.json'
/** What the build reads (package-lock.json: the bundles hold the dependencies it pins). */
export const INPUTS = ['src', 'bin', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']
/** What the build writes. */
export const OUTPUTS = ['dist', 'oclif.manifest.json']

/** The sha256 of every file under `paths` of `root`, by path relative to root with `/`; a missing path adds none. */
export function hashFiles(root, paths) {
  const hashes = {}
  const visit = (path) => {
    let stat
    try {
      stat = statSync(path)
    } catch {
      return
    }
    if (stat.isDirectory()) {
      // The single executable (npm run build:exe) is built from this build, after it, with a stamp of its own.
      if (relative(root, path) === join('dist', 'exe')) return
      for (const name of readdirSync(path).sort()) visit(join(path, name))
      return
    }
    hashes[relative(root, path).split(sep).join('/')] = createHash('sha256').update(readFileSync(path)).digest('hex')
  }
  for (const path of paths) visit(join(root, path))
  return hashes
}

/** The stamp of the build in `root` as its files are now. */
export function stampOf(root) {
  return {inputs: hashFiles(root, INPUTS), outputs: hashFiles(root, OUTPUTS)}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stamp = stampOf(process.cwd())
  writeFileSync(join(process.cwd(), STAMP), `${JSON.stringify(stamp, null, 1)}\n`)
  console.error(`${STAMP}: ${Object.keys(stamp.inputs).length} inputs, ${Object.keys(stamp.outputs).length} outputs`)
}
