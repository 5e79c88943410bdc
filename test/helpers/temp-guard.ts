import {lstatSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** What the guard uses of the process it runs in (the test passes its own). */
export interface GuardedProcess {
  env: Record<string, string | undefined>
  pid: number
  /** Runs `callback` when the process exits, teardowns or not. */
  onExit: (callback: () => void) => void
}

/**
 * Vitest global setup: every temp folder a run makes goes inside one folder of its own, removed at the end. Tests
 * make their folders with os.tmpdir() (directly or through makeTempDir), which reads TMPDIR, set here before any
 * worker starts; about 15 folders a run (config files with test keys, request bodies) used to stay in /tmp wherever
 * a test forgot its cleanup. The CLIs the tests spawn get a clean environment and their own temp folders.
 * Each project runs this setup: the first makes the folder, the others share it, the last one out removes it.
 */
export function setup(): () => void {
  return guardTemp({env: process.env, pid: process.pid, onExit: (callback) => process.once('exit', callback)})
}

/**
 * setup's work. Only the folder this process made is ever removed: DDCLI_TEST_TMP names it after the process's id, so
 * a value the run found in its environment (a user's, or that of a run that started this one) names nothing to
 * remove. A run stopped by Ctrl-C (vitest exits without the teardowns) removes it as it exits.
 */
export function guardTemp({env, pid, onExit}: GuardedProcess): () => void {
  const owner = `${pid}:`
  if (!env.DDCLI_TEST_TMP?.startsWith(owner)) {
    const folder = mkdtempSync(join(env.TMPDIR || tmpdir(), 'ddcli-test-run-'))
    // What the last teardown puts back, in the environment too: each project may have its own copy of this module.
    const before = JSON.stringify(Object.fromEntries(SET.map((name) => [name, env[name] ?? null])))
    Object.assign(env, {TMPDIR: folder, DDCLI_TEST_TMP: owner + folder, DDCLI_TEST_TMP_USERS: '0', DDCLI_TEST_TMP_BEFORE: before})
    onExit(() => remove(folder))
  }
  env.DDCLI_TEST_TMP_USERS = String(Number(env.DDCLI_TEST_TMP_USERS) + 1)
  return () => {
    env.DDCLI_TEST_TMP_USERS = String(Number(env.DDCLI_TEST_TMP_USERS) - 1)
    if (env.DDCLI_TEST_TMP_USERS !== '0' || !env.DDCLI_TEST_TMP?.startsWith(owner)) return
    const folder = env.DDCLI_TEST_TMP.slice(owner.length)
    if (env.DDCLI_TEST_TMP_REPORT) console.error(`temp-guard: ${readdirSync(folder).length} folder(s) left by tests: ${readdirSync(folder).join(', ')}`)
    remove(folder)
    for (const [name, value] of Object.entries(JSON.parse(env.DDCLI_TEST_TMP_BEFORE ?? '{}') as Record<string, string | null>)) {
      if (value === null) delete env[name]
      else env[name] = value
    }
  }
}

/** The variables setup sets, each put back as it was by the last teardown. */
const SET = ['TMPDIR', 'DDCLI_TEST_TMP', 'DDCLI_TEST_TMP_USERS', 'DDCLI_TEST_TMP_BEFORE']

/** Removes the run's folder, if it is still a folder (not a link put in its place); a link inside is removed, not followed. */
function remove(folder: string): void {
  let isFolder = false
  try {
    isFolder = lstatSync(folder).isDirectory()
  } catch {
    return
  }
  // A process a test spawned may still be writing there as the run ends: rm retries on ENOTEMPTY.
  if (isFolder) rmSync(folder, {recursive: true, force: true, maxRetries: 3})
}
