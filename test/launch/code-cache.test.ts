import {Script} from 'node:vm'
import {describe, expect, it} from 'vitest'
import {cachedDataFor, cacheFile} from '../../bin/launch.js'

// bin/launch.js's code cache files: the bundle's bytes, then V8's data twice (once for the executable's oclif.cache,
// which V8's checksum guards instead). A file is used only for exactly its bundle, whole, with copies that agree.
const source = Buffer.from('(function (exports) { exports.answer = () => [1, 2, 3].map((n) => n * 2).join(",") })')
const script = new Script(source.toString('latin1'), {filename: 'bundle.cjs'})
;(script.runInThisContext() as (exports: Record<string, () => string>) => void)({})
const data = script.createCachedData()
const HEADER = 12

describe('code cache files', () => {
  it('gives back V8 data that V8 accepts, for the bundle it was made from', () => {
    const got = cachedDataFor(cacheFile(source, data), source)
    expect(got?.equals(data)).toBe(true)
    expect(new Script(source.toString('latin1'), {filename: 'bundle.cjs', cachedData: got}).cachedDataRejected).toBe(false)
    expect(cachedDataFor(cacheFile(source, data, 1), source, 1)?.equals(data)).toBe(true)
  })

  it.each([
    {name: 'a flipped bit in the first copy of V8 data', damage: (file: Buffer) => { file[HEADER + source.length + 40]! ^= 0x01 }},
    {name: 'a flipped bit in the second copy', damage: (file: Buffer) => { file[file.length - 40]! ^= 0x10 }},
    {name: 'a flipped bit in the bundle copy', damage: (file: Buffer) => { file[HEADER + 5]! ^= 0x01 }},
    {name: 'a data length that is off by one', damage: (file: Buffer) => { file.writeUInt32LE(file.readUInt32LE(8) + 1, 8) }},
    {name: 'a data length of zero', damage: (file: Buffer) => { file.writeUInt32LE(0, 8) }},
    {name: 'the previous format (DDCC)', damage: (file: Buffer) => { file.writeUInt32LE(0x43434444, 0) }},
  ])('refuses $name', ({damage}) => {
    const file = Buffer.from(cacheFile(source, data))
    damage(file)
    expect(cachedDataFor(file, source)).toBeUndefined()
  })

  it.each([
    {name: 'cut short by one byte', file: () => cacheFile(source, data).subarray(0, -1)},
    {name: 'one byte longer', file: () => Buffer.concat([cacheFile(source, data), Buffer.from([0])])},
    {name: 'cut to its header', file: () => cacheFile(source, data).subarray(0, HEADER)},
    {name: 'empty', file: () => Buffer.alloc(0)},
    {name: 'made with one copy, read as the bundles are (two)', file: () => cacheFile(source, data, 1)},
    {name: 'made with two copies, read as the executable is (one)', file: () => cacheFile(source, data), copies: 1},
    {name: 'made from another bundle of the same length', file: () => cacheFile(Buffer.from(source.toString('latin1').replace('n * 2', 'n * 3')), data)},
  ])('refuses a file $name', ({file, copies}) => {
    expect(cachedDataFor(file(), source, copies)).toBeUndefined()
  })
})
