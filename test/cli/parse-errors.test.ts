import {describe, expect, it} from 'vitest'
import {CONFIG_KEYS} from '../../src/config/keys.js'
import {colorFlags} from '../../src/flags.js'
import {commandClasses, OCLIF_COMMANDS, runInProcess} from '../helpers/in-process.js'

// Every message oclif's parser writes, for every command and flag there is (read from the command classes, so a new
// command or flag is covered as soon as it exists): ddcli's own line, exit 2, nothing of oclif's wording.

type Def = {char?: string, aliases?: string[], type?: string, multiple?: boolean, hidden?: boolean, exclusive?: string[], dependsOn?: string[], options?: string[], required?: boolean}
const OCLIF_WORDING = /Missing \d+ required|required arg|expects a value|Unexpected argument|to be one of|can only be specified|cannot also be provided|following errors? occurred|See more help|^\s+at /m

const classes = (await commandClasses()).filter(({id}) => !Object.hasOwn(OCLIF_COMMANDS, id.replace(/:/g, ' ')) && id !== '__complete')
const commands = classes.map(({id, command}) => ({
  id: id.replace(/:/g, ' '),
  args: Object.entries((command.args ?? {}) as Record<string, Def>),
  flags: Object.entries({...colorFlags, ...command.flags} as Record<string, Def>).filter(([, def]) => !def.hidden),
}))
/** A value each argument accepts, so that only the case under test fails. */
const fullArgs = (args: Array<[string, Def]>) => args.map(([, def]) => def.options?.[0] ?? 'x')

async function failure(id: string, argv: string[]) {
  const result = await runInProcess([...id.split(' '), ...argv])
  expect(result.code, `${id} ${argv.join(' ')}`).toBe(2)
  expect(result.stdout.toString()).toBe('')
  expect(result.stderr).toMatch(/^ddcli: [^\n]+\n$/)
  expect(result.stderr).not.toMatch(OCLIF_WORDING)
  return result.stderr
}

describe('oclif\'s parse errors get ddcli\'s own line for every command and flag', () => {
  it('knows the commands only oclif runs take no argument and no flag with a value (else cover them here)', async () => {
    for (const id of Object.keys(OCLIF_COMMANDS)) {
      const command = (await OCLIF_COMMANDS[id]!()).default as {args?: object, flags?: Record<string, Def>}
      expect(Object.keys(command.args ?? {}), id).toEqual([])
      expect(Object.values(command.flags ?? {}).filter((def) => def.type === 'option'), id).toEqual([])
    }
  })

  const missingArgs = commands.flatMap(({id, args}) => args.filter(([, def]) => def.required).map(([name], index) => ({id, name, given: fullArgs(args).slice(0, index)})))
  it.each(missingArgs)('ddcli $id without $name says what it needs, with an example', async ({id, given}) => {
    expect(await failure(id, given)).toMatch(new RegExp(`^ddcli: ddcli ${id} needs .+; e\\.g\\. .*ddcli ${id} `))
  })

  const valueFlags = commands.flatMap(({id, flags}) => flags.filter(([, def]) => def.type === 'option').flatMap(([name, def]) => [
    `--${name}`, ...(def.char ? [`-${def.char}`] : []), ...(def.aliases ?? []).map((alias) => `--${alias}`),
  ].map((typed) => ({id, typed, multiple: Boolean(def.multiple)}))))
  it.each(valueFlags)('ddcli $id $typed without a value names $typed as typed and what it expects', async ({id, typed}) => {
    expect(await failure(id, [typed])).toMatch(new RegExp(`^ddcli: ${typed} expects [^;]+; (e\\.g\\. ${typed} \\S|better, set DD_\\w+ \\(a flag shows in ps\\))`))
  })

  it.each(valueFlags.filter(({typed}) => typed.startsWith('--')))('ddcli $id $typed followed by another flag says that flag is not its value', async ({id, typed}) => {
    const line = await failure(id, [typed, '--no-color'])
    // The word after a credential flag counts as a secret, so it is neither named nor shown.
    if (/better, set DD_/.test(line)) expect(line).not.toMatch(/no-color/)
    else expect(line).toMatch(`"--no-color" is a flag; write ${typed}=VALUE for a value that starts with -`)
  })

  it.each(valueFlags.filter(({multiple}) => !multiple))('ddcli $id $typed given twice says to give it once', async ({id, typed}) => {
    expect(await failure(id, [`${typed}`, 'a', `${typed}`, 'b'])).toMatch(new RegExp(`^ddcli: ${typed} was given more than once; give it once`))
  })

  const booleans = commands.flatMap(({id, args, flags}) => flags.filter(([, def]) => def.type === 'boolean').map(([name]) => ({id, name, args: fullArgs(args)})))
  it.each(booleans)('ddcli $id --$name=yes says --$name takes no value', async ({id, name, args}) => {
    expect(await failure(id, [...args, `--${name}=yes`])).toMatch(new RegExp(`^ddcli: --${name} takes no value; write --${name} alone`))
  })

  it.each(commands.map(({id, args}) => ({id, args: fullArgs(args), takes: args.length === 0 ? 'no argument' : args.map(([name, def]) => (def.required ? name.toUpperCase() : `[${name.toUpperCase()}]`)).join(' ')})))(
    'ddcli $id with one argument too many says what it takes', async ({id, args, takes}) => {
      // A flag first, so that the word is an argument of the command rather than a command id of oclif's.
      expect(await failure(id, ['--no-color', ...args, 'extra'])).toMatch(`ddcli ${id} takes ${takes.replace(/[[\]]/g, (c) => c)}, so "extra" is one too many`)
    })

  const optionArgs = commands.flatMap(({id, args}) => args.filter(([, def]) => def.options).map(([name, def]) => ({id, name, options: def.options!})))
  it.each(optionArgs)('ddcli $id with a $name it does not know names the valid ones', async ({id, name, options}) => {
    expect(await failure(id, ['nope'])).toMatch(`ddcli ${id}'s ${name.toUpperCase()} must be ${options.slice(0, -1).join(', ')} or ${options.at(-1)}, not "nope"`)
  })

  const exclusive = commands.flatMap(({id, args, flags}) => flags.filter(([, def]) => def.exclusive?.length).flatMap(([name, def]) => def.exclusive!.map((other) => ({id, name, other, args: fullArgs(args), defs: Object.fromEntries(flags)}))))
  it.each(exclusive)('ddcli $id --$name with --$other says they cannot be used together', async ({id, name, other, args, defs}) => {
    const given = (flag: string) => (defs[flag]?.type === 'option' ? [`--${flag}`, 'x'] : [`--${flag}`])
    expect(await failure(id, [...args, ...given(name), ...given(other)])).toMatch(/ cannot be used together; drop one/)
  })

  it('found the commands, flags and arguments to check (the enumeration itself works)', () => {
    expect(commands.map(({id}) => id)).toEqual(expect.arrayContaining(['call', 'batch', 'completion', 'config get', 'config set', 'auth status']))
    expect(missingArgs.length).toBeGreaterThanOrEqual(8)
    expect(valueFlags.length).toBeGreaterThanOrEqual(60)
    expect(optionArgs.map(({id}) => id)).toContain('completion')
    expect(exclusive.length).toBeGreaterThan(0)
  })
})

