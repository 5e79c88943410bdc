import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/**
 * Vitest global setup: every temp folder a run makes goes inside one folder of its own, removed at the end. Tests
 * make their folders with os.tmpdir() (directly or through makeTempDir), which reads TMPDIR, set here before any
 * worker starts; about 15 folders a run (config files with test keys, request bodies) used to stay in /tmp wherever
 * a test forgot its cleanup. The CLIs the tests spawn get a clean environment and their own temp folders.
 * Each project runs this setup: the first makes the folder, the others share it, the last one out removes it.
 */
export function setup(): () => void {
  const env = process.env
  if (!env.DDCLI_TEST_TMP) {
    env.DDCLI_TEST_TMP_BEFORE = env.TMPDIR ?? ''
    env.DDCLI_TEST_TMP = mkdtempSync(join(tmpdir(), 'ddcli-test-run-'))
    env.TMPDIR = env.DDCLI_TEST_TMP
  }
  env.DDCLI_TEST_TMP_USERS = String(Number(env.DDCLI_TEST_TMP_USERS ?? 0) + 1)
  return () => {
    env.DDCLI_TEST_TMP_USERS = String(Number(env.DDCLI_TEST_TMP_USERS) - 1)
    if (env.DDCLI_TEST_TMP_USERS !== '0' || !env.DDCLI_TEST_TMP) return
    const parent = env.DDCLI_TEST_TMP
    if (env.DDCLI_TEST_TMP_REPORT) console.error(`temp-guard: ${readdirSync(parent).length} folder(s) left by tests: ${readdirSync(parent).join(', ')}`)
    rmSync(parent, {recursive: true, force: true})
    if (env.DDCLI_TEST_TMP_BEFORE) env.TMPDIR = env.DDCLI_TEST_TMP_BEFORE
    else delete env.TMPDIR
    delete env.DDCLI_TEST_TMP
    delete env.DDCLI_TEST_TMP_BEFORE
    delete env.DDCLI_TEST_TMP_USERS
  }
}
