import {profileFlag} from '../../auth/flags.js'
import {BaseCommand, type Parsed, type RunContext} from '../../base-command.js'

/** `ddcli config list`: a profile's stored settings, credentials masked. */
export default class ConfigList extends BaseCommand {
  static override description = `Shows the site, api-url, validate, read-only and output settings stored in the profile, and a masked marker (last 4 characters) for each credential stored there. Aligned on a terminal; tab-separated, with empty values for unset keys, when piped.`

  static override examples = [
    '<%= config.bin %> config list',
    '<%= config.bin %> config list --profile staging',
  ]

  static override flags = {
    profile: profileFlag('read'),
  }

  static override summary = 'List a profile\'s stored settings'

  static override async execute({flags}: Parsed, {io, env, signal}: RunContext): Promise<void> {
    const {runConfigList} = await import('../../config/run.js')
    await runConfigList({profile: flags.profile}, {io, env, signal})
  }
}
