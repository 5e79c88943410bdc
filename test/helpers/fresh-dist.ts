import {readdirSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * Vitest global setup of the end-to-end tests, which run what `npm run build` wrote: it refuses to start when the
 * build is missing or older than a source it was built from. After a `tsc`-only rebuild the fast path would run
 * stale bundles and nothing would notice; after an edit without a build, every failure would point at old code.
 */
const root = fileURLToPath(new URL('../..', import.meta.url))

/** What the build writes last of each step; the oldest of them is the build's age. */
const OUTPUTS = ['dist/commands/call.js', 'dist/launch.cjs', 'dist/launch-call.cjs', 'dist/call/run.js', 'oclif.manifest.json', 'dist/launch-help.json']
const SOURCES = ['src', 'bin', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.build.json']

function newest(path: string): {file: string, mtimeMs: number} {
  const stat = statSync(path)
  if (!stat.isDirectory()) return {file: path, mtimeMs: stat.mtimeMs}
  let best = {file: path, mtimeMs: 0}
  for (const name of readdirSync(path)) {
    const found = newest(join(path, name))
    if (found.mtimeMs > best.mtimeMs) best = found
  }
  return best
}

/** Why the build cannot be tested as it is, or undefined when it is fresh. */
export function staleBuild(): string | undefined {
  let built = Infinity
  for (const output of OUTPUTS) {
    try {
      built = Math.min(built, statSync(join(root, output)).mtimeMs)
    } catch {
      return `${output} is missing`
    }
  }
  for (const source of SOURCES) {
    const found = newest(join(root, source))
    if (found.mtimeMs > built) return `${relative(root, found.file)} changed after the last build`
  }
  return undefined
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the e2e project's global setup: the build is there and fresh, so tests may spawn it. */
    freshBuild: boolean
  }
}

export function setup(project: {provide: (key: 'freshBuild', value: boolean) => void}): void {
  project.provide('freshBuild', true)
  if (process.env.DDCLI_TEST_ANY_BUILD) return
  const stale = staleBuild()
  if (stale) throw new Error(`end-to-end tests run the build, and ${stale}: run npm run build first (or npm run test:unit, which needs none)`)
}
