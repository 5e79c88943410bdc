import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {parse} from '@oclif/core/parser'
import {describe, expect, it} from 'vitest'
import {parseFailureText} from '../../src/suggest/index.js'

// oclif's messages that no ddcli command can raise today (flag options, dependsOn, required flags, exactlyOne), from
// oclif's own parser over made-up definitions, so that a command that starts using them is already covered.

const flags = {
  format: Flags.string({char: 'o', options: ['json', 'table']}),
  since: Flags.string({dependsOn: ['until']}),
  until: Flags.string(),
  id: Flags.string({required: true}),
  a: Flags.boolean({exactlyOne: ['a', 'b']}),
  b: Flags.boolean({exactlyOne: ['a', 'b']}),
  x: Flags.boolean({exclusive: ['y']}),
  y: Flags.boolean(),
}
const args = {kind: Args.string({options: ['monitor', 'dashboard']})}

async function line(argv: string[]): Promise<string | undefined> {
  try {
    await parse(argv, {args, flags, strict: true})
  } catch (error: unknown) {
    return parseFailureText(error as Error, {id: 'demo', args: args as never, flags: flags as never}, argv)
  }
  throw new Error(`${argv.join(' ')} parsed`)
}

describe('ddcli\'s lines for oclif messages no command raises yet', () => {
  it.each([
    {name: 'a flag value not among its options, with the closest', argv: ['--id', '1', '--format', 'jsn', '--a'], want: '--format must be json or table, not "jsn"; did you mean json?'},
    {name: 'a flag value not among its options, by its char', argv: ['--id', '1', '-o', 'yaml', '--a'], want: '-o must be json or table, not "yaml"; e.g. -o json'},
    {name: 'a flag with options and no value', argv: ['--id', '1', '--format'], want: '--format expects one of json or table; e.g. --format json'},
    {name: 'a flag that needs another', argv: ['--id', '1', '--a', '--since', '1h'], want: '--since also needs --until (see ddcli demo --help)'},
    {name: 'a required flag not given', argv: ['--a'], want: 'ddcli demo needs --id (see ddcli demo --help)'},
    {name: 'exactly one of two flags', argv: ['--id', '1'], want: 'give exactly one of --a or --b (see ddcli demo --help)'},
    {name: 'two exclusive booleans', argv: ['--id', '1', '--a', '--x', '--y'], want: '--x and --y cannot be used together; drop one (see ddcli demo --help)'},
    {name: 'an argument not among its options', argv: ['--id', '1', '--a', 'monitr'], want: 'ddcli demo\'s KIND must be monitor or dashboard, not "monitr"; did you mean monitor?'},
  ])('$name', async ({argv, want}) => {
    expect(await line(argv)).toBe(want)
  })

  it('leaves an error that is not one of oclif\'s parse messages to the caller', () => {
    expect(parseFailureText(new Error('something else'), {id: 'demo', args: {}, flags: {}}, [])).toBeUndefined()
  })
})
