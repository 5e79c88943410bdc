import {describe, expect, it} from 'vitest'
import {launchFast as launchCall} from '../../src/launch/call.js'
import {launchFast} from '../../src/launch/entry.js'
import {launch, type LaunchDeps} from '../../src/launch/main.js'
import type {LaunchTable} from '../../src/launch/table.js'

// The fast launcher's decisions, in process: what it runs itself and what it leaves to oclif. test/e2e/launch.test.ts
// checks that both paths print the same bytes.
const table: LaunchTable = {name: 'ddcli', version: '9.9.9', helpFlags: ['--help', '-h'], versionFlags: ['--version', '-v']}
// A config dir with no theme.json: help into a pipe is rendered as the build rendered it.
const NO_THEME = {DDCLI_CONFIG_DIR: '/nonexistent/ddcli'}
const texts = {'': 'root help\n', call: 'call help\n', 'auth status': 'status help\n'}

function deps(options: {tty?: boolean, call?: boolean} = {}) {
  const written: string[] = []
  const calls: string[][] = []
  const value: LaunchDeps = {
    table,
    helpTexts: () => texts,
    loadCall: () => (options.call === false ? undefined : async (argv) => {
      calls.push(argv)
    }),
    stdoutIsTTY: options.tty ?? false,
    write: (text) => written.push(text),
  }
  return {value, written, calls}
}

describe('launch', () => {
  it.each([
    {name: 'call runs on the fast path with the argv after call', argv: ['call', 'GET', '/x'], handled: true, calls: [['GET', '/x']], written: []},
    {name: 'piped help of a command is the pre-rendered text', argv: ['auth', 'status', '--help'], handled: true, calls: [], written: ['status help\n']},
    {name: 'piped -h of the root', argv: ['-h'], handled: true, calls: [], written: ['root help\n']},
    {name: 'help of an unknown command goes to oclif', argv: ['nope', '--help'], handled: false, calls: [], written: []},
    {name: 'help after a -- is an argument, not help', argv: ['call', '--', '--help'], handled: true, calls: [['--', '--help']], written: []},
    {name: 'help with more after it goes to oclif', argv: ['call', '--help', 'GET'], handled: false, calls: [], written: []},
    {name: 'one word holding a space names no command', argv: ['auth status', '--help'], handled: false, calls: [], written: []},
    {name: 'any other command goes to oclif', argv: ['auth', 'status'], handled: false, calls: [], written: []},
    {name: 'no arguments is the root help', argv: [], handled: true, calls: [], written: ['root help\n']},
  ])('$name', async ({argv, handled, calls, written}) => {
    const d = deps()
    expect(await launch(argv, NO_THEME, d.value)).toBe(handled)
    expect(d.calls).toEqual(calls)
    expect(d.written).toEqual(written)
  })

  it('prints the version line as oclif does', async () => {
    const d = deps()
    expect(await launch(['--version'], NO_THEME, d.value)).toBe(true)
    expect(d.written).toEqual([`ddcli/9.9.9 ${process.platform}-${process.arch === 'ia32' ? 'x86' : process.arch} node-${process.version}\n`])
  })

  it.each([
    {name: 'DEBUG', env: {DEBUG: '*'}},
    {name: 'DDCLI_NO_FAST_PATH', env: {DDCLI_NO_FAST_PATH: '1'}},
    {name: 'FORCE_COLOR (help would be coloured)', env: {FORCE_COLOR: '1'}, argv: ['call', '--help']},
    {name: 'OCLIF_COLUMNS (help would be wrapped otherwise)', env: {OCLIF_COLUMNS: '120'}, argv: ['call', '--help']},
  ])('leaves everything to oclif with $name', async ({env, argv}) => {
    const d = deps()
    expect(await launch(argv ?? ['call', 'GET', '/x'], {...NO_THEME, ...env}, d.value)).toBe(false)
    expect(d.calls).toEqual([])
  })

  it('leaves help on a terminal to oclif, which colours and wraps it', async () => {
    expect(await launch(['call', '--help'], NO_THEME, deps({tty: true}).value)).toBe(false)
  })

  it('leaves call to oclif when its bundle does not load', async () => {
    expect(await launch(['call', 'GET', '/x'], NO_THEME, deps({call: false}).value)).toBe(false)
  })
})

describe('the bundle entries', () => {
  it('run call with the bundle the loader gives, and leave the rest to oclif', async () => {
    const calls: string[][] = []
    const loader = {helpFile: '/nonexistent/help.json', loadScript: () => ({runCallCommand: async (argv: string[]) => {
      calls.push(argv)
    }})}
    Object.assign(globalThis, {__DDCLI_LAUNCH_TABLE__: table})
    expect(await launchFast(['call', 'GET', '/x'], loader)).toBe(true)
    expect(calls).toEqual([['GET', '/x']])
    // Help texts that cannot be read leave help to oclif.
    expect(await launchFast(['call', '--help'], loader)).toBe(false)
    expect(await launchCall(['auth', 'status'], loader)).toBe(false)
  })
})
