import type {Hook} from '@oclif/core/hooks'
import {createMasker} from '../credentials/mask.js'
import {processSecrets} from '../credentials/process-secrets.js'
import {ExitCode} from '../errors.js'
import {diagnostic, unknownCommandLine} from '../output/render.js'

/**
 * oclif's own "command X not found" echoes what was typed, often a secret pasted in the wrong place
 * (`ddcli auth set-pat ddpat_...`): this hook says it in one masked line instead, with exit 2.
 */
const hook: Hook<'command_not_found'> = async function ({id}) {
  const mask = createMasker(processSecrets(process.argv.slice(2), process.env))
  process.stderr.write(mask(diagnostic(unknownCommandLine(id))))
  process.exitCode = ExitCode.usage
}

export default hook
