import {readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {STAMP, stampOf, type BuildStamp} from '../../scripts/build-stamp.mjs'

/**
 * Vitest global setup of the end-to-end tests, which run what `npm run build` wrote: it refuses to start unless the
 * build is the build of the sources as they are. The build's last step (scripts/build-stamp.mjs) hashes every file
 * it read and wrote; any difference now (an edit, a source deleted or added, the lock file, a build script, dist/
 * replaced, linked or edited) means old code would run, and every failure would point at it. File times are not
 * trusted: a clock set back or a checkout would hide an edit, and a `touch` would ask for a needless build.
 */
const root = fileURLToPath(new URL('../..', import.meta.url))

/** What the build writes last of each step, named when missing (a build that stopped). */
const OUTPUTS = ['dist/commands/call.js', 'dist/launch.cjs', 'dist/launch-call.cjs', 'dist/call/run.js', 'oclif.manifest.json', 'dist/launch-help.json']

/** The first file whose hash differs between the build's record and now, and how. */
function firstDifference(built: Record<string, string>, now: Record<string, string>): string | undefined {
  for (const file of Object.keys({...built, ...now}).sort()) {
    if (built[file] === now[file]) continue
    if (now[file] === undefined) return `${file} was removed`
    if (built[file] === undefined) return `${file} was added`
    return `${file} changed`
  }
  return undefined
}

/** Why the build cannot be tested as it is, or undefined when it is the build of the sources as they are. */
export function staleBuild(at = root): string | undefined {
  for (const output of OUTPUTS) {
    try {
      statSync(join(at, output))
    } catch {
      return `${output} is missing`
    }
  }
  let built: BuildStamp
  try {
    built = JSON.parse(readFileSync(join(at, STAMP), 'utf8')) as BuildStamp
  } catch {
    return `${STAMP} is missing (a build that stopped before its last step, or one older than the stamp)`
  }
  const now = stampOf(at)
  const input = firstDifference(built.inputs, now.inputs)
  if (input) return `${input} after the last build`
  const output = firstDifference(built.outputs, now.outputs)
  if (output) return `${output}: the build's output is not what the last build wrote (replaced, linked or edited)`
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
