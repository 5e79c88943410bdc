import {looksLikeMethod} from '../http/request.js'
import type {Operation} from '../spec/index.js'
import {byPrefix, operationCandidates, pathCandidates} from './operations.js'

/** A flag as completion sees it; built from oclif's cached command metadata. */
export interface FlagSpec {
  name: string
  char?: string
  aliases?: readonly string[]
  takesValue: boolean
  multiple?: boolean
  options?: readonly string[]
}

/** A command as completion sees it: its id (`api:list`), flags and positional argument names. */
export interface CommandSpec {
  id: string
  flags: readonly FlagSpec[]
  args: ReadonlyArray<{name: string, options?: readonly string[]}>
}

/** What candidates are drawn from; operations are loaded only when an argument needs them. */
export interface CompletionSources {
  commands: readonly CommandSpec[]
  operations: () => Promise<readonly Operation[]>
  /** Values for an option flag without a fixed list, by flag name (e.g. site); asked only when that flag is completed. */
  flagValues?: (flagName: string) => readonly string[]
}

/** Arguments completed from the operations index, by command id and position. */
const DYNAMIC: Record<string, (ops: readonly Operation[], position: number, before: readonly string[], word: string) => string[]> = {
  call: (ops, position, before, word) => {
    if (position === 0) return operationCandidates(ops, word)
    return position === 1 && looksLikeMethod(before[0]!) ? pathCandidates(ops, word, before[0]) : []
  },
  'api:show': (ops, position, before, word) => {
    if (position === 0) return word.startsWith('/') ? pathCandidates(ops, word) : operationCandidates(ops, word)
    return position === 1 && looksLikeMethod(before[0]!) ? pathCandidates(ops, word, before[0]) : []
  },
}

/** The values an option flag takes: its fixed options, else the ones the sources know for it (e.g. sites). */
function flagValues(flag: FlagSpec, sources: CompletionSources): readonly string[] {
  return flag.options ?? sources.flagValues?.(flag.name) ?? []
}

const ROOT_FLAGS = ['--help', '--version']

function findFlag(command: CommandSpec, word: string): FlagSpec | undefined {
  if (word.startsWith('--')) {
    const name = word.slice(2).split('=')[0]
    return command.flags.find((f) => f.name === name || f.aliases?.includes(name!))
  }
  return command.flags.find((f) => f.char !== undefined && word === `-${f.char}`)
}

/** Next words of command ids and topics after the typed ones, e.g. `list` and `show` after `api`. */
function commandWords(commands: readonly CommandSpec[], typed: readonly string[], word: string): string[] {
  const next = commands
    .map((c) => c.id.split(':'))
    .filter((parts) => parts.length > typed.length && typed.every((t, i) => parts[i] === t))
    .map((parts) => parts[typed.length]!)
  return byPrefix(next, word)
}

/**
 * The candidates for the last word of a command line (the words after the binary name; the last one is being typed
 * and may be empty): topics and commands, then a command's flags (`-` typed), flag values and arguments.
 */
export async function completeWords(words: readonly string[], sources: CompletionSources): Promise<string[]> {
  const word = words.at(-1) ?? ''
  const before = words.slice(0, -1)
  const typed: string[] = []
  let command: CommandSpec | undefined
  let rest: string[] = []
  // The longest id wins where a command is also a topic (`config` and `config set`).
  for (let i = 0; i < before.length; i++) {
    if (before[i]!.startsWith('-')) continue
    typed.push(before[i]!)
    const id = typed.join(':')
    const match = sources.commands.find((c) => c.id === id)
    if (match) [command, rest] = [match, before.slice(i + 1)]
    if (!sources.commands.some((c) => c.id.startsWith(`${id}:`))) break
  }
  if (!command) {
    if (word.startsWith('-')) return typed.length === 0 ? byPrefix(ROOT_FLAGS, word) : []
    return commandWords(sources.commands, typed, word)
  }
  const positional: string[] = []
  let pending: FlagSpec | undefined
  let dashes = false
  for (const w of rest) {
    if (pending) pending = undefined
    else if (dashes || !w.startsWith('-') || w === '-') positional.push(w)
    else if (w === '--') dashes = true
    else {
      const flag = findFlag(command, w)
      if (flag?.takesValue && !w.includes('=')) pending = flag
    }
  }
  if (pending) return byPrefix(flagValues(pending, sources), word)
  if (word.startsWith('--') && word.includes('=') && !dashes) {
    // `--site=datad`: the values of that flag, each as the whole word the shell replaces.
    const flag = findFlag(command, word)
    const head = word.slice(0, word.indexOf('=') + 1)
    return flag?.takesValue ? byPrefix(flagValues(flag, sources), word.slice(head.length)).map((value) => `${head}${value}`) : []
  }
  if (word.startsWith('-') && !dashes) {
    const used = new Set(rest.map((w) => findFlag(command, w)?.name))
    const names = command.flags.filter((f) => f.multiple || !used.has(f.name)).map((f) => `--${f.name}`)
    return byPrefix([...names, '--help'], word)
  }
  const dynamic = DYNAMIC[command.id]
  if (dynamic) return dynamic(await sources.operations(), positional.length, positional, word)
  return byPrefix(command.args[positional.length]?.options ?? [], word)
}
