import {readFileSync} from 'node:fs'
import {Parser} from '@oclif/core'
import {describe, expect, it} from 'vitest'
import {commandClasses} from '../helpers/in-process.js'

// Every visible command, from the command classes of src/commands (test/structure/modules.test.ts keeps the runner's
// list complete), so commands added later are covered without touching this file, and no build is needed.
const commands = (await commandClasses()).filter(({command}) => !command.hidden).sort((a, b) => a.id.localeCompare(b.id))
const bin = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {oclif: {bin: string}}).oclif.bin
const fill = (text: string) => text.replaceAll('<%= config.bin %>', bin)

/**
 * The argv of `ddcli <command words> ...` inside a shell example: the words after the command, shell quotes removed,
 * up to an unquoted `|`, `)`, `>`, `;` or `&` (so `$(ddcli auth token)` and `source <(ddcli completion bash)` work).
 */
function exampleArgv(example: string, id: string): string[] | undefined {
  const head = `${bin} ${id.split(':').join(' ')}`
  const at = [...example.matchAll(new RegExp(`(^|[\\s'"(])${head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[\\s'")|;&>])`, 'g'))][0]
  if (!at) return undefined
  const argv: string[] = []
  let word: string | undefined
  let quote: string | undefined
  for (const char of example.slice(at.index + at[0].length)) {
    if (quote) {
      if (char === quote) quote = undefined
      else word = (word ?? '') + char
    } else if (char === '"' || char === '\'') {
      quote = char
      word ??= ''
    } else if (/\s/.test(char)) {
      if (word !== undefined) argv.push(word)
      word = undefined
    } else if ('|)>;&'.includes(char)) {
      break
    } else {
      word = (word ?? '') + char
    }
  }
  if (word !== undefined) argv.push(word)
  return argv
}

describe('exampleArgv', () => {
  it.each([
    {name: 'takes the words after the command', example: 'ddcli call GET /x -f a=1', id: 'call', want: ['GET', '/x', '-f', 'a=1']},
    {name: 'removes shell quotes and keeps what they hold', example: `ddcli call POST /x -F q="a > b" -f 'c|d'`, id: 'call', want: ['POST', '/x', '-F', 'q=a > b', '-f', 'c|d']},
    {name: 'stops at a pipe', example: 'echo x | ddcli auth set-pat --profile p | cat', id: 'auth:set-pat', want: ['--profile', 'p']},
    {name: 'stops at the end of a command substitution', example: 'curl -H "A: $(ddcli auth token)" https://x', id: 'auth:token', want: []},
    {name: 'stops at a redirection', example: 'ddcli completion zsh > "$HOME/_ddcli"', id: 'completion', want: ['zsh']},
    {name: 'finds no invocation of another command', example: 'ddcli config path', id: 'config:get', want: undefined},
  ])('$name', ({example, id, want}) => {
    expect(exampleArgv(example, id)).toEqual(want)
  })
})

describe('every command', () => {
  it('is found', () => {
    expect(commands.map(({id}) => id)).toEqual(expect.arrayContaining(['call', 'completion', 'auth:status', 'config:set', 'help', 'version']))
  })

  it.each(commands)('$id has a summary, a description and examples', ({command}) => {
    expect(command.summary?.trim(), 'summary').toBeTruthy()
    expect(command.description?.trim(), 'description').toBeTruthy()
    expect(command.description?.trim(), 'a description that says more than the summary').not.toBe(command.summary?.trim())
    expect(command.examples?.length, 'examples').toBeGreaterThan(0)
  })

  const examples = commands.flatMap(({id, command}) => (command.examples ?? []).map((example) => ({id, command, example: fill(typeof example === 'string' ? example : example.command)})))

  it.each(examples)('$id: `$example` invokes the command with arguments and flags it accepts', async ({id, command, example}) => {
    const argv = exampleArgv(example, id)
    expect(argv, `no "${bin} ${id.split(':').join(' ')}" in the example`).toBeDefined()
    await expect(Parser.parse(argv!, {
      flags: {...command.baseFlags, ...command.flags},
      args: command.args ?? {},
      strict: command.strict ?? true,
    })).resolves.toBeDefined()
  })
})
