import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {guardTemp} from './temp-guard.js'

// The run's temp folder (test/helpers/temp-guard.ts), driven here with an environment object of its own and the exit
// callbacks collected, as vitest's main process runs it for each project.

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true})
})

/** A folder standing for the system's temp folder, with `name` (spaces and all). */
function base(name = 'tmp'): string {
  const dir = mkdtempSync(join(tmpdir(), 'ddcli-test-temp-guard-'))
  dirs.push(dir)
  mkdirSync(join(dir, name))
  return join(dir, name)
}

function fakeProcess(env: Record<string, string | undefined>, pid = 4242) {
  const exits: Array<() => void> = []
  return {process: {env, pid, onExit: (callback: () => void) => exits.push(callback)}, exits}
}

describe('the temp guard', () => {
  it('never removes a folder that DDCLI_TEST_TMP named before the run (a user\'s, or an outer run\'s)', () => {
    // It took the variable as its own: `DDCLI_TEST_TMP=~/work npx vitest run` removed ~/work at the end.
    const tmp = base()
    const victim = base('victim')
    writeFileSync(join(victim, 'file'), 'keep')
    const {process} = fakeProcess({TMPDIR: tmp, DDCLI_TEST_TMP: victim, DDCLI_TEST_TMP_USERS: '1'})
    const teardown = guardTemp(process)
    const folder = process.env.TMPDIR!
    expect(folder).not.toBe(victim)
    expect(folder.startsWith(join(tmp, 'ddcli-test-run-'))).toBe(true)
    teardown()
    expect(readFileSync(join(victim, 'file'), 'utf8')).toBe('keep')
    expect(existsSync(folder)).toBe(false)
    expect(process.env).toEqual({TMPDIR: tmp, DDCLI_TEST_TMP: victim, DDCLI_TEST_TMP_USERS: '1'})
  })

  it('shares one folder among the projects of a run, removed by the last one out, in a TMPDIR with spaces', () => {
    const tmp = base('a temp dir')
    const {process} = fakeProcess({TMPDIR: tmp})
    const first = guardTemp(process)
    const folder = process.env.TMPDIR!
    const second = guardTemp(process)
    expect(process.env.TMPDIR).toBe(folder)
    mkdirSync(join(folder, 'left by a test'))
    first()
    expect(existsSync(folder)).toBe(true)
    second()
    expect(existsSync(folder)).toBe(false)
    expect(readdirSync(tmp)).toEqual([])
    expect(process.env).toEqual({TMPDIR: tmp})
  })

  it('removes the folder when the run ends without its teardowns (Ctrl-C: vitest exits 130)', () => {
    const tmp = base()
    const {process, exits} = fakeProcess({TMPDIR: tmp})
    guardTemp(process)
    writeFileSync(join(process.env.TMPDIR!, 'config.json'), '{"api_key": "x"}')
    expect(exits).toHaveLength(1)
    exits[0]!()
    expect(readdirSync(tmp)).toEqual([])
  })

  it('removes links inside the folder, never what they point to', () => {
    const tmp = base()
    const outside = base('outside')
    writeFileSync(join(outside, 'file'), 'keep')
    const {process} = fakeProcess({TMPDIR: tmp})
    const teardown = guardTemp(process)
    symlinkSync(outside, join(process.env.TMPDIR!, 'dir-link'))
    symlinkSync(join(outside, 'file'), join(process.env.TMPDIR!, 'file-link'))
    teardown()
    expect(readFileSync(join(outside, 'file'), 'utf8')).toBe('keep')
    expect(readdirSync(tmp)).toEqual([])
  })

  it('removes nothing when its folder was replaced by a link to another', () => {
    const tmp = base()
    const outside = base('outside')
    writeFileSync(join(outside, 'file'), 'keep')
    const {process, exits} = fakeProcess({TMPDIR: tmp})
    const teardown = guardTemp(process)
    const folder = process.env.TMPDIR!
    rmSync(folder, {recursive: true})
    symlinkSync(outside, folder)
    teardown()
    exits[0]!()
    expect(readFileSync(join(outside, 'file'), 'utf8')).toBe('keep')
  })
})
