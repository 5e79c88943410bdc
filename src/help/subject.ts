import {commandNotFoundLine, shown, type CommandSet} from '../suggest/index.js'
import {closest} from '../closest.js'
import {HELP_TOPICS} from './topics.js'

/** What `ddcli help WORDS` (or `ddcli WORDS --help`) shows: a help topic, oclif's help for an id, or an error line. */
export type HelpSubject = {kind: 'topic', name: string} | {kind: 'oclif', words: string[]} | {kind: 'error', line: string}

/**
 * Picks the help subject from the words before the first flag: a help topic (`environment`), the longest command
 * prefix (`call GET /x` is help for call), a topic given alone (`auth`), or nothing (root help). Anything else is
 * an unknown command, with the same suggestion line as running it.
 */
export function helpSubject(words: readonly string[], known: CommandSet): HelpSubject {
  // `ddcli help call --help` is about call; `ddcli help --help` about the help command itself.
  const given = words[0] === 'help' && words.length > 1 ? words.slice(1) : [...words]
  if (given.length === 0) return {kind: 'oclif', words: []}
  if (Object.hasOwn(HELP_TOPICS, given[0]!)) return {kind: 'topic', name: given[0]!}
  for (let n = Math.min(given.length, 3); n > 0; n--) {
    if (known.commands.includes(given.slice(0, n).join(' '))) return {kind: 'oclif', words: given.slice(0, n)}
  }
  if (given.length === 1 && known.topics.includes(given[0]!)) return {kind: 'oclif', words: [...given]}
  const topic = given.length === 1 ? closest(given[0]!, Object.keys(HELP_TOPICS)) : []
  if (topic.length > 0) return {kind: 'error', line: `unknown help topic ${shown(given[0]!)}; did you mean ddcli help ${topic[0]}?`}
  return {kind: 'error', line: commandNotFoundLine(given, known)}
}
