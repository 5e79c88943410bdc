import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {Script} from 'node:vm'
import {withCacheChecksums} from '../../bin/launch.js'
import {afterAll, describe, expect, it} from 'vitest'
import {checkRequestBody, findingsReport, problemLines, refusal, refused} from '../../src/call/validate.js'
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
  const data = withCacheChecksums(() => {
    const script = new Script(source)
    script.runInThisContext()
    return cache ? script.createCachedData() : Buffer.alloc(0)
  })
  writeFileSync(file, verdictFile(`v1/${name}`, Buffer.from(source), data))
  return file
}

const monitor = findRouteById('CreateMonitor')!
const good = {type: 'metric alert', query: 'avg(last_5m):avg:system.cpu.user{*} > 90', message: 'm', name: 'n'}

describe('the verdict functions a call reads', () => {
  it('reads the function an operation\'s file holds, from its code cache', async () => {
    const file = await loadSchema('v1', 'CreateMonitor')
    writeVerdict('CreateMonitor', verdictSource(file!))
    const verdict = loadVerdict('v1', 'CreateMonitor', at)
    expect(verdict?.(good)).toBe(VERDICT_CLEAN)
    expect(verdict?.({...good, type: 'metric-alert'})).toBe(VERDICT_ERROR)
  })

  it('lets a clean verdict stand without the checker, and has the checker report anything else', async () => {
    // A verdict that calls every body clean: the call believes it (the build proves verdicts right, test/spec/verdict.test.ts).
    writeVerdict('CreateMonitor', '(function () { return () => 2 })')
    const bad = Buffer.from(JSON.stringify({...good, type: 'metric-alert'}))
    expect((await checkRequestBody(monitor, bad, 'application/json', {verdicts: at}))?.result).toEqual({errors: [], warnings: []})
    // One that finds an error in everything: the checker says what it is, or that there is none.
    writeVerdict('CreateMonitor', '(function () { return () => 0 })')
    expect((await checkRequestBody(monitor, bad, 'application/json', {verdicts: at}))?.result?.errors[0]).toMatchObject({pointer: '/type', suggestion: '"metric alert"'})
    expect((await checkRequestBody(monitor, Buffer.from(JSON.stringify(good)), 'application/json', {verdicts: at}))?.result).toEqual({errors: [], warnings: []})
    // Not JSON is said before any verdict.
    expect(await checkRequestBody(monitor, Buffer.from('{"type":'), 'application/json', {verdicts: at})).toMatchObject({notJson: expect.any(String)})
  })

  it('refuses a body its verdict finds wrong when the schema file that says where is missing (a damaged install)', async () => {
    // An operation whose verdict file is there and whose schema file is not: refused all the same, nothing sent.
    const orphan = {...monitor, operationId: 'OrphanVerdict'}
    writeVerdict('OrphanVerdict', '(function () { return () => 0 })')
    const check = await checkRequestBody(orphan, Buffer.from(JSON.stringify(good)), 'application/json', {verdicts: at})
    expect(refused(check)).toBe(true)
    expect(problemLines(check!)).toEqual([expect.stringMatching(/^OrphanVerdict's verdict function finds an error, but the schema file .* reinstall ddcli\)$/)])
    expect(refusal(check!, true).message).toMatch(/^the body does not match OrphanVerdict's request schema: .*; nothing sent; fix it, or pass --no-validate/)
    expect(findingsReport(check!).at(-1)).toMatch(/without --dry-run nothing would be sent/)
    // Warnings alone, or a verdict that throws, are sent as for an operation without a schema.
    writeVerdict('OrphanVerdict', '(function () { return () => 1 })')
    expect(await checkRequestBody(orphan, Buffer.from('{}'), 'application/json', {verdicts: at})).toBeUndefined()
    writeVerdict('OrphanVerdict', '(function () { return () => { throw new Error("x") } })')
    expect(await checkRequestBody(orphan, Buffer.from('{}'), 'application/json', {verdicts: at})).toBeUndefined()
  })

  it('has the checker judge when the verdict function throws, rather than failing the call', async () => {
    // A file damaged into code that compiles but throws when run (or a stack overflow) is one more problem that
    // leaves the checker to judge alone: it said "unexpected error", exit 1.
    writeVerdict('CreateMonitor', '(function () { return () => { throw new RangeError("Maximum call stack size exceeded") } })')
    const bad = Buffer.from(JSON.stringify({...good, type: 'metric-alert'}))
    expect((await checkRequestBody(monitor, bad, 'application/json', {verdicts: at}))?.result?.errors[0]).toMatchObject({pointer: '/type'})
    expect((await checkRequestBody(monitor, Buffer.from(JSON.stringify(good)), 'application/json', {verdicts: at}))?.result).toEqual({errors: [], warnings: []})
  })

  it('reads an operation\'s verdict once for all the bodies judged with the same `loaded` (a batch)', async () => {
    // A batch of 2,000 monitors read and compiled CreateMonitor's verdict 2,000 times: about 1.4 ms a line, more
    // than the checker it saves, and 60 MB more memory.
    writeVerdict('CreateMonitor', '(function () { return () => 2 })')
    const loaded = new Map()
    const bad = Buffer.from(JSON.stringify({...good, type: 'metric-alert'}))
    expect((await checkRequestBody(monitor, bad, 'application/json', {verdicts: at, loaded}))?.result).toEqual({errors: [], warnings: []})
    writeVerdict('CreateMonitor', '(function () { return () => 0 })')
    expect((await checkRequestBody(monitor, bad, 'application/json', {verdicts: at, loaded}))?.result).toEqual({errors: [], warnings: []})
    expect(loaded.size).toBe(1)
    // Without it, each body reads the file again.
    expect((await checkRequestBody(monitor, bad, 'application/json', {verdicts: at}))?.result?.errors).toHaveLength(1)
  })

  it('reads a file that other operations\' files name once for all of them with the same `loaded` (a batch)', async () => {
    // CreateDashboard's verdict (about 1 MB, the largest) was read and compiled again for a batch's UpdateDashboard
    // lines, whose file names it, and again for each other operation that shares it.
    const create = findRouteById('CreateDashboard')!
    const update = findRouteById('UpdateDashboard')!
    const bad = Buffer.from(JSON.stringify({title: 't', layout_type: 'no-such-layout', widgets: []}))
    writeVerdict('CreateDashboard', '(function () { return () => 2 })')
    writeFileSync(join(dir, 'v1', 'UpdateDashboard.verdict'), verdictLink('v1/UpdateDashboard', 'v1/CreateDashboard'))
    const loaded = new Map()
    expect((await checkRequestBody(create, bad, 'application/json', {verdicts: at, loaded}))?.result).toEqual({errors: [], warnings: []})
    writeVerdict('CreateDashboard', '(function () { return () => 0 })')
    expect((await checkRequestBody(update, bad, 'application/json', {verdicts: at, loaded}))?.result).toEqual({errors: [], warnings: []})
    // And the other way round: the file named first through a link.
    const again = new Map()
    expect((await checkRequestBody(update, bad, 'application/json', {verdicts: at, loaded: again}))?.result?.errors).toHaveLength(1)
    writeVerdict('CreateDashboard', '(function () { return () => 2 })')
    expect((await checkRequestBody(create, bad, 'application/json', {verdicts: at, loaded: again}))?.result?.errors).toHaveLength(1)
  })

  it('compiles the source when the cache is damaged or missing, and answers the same', async () => {
    const file = await loadSchema('v1', 'CreateMonitor')
    const path = writeVerdict('CreateMonitor', verdictSource(file!))
    const bytes = (await import('node:fs')).readFileSync(path)
    // A flipped bit in V8's data: its checksum rejects it.
    bytes[bytes.length - 100]! ^= 0xff
    writeFileSync(path, bytes)
    expect(loadVerdict('v1', 'CreateMonitor', at)?.(good)).toBe(VERDICT_CLEAN)
    writeVerdict('CreateMonitor', verdictSource(file!), {cache: false})
    expect(loadVerdict('v1', 'CreateMonitor', at)?.(good)).toBe(VERDICT_CLEAN)
  })

  it('runs the source, not a cache V8 rejects: one from another V8 version, or with a flipped bit', () => {
    // V8 checks a cache against its source's length only, so a cache is only ever stored beside its own source
    // (verdictFile); here a cache of a same-length source that answers 2 stands in for another Node's, and must lose.
    const cacheOf = (source: string) => withCacheChecksums(() => {
      const script = new Script(source)
      ;(script.runInThisContext() as () => () => number)()()
      return script.createCachedData()
    })
    const cases = [
      // Bytes 4 to 7 of V8's header: the hash of the V8 version that wrote it.
      {name: 'another version', damage: (cache: Buffer) => { cache[4]! ^= 0xff }},
      {name: 'a flipped bit in the code', damage: (cache: Buffer) => { cache[cache.length - 40]! ^= 0x01 }},
    ]
    return Promise.all(cases.map(async ({name, damage}, i) => {
      // Unique sources: V8's in-process compilation cache would otherwise answer before the file's cache is read.
      const cache = Buffer.from(cacheOf(`(function () { return () => 2 /* ${'a'.repeat(i)} */ })`))
      damage(cache)
      mkdirSync(join(dir, 'v1'), {recursive: true})
      writeFileSync(join(dir, 'v1', `Damaged${i}.verdict`), verdictFile(`v1/Damaged${i}`, Buffer.from(`(function () { return () => 0 /* ${'b'.repeat(i)} */ })`), cache))
      expect([name, loadVerdict('v1', `Damaged${i}`, at)?.({})]).toEqual([name, VERDICT_ERROR])
    }))
  })

  it.each([
    {name: 'an empty file', bytes: Buffer.alloc(0)},
    {name: 'another format', bytes: Buffer.from('{"body": {}}')},
    {name: 'a source length past the end', bytes: Buffer.concat([verdictFile('v1/Broken', Buffer.from('(function () { return () => 2 })'), Buffer.alloc(0)).subarray(0, 30)])},
    {name: 'a key length past the end', bytes: verdictFile('v1/Broken', Buffer.from('(function () { return () => 2 })'), Buffer.alloc(0)).subarray(0, 12)},
    {name: 'a source that throws', bytes: verdictFile('v1/Broken', Buffer.from('(function () { throw new Error("x") })'), Buffer.alloc(0))},
    {name: 'a source that is not a function', bytes: verdictFile('v1/Broken', Buffer.from('(function () { return 2 })'), Buffer.alloc(0))},
    {name: 'a syntax error', bytes: verdictFile('v1/Broken', Buffer.from('(function () {'), Buffer.alloc(0))},
  ])('leaves the checker to judge alone on $name', async ({bytes}) => {
    mkdirSync(join(dir, 'v1'), {recursive: true})
    writeFileSync(join(dir, 'v1', 'Broken.verdict'), bytes)
    expect(loadVerdict('v1', 'Broken', at)).toBeUndefined()
  })

  it('follows a file that names another operation\'s, once', async () => {
    writeVerdict('Clean', '(function () { return () => 2 })')
    writeFileSync(join(dir, 'v1', 'Link.verdict'), verdictLink('v1/Link', 'v1/Clean'))
    expect(loadVerdict('v1', 'Link', at)?.({})).toBe(VERDICT_CLEAN)
    writeFileSync(join(dir, 'v1', 'LinkToLink.verdict'), verdictLink('v1/LinkToLink', 'v1/Link'))
    expect(loadVerdict('v1', 'LinkToLink', at)).toBeUndefined()
    writeFileSync(join(dir, 'v1', 'LinkOut.verdict'), verdictLink('v1/LinkOut', '../../etc/x'))
    expect(loadVerdict('v1', 'LinkOut', at)).toBeUndefined()
    writeFileSync(join(dir, 'v1', 'LinkNowhere.verdict'), verdictLink('v1/LinkNowhere', 'v1/Missing'))
    expect(loadVerdict('v1', 'LinkNowhere', at)).toBeUndefined()
  })

  // A verdict that calls clean every body (another operation's, a swapped file) would let through bodies the schema
  // refuses: a file written for another operation is no verdict, and the checker judges alone.
  it('reads no verdict from a file written for another operation, put under this one\'s name', async () => {
    writeVerdict('Own', '(function () { return () => 2 })')
    mkdirSync(join(dir, 'v1'), {recursive: true})
    writeFileSync(join(dir, 'v1', 'Swapped.verdict'), readFileSync(join(dir, 'v1', 'Own.verdict')))
    expect(loadVerdict('v1', 'Own', at)?.({})).toBe(VERDICT_CLEAN)
    expect(loadVerdict('v1', 'Swapped', at)).toBeUndefined()
    // A link must lead to the file written for the operation it names.
    writeFileSync(join(dir, 'v1', 'SwappedTarget.verdict'), readFileSync(join(dir, 'v1', 'Own.verdict')))
    writeFileSync(join(dir, 'v1', 'LinkToSwapped.verdict'), verdictLink('v1/LinkToSwapped', 'v1/SwappedTarget'))
    expect(loadVerdict('v1', 'LinkToSwapped', at)).toBeUndefined()
    // A link is a file too: one written for another operation (UpdateDashboard's, naming CreateDashboard's verdict),
    // copied over this one's, would judge this operation's bodies with that other schema's verdict.
    writeFileSync(join(dir, 'v1', 'OwnLink.verdict'), verdictLink('v1/OwnLink', 'v1/Own'))
    expect(loadVerdict('v1', 'OwnLink', at)?.({})).toBe(VERDICT_CLEAN)
    writeFileSync(join(dir, 'v1', 'SwappedLink.verdict'), readFileSync(join(dir, 'v1', 'OwnLink.verdict')))
    expect(loadVerdict('v1', 'SwappedLink', at)).toBeUndefined()
    // The same letters in another version are another operation.
    mkdirSync(join(dir, 'v2'), {recursive: true})
    writeFileSync(join(dir, 'v2', 'Own.verdict'), readFileSync(join(dir, 'v1', 'Own.verdict')))
    expect(loadVerdict('v2', 'Own', at)).toBeUndefined()
  })

  it('does not wait on a fifo put where a verdict goes', async () => {
    mkdirSync(join(dir, 'v1'), {recursive: true})
    execFileSync('mkfifo', [join(dir, 'v1', 'Fifo.verdict')])
    expect(loadVerdict('v1', 'Fifo', at)).toBeUndefined()
  })

  it('reads nothing for a name that is not an operation\'s', async () => {
    expect(loadVerdict('v1', '../v1/CreateMonitor', at)).toBeUndefined()
    expect(loadVerdict('x', 'CreateMonitor', at)).toBeUndefined()
  })
})

describe('a request body schema file that is there but damaged', () => {
  // A schema file cut short, replaced by a folder or a fifo, or not a schema at all: the call said "unexpected error"
  // (exit 1), hung on the fifo (SIGTERM too: only SIGKILL ended it), or, for `null`, sent the body unchecked.
  const bad = Buffer.from(JSON.stringify({...good, type: 'metric-alert'}))
  const cases = [
    {name: 'cut short', damage: (file: string) => writeFileSync(file, '{"body": {"type": "obj')},
    {name: 'a folder', damage: (file: string) => mkdirSync(file)},
    {name: 'a fifo', damage: (file: string) => execFileSync('mkfifo', [file])},
    {name: 'a JSON array', damage: (file: string) => writeFileSync(file, '[]')},
    {name: 'null', damage: (file: string) => writeFileSync(file, 'null')},
    {name: 'an object without its schema', damage: (file: string) => writeFileSync(file, '{"defs": {}}')},
  ]

  /** A schemas folder whose CreateMonitor file is damaged, and a verdicts folder with `verdict`, if any. */
  function install(damage: (file: string) => void, verdict?: string): {schemas: URL, verdicts: URL} {
    const root = mkdtempSync(join(dir, 'install-'))
    mkdirSync(join(root, 'schemas', 'v1'), {recursive: true})
    mkdirSync(join(root, 'verdicts', 'v1'), {recursive: true})
    damage(join(root, 'schemas', 'v1', 'CreateMonitor.json'))
    if (verdict) writeFileSync(join(root, 'verdicts', 'v1', 'CreateMonitor.verdict'), verdictFile('v1/CreateMonitor', Buffer.from(verdict), Buffer.alloc(0)))
    return {schemas: pathToFileURL(join(root, 'schemas') + '/'), verdicts: pathToFileURL(join(root, 'verdicts') + '/')}
  }

  it.each(cases)('refuses a body, on one line naming a damaged install, when the file is $name', async ({damage}) => {
    for (const verdict of [undefined, '(function () { return () => 0 })', '(function () { return () => 1 })', '(function () { return () => { throw new Error("x") } })']) {
      const check = await checkRequestBody(monitor, bad, 'application/json', install(damage, verdict))
      expect([verdict, refused(check)]).toEqual([verdict, true])
      expect(problemLines(check!)).toEqual([expect.stringMatching(/CreateMonitor.*schema file.*damaged install: reinstall ddcli/)])
      expect(refusal(check!, true).message).toMatch(/nothing sent/)
      expect(findingsReport(check!).at(-1)).toMatch(/without --dry-run nothing would be sent/)
    }
  })

  it.each(cases)('sends a body its verdict calls clean without reading the file, when it is $name', async ({damage}) => {
    const check = await checkRequestBody(monitor, Buffer.from(JSON.stringify(good)), 'application/json', install(damage, '(function () { return () => 2 })'))
    expect(refused(check)).toBe(false)
  })
})
