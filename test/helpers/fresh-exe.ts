import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {STAMP} from '../../scripts/build-stamp.mjs'

/**
 * Vitest global setup of the exe project (after fresh-dist.ts): the single executable named by DDCLI_TEST_EXE must be
 * the one scripts/exe.mjs built from the build as it is now (its <exe>.json records the build stamp's hash), or
 * every failure would point at old code.
 */
const root = fileURLToPath(new URL('../..', import.meta.url))

export function setup(): void {
  const exe = process.env.DDCLI_TEST_EXE
  if (!exe) throw new Error('the exe project runs the single executable named by DDCLI_TEST_EXE: use npm run test:exe')
  let built: {buildStamp?: string}
  try {
    built = JSON.parse(readFileSync(`${exe}.json`, 'utf8')) as {buildStamp?: string}
  } catch {
    throw new Error(`${exe} has no ${exe}.json beside it: run npm run build:exe`)
  }
  const now = createHash('sha256').update(readFileSync(join(root, STAMP))).digest('hex')
  if (built.buildStamp !== now) throw new Error(`${exe} was built from another build than dist/ holds now: run npm run build:exe`)
}
