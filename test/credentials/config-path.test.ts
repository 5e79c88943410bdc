import {userInfo} from 'node:os'
import {isAbsolute, join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {configDir} from '../../src/credentials/store.js'

// Where the config folder is, from the env ddcli was given alone: never from this process's own environment (an
// in-process test gives its own HOME), and never relative to the working directory.
const home = process.env.HOME
afterEach(() => {
  process.env.HOME = home
})

describe('configDir', () => {
  it.each([
    {name: 'DDCLI_CONFIG_DIR first', env: {DDCLI_CONFIG_DIR: '/c/ddcli', XDG_CONFIG_HOME: '/x', HOME: '/h'}, dir: '/c/ddcli'},
    {name: 'then XDG_CONFIG_HOME', env: {DDCLI_CONFIG_DIR: ' ', XDG_CONFIG_HOME: '/x', HOME: '/h'}, dir: '/x/ddcli'},
    {name: 'then HOME', env: {HOME: '/h'}, dir: '/h/.config/ddcli'},
  ])('$name', ({env, dir}) => {
    expect(configDir(env)).toBe(dir)
  })

  it.each([
    {name: 'unset', env: {}},
    {name: 'empty', env: {HOME: ''}},
    {name: 'blank', env: {HOME: '  '}},
  ])('with HOME $name, is in the account\'s home from the passwd entry, whatever HOME this process has', ({env}) => {
    process.env.HOME = '/not/the/env/ddcli/was/given'
    const dir = configDir(env)
    expect(isAbsolute(dir)).toBe(true)
    expect(dir).toBe(join(userInfo().homedir, '.config', 'ddcli'))
  })
})