describe('the keys named when config get, set or unset has none', () => {
  it.each(['get', 'set', 'unset'])('config %s names every config key', async (verb) => {
    const line = await failure(`config ${verb}`, [])
    for (const {key} of CONFIG_KEYS) expect(line).toContain(key)
  })
})

describe('a multiple flag that took the arguments', () => {
  it('says to give METHOD and PATH before -f, naming what -f took', async () => {
    const result = await runInProcess(['call', '-f', 'a=b', 'GET', '/api/v1/validate'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('ddcli: ddcli call needs METHOD [PATH] before the flags: -f takes every word up to the next flag, so it took "GET /api/v1/validate"; write ddcli call GET /api/v1/validate -f ...\n')
  })

  it.each([
    {name: '--arg NAME VALUE', args: ['--jq', '$x', '--arg', 'x', '1', 'GET', '/api/v1/validate'], flag: '--arg'},
    {name: '--arg NAME=VALUE', args: ['--jq', '$x', '--arg', 'x=1', 'GET', '/api/v1/validate'], flag: '--arg'},
    {name: 'two --argjson, the first of two words', args: ['--argjson', 'x', '1', '--argjson', 'y=2', 'GET', '/api/v1/validate', '--jq', '$x'], flag: '--argjson'},
    {name: '--arg=NAME VALUE', args: ['--jq', '$x', '--arg=x', '1', 'GET', '/api/v1/validate'], flag: '--arg'},
  ])('names only the words after its NAME and VALUE when $name took METHOD and PATH', async ({args, flag}) => {
    const result = await runInProcess(['call', ...args])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(`ddcli: ddcli call needs METHOD [PATH] before the flags: ${flag} takes every word up to the next flag, so it took "GET /api/v1/validate"; write ddcli call GET /api/v1/validate ${flag} ...\n`)
  })

  it('never echoes a secret it took', async () => {
    const key = '0123456789abcdef0123456789abcdef'
    const result = await runInProcess(['call', '-H', 'X-A: b', key])
    expect(result.stderr).not.toContain(key)
  })
})
