import {readdir, readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {packSchemas, readPack, schemaFromPack} from '../../src/sea/schemas.js'

const dir = fileURLToPath(new URL('../../src/spec/schemas/', import.meta.url))

async function allSchemas(): Promise<Array<[string, Buffer]>> {
  const files: Array<[string, Buffer]> = []
  for (const version of await readdir(dir)) {
    for (const name of await readdir(`${dir}${version}`)) files.push([`${version}/${name.replace(/\.json$/, '')}`, await readFile(`${dir}${version}/${name}`)])
  }
  return files
}

describe('the single executable\'s schema pack', () => {
  it('gives back every schema file byte for byte, in a fraction of their size', async () => {
    const files = await allSchemas()
    expect(files.length).toBeGreaterThan(500)
    const bytes = packSchemas(files)
    const pack = readPack(bytes)
    for (const [key, file] of files) expect(schemaFromPack(pack, key), key).toBe(file.toString('utf8'))
    expect(bytes.length).toBeLessThan(files.reduce((sum, [, file]) => sum + file.length, 0) / 3)
  })

  it.each(['v1/NoSuchOperation', 'v3/CreateMonitor', '__proto__', 'constructor', 'v1/hasOwnProperty', ''])('answers ENOENT for %j, as a missing file does', (key) => {
    const pack = readPack(packSchemas([['v1/CreateMonitor', Buffer.from('{"a":1}')]]))
    expect(() => schemaFromPack(pack, key)).toThrow(expect.objectContaining({code: 'ENOENT'}) as Error)
    expect(schemaFromPack(pack, 'v1/CreateMonitor')).toBe('{"a":1}')
  })

  it('refuses bytes with no index line, naming the fix', () => {
    expect(() => readPack(Buffer.from('{}'))).toThrow('schemas.pack has no index: the executable is broken, rebuild it')
  })
})
