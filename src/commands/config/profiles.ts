import {profileFlag} from '../../auth/flags.js'
import {BaseCommand, type Parsed, type RunContext} from '../../base-command.js'

/** `ddcli config profiles`: the names of the config file's profiles. */
export default class ConfigProfiles extends BaseCommand {
  static override description = `Prints the name of every profile in the config file, sorted, and of the active profile when the file has no entry for it. Piped: one name per line, for scripts. On a terminal the active profile (--profile > DD_PROFILE > the default set by ddcli auth switch > "default") is marked. ddcli auth list shows what each profile stores.`

  static override examples = [
    '<%= config.bin %> config profiles',
    'for p in $(<%= config.bin %> config profiles); do <%= config.bin %> auth status --profile "$p"; done',
  ]

  static override flags = {
    profile: profileFlag('read'),
  }

  static override summary = 'List the names of the config file\'s profiles'

  static override async execute({flags}: Parsed, {io, env, signal}: RunContext): Promise<void> {
    const {runConfigProfiles} = await import('../../auth/profiles.js')
    await runConfigProfiles({profile: flags.profile}, {io, env, signal})
  }
}
