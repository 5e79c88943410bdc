import type {Hook} from '@oclif/core'
import {createMasker} from '../credentials/mask.js'
import {processSecrets} from '../credentials/process-secrets.js'
import {ExitCode} from '../errors.js'
import {colorLevel} from '../io.js'
import {errorLine, unknownCommandMessage} from '../output/render.js'

/**
 * `ddcli monitors` or `ddcli api lst`: one `ddcli:` line naming the help to read, exit 2, as for every bad input
 * (oclif's own ` ›   Error: command ... not found` has neither, and colours by stdout's terminal, not stderr's).
 * Masked: a secret pasted where the command goes is not echoed.
 */
const hook: Hook.CommandNotFound = async function (options) {
  const words = options.id.split(':')
  const topics = new Set(options.config.topics.map((topic) => topic.name))
  let topic = words.length - 1
  while (topic > 0 && !topics.has(words.slice(0, topic).join(':'))) topic--
  const env = {...process.env}
  const argv = [options.id, ...(options.argv ?? [])]
  const color = colorLevel(Boolean(process.stderr.isTTY), env, argv.includes('--no-color'))
  const mask = createMasker(processSecrets(argv, env))
  process.stderr.write(mask(errorLine(unknownCommandMessage(options.config.bin, words.slice(0, topic), words.slice(topic, topic + 1)), color)))
  process.exitCode = ExitCode.usage
}

export default hook
