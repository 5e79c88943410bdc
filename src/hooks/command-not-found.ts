import type {Hook} from '@oclif/core/hooks'
import {createMasker} from '../credentials/mask.js'
import {processSecrets} from '../credentials/process-secrets.js'
import {ExitCode} from '../errors.js'
import {errorLine} from '../output/render.js'
import {stderrColor} from './stderr-color.js'
import {commandNotFoundLine, flagBeforeCommandLine, helpWordSubject, type CommandSet} from '../suggest/index.js'

/** The commands and topics of the CLI, with spaces, hidden ones left out. */
export function commandSet(config: {commands: ReadonlyArray<{id: string, hidden?: boolean}>, topics: ReadonlyArray<{name: string, hidden?: boolean}>}): CommandSet {
  return {
    commands: config.commands.filter((c) => !c.hidden).map((c) => c.id.replace(/:/g, ' ')),
    topics: config.topics.filter((t) => !t.hidden && config.commands.some((c) => c.id.startsWith(`${t.name}:`))).map((t) => t.name.replace(/:/g, ' ')),
  }
}

/**
 * oclif's `command_not_found` hook: one masked line naming the closest commands, exit 2, instead of oclif's
 * `command a:b:c not found`. The words are read from argv as typed (oclif joins them into an id with `:`).
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const argv = process.argv.slice(2)
  const firstFlag = argv.findIndex((arg) => arg.startsWith('-'))
  const words = firstFlag === -1 ? argv : argv.slice(0, firstFlag)
  // `ddcli auth help`, `ddcli batch help`: help for the topic or command, as git and gh answer it.
  const helpWords = helpWordSubject(argv, commandSet(options.config))
  if (helpWords) {
    const {loadHelpClass} = await import('@oclif/core/help')
    const Help = await loadHelpClass(options.config)
    await new Help(options.config, options.config.pjson.oclif.helpOptions).showHelp(helpWords)
    return
  }
  // `ddcli --profile staging call ...`: oclif reads the flag as the command's name.
  const line = flagBeforeCommandLine(argv, commandSet(options.config)) ?? commandNotFoundLine(words.length > 0 ? words : options.id.split(':'), commandSet(options.config))
  process.stderr.write(createMasker(processSecrets(argv, process.env))(errorLine(line, stderrColor(argv))))
  process.exitCode = ExitCode.usage
}

export default hook
