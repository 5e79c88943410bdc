import {describe, expect, it} from 'vitest'
import {seaFile, SEA_ROOT} from '../../src/sea/files.js'
import {isPathModule, load, loadWithData, loadWithDataFromManifest, registerModules} from '../../src/sea/module-loader.js'
import {seaJqWorkerData} from '../../src/sea/jq.js'

describe('the single executable\'s stand-in for oclif\'s module loader', () => {
  const command = {id: 'x'}
  registerModules({'dist/commands/x.js': async () => ({default: command}), 'dist/hooks/h.js': async () => ({default: 'hook'})})

  it.each([
    {name: 'a manifest entry', run: () => loadWithDataFromManifest({id: 'x', relativePath: ['dist', 'commands', 'x.js']}, SEA_ROOT)},
    {name: 'an absolute path under the root', run: () => loadWithData({}, `${SEA_ROOT}/dist/commands/x.js`)},
    {name: 'a ./ path without .js', run: () => loadWithData({}, './dist/commands/x')},
  ])('loads the bundled module for $name', async ({run}) => {
    const {filePath, isESM, module} = await run()
    expect([filePath, isESM, module.default]).toEqual([`${SEA_ROOT}/dist/commands/x.js`, true, command])
  })

  it('loads a hook with load()', async () => {
    expect((await load({}, './dist/hooks/h.js')).default).toBe('hook')
    expect(isPathModule()).toBe(true)
  })

  it('fails as oclif\'s loader does for a module the executable lacks, naming it', async () => {
    await expect(loadWithData({}, './dist/commands/nope.js')).rejects.toMatchObject({code: 'MODULE_NOT_FOUND', message: expect.stringContaining('./dist/commands/nope.js')})
    expect(() => loadWithDataFromManifest({id: 'y'}, SEA_ROOT)).toThrow('Cached command y does not have a relative path')
  })

  it('has no files and no assets outside the executable', () => {
    expect(seaFile(`${SEA_ROOT}/package.json`)).toBeUndefined()
    expect(() => seaJqWorkerData()).toThrow(/single.executable/i)
  })
})
