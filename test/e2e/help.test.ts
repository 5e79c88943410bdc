import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

const manifest = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8')) as {commands: Record<string, {hidden?: boolean, flags: Record<string, unknown>}>}
const commands = Object.entries(manifest.commands).filter(([, c]) => !c.hidden).map(([id]) => id.replace(/:/g, ' '))
const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string

describe('help and version as in every oclif CLI', () => {
  it.each([
    {name: 'ddcli help lists the commands and the help topics', args: ['help'], out: /COMMANDS[\s\S]*call {2,}Send an authenticated request[\s\S]*HELP TOPICS\n {2}help environment/},
    {name: 'ddcli with no argument shows the same root help', args: [], out: /TOPICS[\s\S]*HELP TOPICS/},
    {name: 'ddcli help call shows the help of call', args: ['help', 'call'], out: /^Send an authenticated request to the Datadog API\n\nUSAGE\n {2}\$ ddcli call METHOD/},
    {name: 'ddcli help auth status shows the help of auth status', args: ['help', 'auth', 'status'], out: /USAGE\n {2}\$ ddcli auth status/},
    {name: 'ddcli help auth shows the auth topic', args: ['help', 'auth'], out: /auth set-pat {2,}Store a Personal Access Token/},
    {name: 'ddcli call -h is --help', args: ['call', '-h'], out: /USAGE\n {2}\$ ddcli call METHOD/},
    {name: 'ddcli call GET /x --help is the help of call', args: ['call', 'GET', '/x', '--help'], out: /USAGE\n {2}\$ ddcli call METHOD/},
    {name: 'ddcli help environment lists the variables with their precedence', args: ['help', 'environment'], out: /DD_APP_KEY +application key, sent as DD-APPLICATION-KEY\. After --app-key, before\s+DATADOG_APP_KEY/},
    {name: 'ddcli help exit-codes lists the codes', args: ['help', 'exit-codes'], out: /^ {2}4 {4}no credentials$/m},
    {name: 'ddcli version prints the version', args: ['version'], out: new RegExp(`^ddcli/${version.replace(/\./g, '\\.')} \\S+ node-v\\d+`)},
    {name: 'ddcli --version prints the version', args: ['--version'], out: new RegExp(`^ddcli/${version.replace(/\./g, '\\.')} `)},
  ])('$name', async ({args, out}) => {
    const result = await runCli(args)
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 0, stderr: ''})
    expect(result.stdout.toString()).toMatch(out)
  })

  it.each([
    {name: 'ddcli help with an unknown command suggests the closest', args: ['help', 'cal'], line: /^ddcli: unknown command "cal"; did you mean ddcli call\?\n$/},
    {name: 'ddcli help with an unknown topic word suggests the closest', args: ['help', 'auth', 'stauts'], line: /did you mean ddcli auth status\?\n$/},
    {name: '--help after an unknown command suggests the closest', args: ['api', 'lst', '--help'], line: /did you mean ddcli api list\?\n$/},
  ])('$name', async ({args, line}) => {
    const result = await runCli(args)
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('')
    expect(result.stderr).toMatch(line)
  })
})

describe('the word help after a command or topic, as git and gh take it', () => {
  // A profile may be named help, and help is a word to search for: those two keep it as their argument.
  const valueTakers = ['auth switch', 'api list']
  const topics = [...new Set(commands.filter((id) => id.includes(' ')).map((id) => id.split(' ')[0]!))]
  const subjects = [...commands.filter((id) => !valueTakers.includes(id) && id !== 'help'), ...topics]
  const helpOf = async (id: string) => {
    const result = await runCli(['help', ...id.split(' ')])
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 0, stderr: ''})
    return result.stdout.toString()
  }

  it.each(subjects)('ddcli %s help shows what ddcli help shows for it', async (id) => {
    const result = await runCli([...id.split(' '), 'help'])
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 0, stderr: ''})
    const expected = await helpOf(id)
    expect(expected).toMatch(/\nUSAGE\n|\nCOMMANDS\n/)
    expect(result.stdout.toString()).toBe(expected)
  })

  it.each([
    {name: 'call help GET is the help of call', args: ['call', 'help', 'GET'], id: 'call'},
    {name: 'call help with flags after it is the help of call', args: ['call', 'help', '--site', 'eu'], id: 'call'},
    {name: 'call --help GET is the help of call', args: ['call', '--help', 'GET'], id: 'call'},
    {name: 'auth help status is the help of auth status', args: ['auth', 'help', 'status'], id: 'auth status'},
    {name: 'config help set is the help of config set', args: ['config', 'help', 'set'], id: 'config set'},
  ])('$name', async ({args, id}) => {
    const result = await runCli(args)
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 0, stderr: ''})
    expect(result.stdout.toString()).toBe(await helpOf(id))
  })

  it('keeps help as the profile name of auth switch', async () => {
    const result = await runCli(['auth', 'switch', 'help'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^ddcli: no profile help in the config file/)
  })

  it('keeps help as a word after METHOD (a path), not a request for help', async () => {
    const result = await runCli(['call', 'GET', 'help'])
    expect(result.stdout.toString()).not.toMatch(/USAGE/)
  })
})

describe('the help text of every command', async () => {
  const helps = await Promise.all(commands.map(async (id) => ({id, text: (await runCli([...id.split(' '), '--help'])).stdout.toString()})))

  it.each(helps)('ddcli $id --help has no empty default, shows examples as shell lines and keeps to 80 columns outside examples', ({text}) => {
    expect(text).not.toContain('[default: ]')
    expect(text).not.toMatch(/DD_API_KEY=\$DD_API_KEY/)
    const examples = text.split('\nEXAMPLES\n')[1]
    if (examples) for (const line of examples.split('\n').filter(Boolean)) expect(line).toMatch(/^ {2}\$ /)
    for (const line of text.split('\nEXAMPLES\n')[0]!.split('\n')) expect(line.length).toBeLessThanOrEqual(80)
  })

  it.each(helps.filter(({text}) => text.includes('--bearer-token')))('ddcli $id --help shows the --pat alias', ({text}) => {
    expect(text).toMatch(/alias: --pat/)
  })

  it('auth token lists only the flags it uses', () => {
    expect(Object.keys(manifest.commands['auth:token']!.flags).sort()).toEqual(['bearer-token', 'no-color', 'profile'])
  })
})
