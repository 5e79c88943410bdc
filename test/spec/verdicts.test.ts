import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {Script} from 'node:vm'
import v8 from 'node:v8'
import {afterAll, describe, expect, it} from 'vitest'
import {checkRequestBody} from '../../src/call/validate.js'
import {findRouteById} from '../../src/spec/routes.js'
import {loadSchema} from '../../src/spec/schemas.js'
import {verdictSource} from '../../src/spec/verdict-source.js'
import {VERDICT_CLEAN, VERDICT_ERROR, loadVerdict, verdictFile, verdictLink} from '../../src/spec/verdicts.js'

// How a call reads an operation's verdict function (src/spec/verdicts.ts): from a file holding its source and V8's
// code cache, as scripts/verdicts.mjs writes it. A file that is missing, damaged or not a file leaves the checker to
// judge alone, and never fails the call.

const dir = mkdtempSync(join(tmpdir(), 'ddcli-test-verdicts-'))
const at = pathToFileURL(`${dir}/`)
afterAll(() => rmSync(dir, {recursive: true, force: true}))

/** Writes a verdict file for an operation: `source` (a function expression) and the code cache V8 makes of it. */
function writeVerdict(name: string, source: string, {cache = true} = {}): string {
  mkdirSync(join(dir, 'v1'), {recursive: true})
  const file = join(dir, 'v1', `${name}.verdict`)
  v8.setFlagsFromString('--verify-snapshot-checksum')
  let data = Buffer.alloc(0)
  try {
    const script = new Script(source)
    script.runInThisContext()
    if (cache) data = script.createCachedData()
  } finally {
    v8.setFlagsFromString('--no-verify-snapshot-checksum')
  }
  writeFileSync(file, verdictFile(Buffer.from(source), data))
  return file
}

const monitor = findRouteById('CreateMonitor')!
const good = {type: 'metric alert', query: 'avg(last_5m):avg:system.cpu.user{*} > 90', message: 'm', name: 'n'}

describe('the verdict functions a call reads', () => {
  it('reads the function an operation\'s file holds, from its code cache', async () => {
    const file = await loadSchema('v1', 'CreateMonitor')
    writeVerdict('CreateMonitor', verdictSource(file!))
    const verdict = await loadVerdict('v1', 'CreateMonitor', at)
    expect(verdict?.(good)).toBe(VERDICT_CLEAN)
    expect(verdict?.({...good, type: 'metric-alert'})).toBe(VERDICT_ERROR)
  })

  it('lets a clean verdict stand without the checker, and has the checker report anything else', async () => {
    // A verdict that calls every body clean: the call believes it (the build proves verdicts right, test/spec/verdict.test.ts).
    writeVerdict('CreateMonitor', '(function () { return () => 2 })')
    const bad = Buffer.from(JSON.stringify({...good, type: 'metric-alert'}))
    expect((await checkRequestBody(monitor, bad, 'application/json', undefined, at))?.result).toEqual({errors: [], warnings: []})
    // One that finds an error in everything: the checker says what it is, or that there is none.
    writeVerdict('CreateMonitor', '(function () { return () => 0 })')
    expect((await checkRequestBody(monitor, bad, 'application/json', undefined, at))?.result?.errors[0]).toMatchObject({pointer: '/type', suggestion: '"metric alert"'})
    expect((await checkRequestBody(monitor, Buffer.from(JSON.stringify(good)), 'application/json', undefined, at))?.result).toEqual({errors: [], warnings: []})
    // Not JSON is said before any verdict.
    expect(await checkRequestBody(monitor, Buffer.from('{"type":'), 'application/json', undefined, at)).toMatchObject({notJson: expect.any(String)})
  })

  it('compiles the source when the cache is damaged or missing, and answers the same', async () => {
    const file = await loadSchema('v1', 'CreateMonitor')
    const path = writeVerdict('CreateMonitor', verdictSource(file!))
    const bytes = (await import('node:fs')).readFileSync(path)
    // A flipped bit in V8's data: its checksum rejects it.
    bytes[bytes.length - 100]! ^= 0xff
    writeFileSync(path, bytes)
    expect((await loadVerdict('v1', 'CreateMonitor', at))?.(good)).toBe(VERDICT_CLEAN)
    writeVerdict('CreateMonitor', verdictSource(file!), {cache: false})
    expect((await loadVerdict('v1', 'CreateMonitor', at))?.(good)).toBe(VERDICT_CLEAN)
  })

  it.each([
    {name: 'an empty file', bytes: Buffer.alloc(0)},
    {name: 'another format', bytes: Buffer.from('{"body": {}}')},
    {name: 'a source length past the end', bytes: Buffer.concat([verdictFile(Buffer.from('(function () { return () => 2 })'), Buffer.alloc(0)).subarray(0, 20)])},
    {name: 'a source that throws', bytes: verdictFile(Buffer.from('(function () { throw new Error("x") })'), Buffer.alloc(0))},
    {name: 'a source that is not a function', bytes: verdictFile(Buffer.from('(function () { return 2 })'), Buffer.alloc(0))},
    {name: 'a syntax error', bytes: verdictFile(Buffer.from('(function () {'), Buffer.alloc(0))},
  ])('leaves the checker to judge alone on $name', async ({bytes}) => {
    mkdirSync(join(dir, 'v1'), {recursive: true})
    writeFileSync(join(dir, 'v1', 'Broken.verdict'), bytes)
    expect(await loadVerdict('v1', 'Broken', at)).toBeUndefined()
  })

  it('follows a file that names another operation\'s, once', async () => {
    writeVerdict('Clean', '(function () { return () => 2 })')
    writeFileSync(join(dir, 'v1', 'Link.verdict'), verdictLink('v1/Clean'))
    expect((await loadVerdict('v1', 'Link', at))?.({})).toBe(VERDICT_CLEAN)
    writeFileSync(join(dir, 'v1', 'LinkToLink.verdict'), verdictLink('v1/Link'))
    expect(await loadVerdict('v1', 'LinkToLink', at)).toBeUndefined()
    writeFileSync(join(dir, 'v1', 'LinkOut.verdict'), verdictLink('../../etc/x'))
    expect(await loadVerdict('v1', 'LinkOut', at)).toBeUndefined()
    writeFileSync(join(dir, 'v1', 'LinkNowhere.verdict'), verdictLink('v1/Missing'))
    expect(await loadVerdict('v1', 'LinkNowhere', at)).toBeUndefined()
  })

  it('does not wait on a fifo put where a verdict goes', async () => {
    mkdirSync(join(dir, 'v1'), {recursive: true})
    execFileSync('mkfifo', [join(dir, 'v1', 'Fifo.verdict')])
    expect(await loadVerdict('v1', 'Fifo', at)).toBeUndefined()
  })

  it('reads nothing for a name that is not an operation\'s', async () => {
    expect(await loadVerdict('v1', '../v1/CreateMonitor', at)).toBeUndefined()
    expect(await loadVerdict('x', 'CreateMonitor', at)).toBeUndefined()
  })
})
