import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {chmod, mkdir, rm, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {makeTempDir, runCli} from '../helpers/cli.js'

// oclif reads files of its own beside ddcli's: user plugins from <data dir>/package.json (DDCLI_DATA_DIR, else
// $XDG_DATA_HOME/ddcli, else ~/.local/share/ddcli) and a theme from <config dir>/theme.json. ddcli has no plugins.
let root: string
beforeEach(async () => {
  root = await makeTempDir('ddcli-oclif-dirs-')
})
afterEach(async () => {
  await rm(root, {recursive: true, force: true})
})

describe('oclif user plugins', () => {
  /** A plugin whose init hook, run before any command, writes a marker: code a package.json in the data dir names. */
  async function plantPlugin(dataDir: string): Promise<string> {
    const plugin = join(root, 'plugin')
    const marker = join(root, 'ran')
    await mkdir(plugin, {recursive: true})
    await writeFile(join(plugin, 'package.json'), JSON.stringify({name: 'planted', version: '1.0.0', oclif: {hooks: {init: './hook.js'}}}))
    await writeFile(join(plugin, 'hook.js'), `module.exports = async () => require('node:fs').writeFileSync(${JSON.stringify(marker)}, String(process.env.DD_API_KEY))\n`)
    await mkdir(dataDir, {recursive: true})
    await writeFile(join(dataDir, 'package.json'), JSON.stringify({oclif: {plugins: [{type: 'link', name: 'planted', root: plugin}]}}))
    return marker
  }

  it.each([
    {name: 'from $XDG_DATA_HOME/ddcli', env: (data: string) => ({XDG_DATA_HOME: data}), dir: (data: string) => join(data, 'ddcli')},
    {name: 'from DDCLI_DATA_DIR', env: (data: string) => ({DDCLI_DATA_DIR: data}), dir: (data: string) => data},
  ])('are never loaded, so no code there runs with the credentials: $name', async ({env, dir}) => {
    const data = join(root, 'data')
    const marker = await plantPlugin(dir(data))
    for (const args of [['auth', 'status'], ['config', 'path'], ['help']]) {
      const result = await runCli(args, {env: {...env(data), DD_API_KEY: '0123456789abcdef0123456789abcdef'}})
      expect(result.code).toBe(0)
      expect(existsSync(marker)).toBe(false)
    }
  })
})

describe('a theme.json that is not a regular file', () => {
  it.each([
    {name: 'a fifo', make: async (file: string) => execFileSync('mkfifo', [file])},
    {name: 'a link to a device that never ends', make: (file: string) => symlink('/dev/zero', file)},
  ])('is not read, and the run does not wait for it: $name', async ({make}) => {
    const config = join(root, 'config')
    await mkdir(config, {recursive: true, mode: 0o700})
    await make(join(config, 'theme.json'))
    for (const args of [['auth', 'list'], ['help']]) {
      const result = await runCli(args, {env: {DDCLI_CONFIG_DIR: config}, timeoutMs: 8000})
      expect({code: result.code, timedOut: result.timedOut}).toEqual({code: 0, timedOut: false})
    }
  })
})

describe('a theme.json', () => {
  it('of this user alone colours help; one others can write to is left out', async () => {
    const config = join(root, 'config')
    await mkdir(config, {recursive: true, mode: 0o700})
    const help = async () => (await runCli(['help', 'auth', 'status'], {env: {DDCLI_CONFIG_DIR: config, FORCE_COLOR: '3'}})).stdout.toString()
    const plain = await help()
    await writeFile(join(config, 'theme.json'), JSON.stringify({bin: '#ff0000', command: '#ff0000', sectionHeader: '#00ff00'}), {mode: 0o600})
    expect(await help()).not.toBe(plain)
    await chmod(join(config, 'theme.json'), 0o666)
    expect(await help()).toBe(plain)
  })
})
