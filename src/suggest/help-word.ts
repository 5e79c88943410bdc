import type {CommandSet} from './commands.js'

/**
 * Commands whose first argument may be the word help as a value: a profile named help, a search for "help", the
 * words a shell completes (`ddcli help <TAB>` calls `ddcli __complete help ''`).
 */
const HELP_IS_A_VALUE = new Set(['auth switch', 'api list', '__complete'])

/**
 * The words of the help that `ddcli WORDS help REST` asks for, as git and gh read it (`ddcli call help`, `ddcli auth
 * help status`, `ddcli batch help`): `help` right after a command or topic, whose words and REST (flags included)
 * name the subject. Undefined for anything else. No method, operationId, config key or shell is named help, so
 * only a command that takes a free value (HELP_IS_A_VALUE) keeps the word as its argument.
 */
export function helpWordSubject(words: readonly string[], known: CommandSet): string[] | undefined {
  const at = words.indexOf('help')
  if (at < 1) return undefined
  const before = words.slice(0, at).join(' ')
  if (HELP_IS_A_VALUE.has(before) || !(known.commands.includes(before) || known.topics.includes(before))) return undefined
  return [...words.slice(0, at), ...words.slice(at + 1)]
}
