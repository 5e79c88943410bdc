import * as Flags from '@oclif/core/flags'
import {profileFlag} from '../../auth/flags.js'
import {CREDENTIALS} from '../../credentials/credentials.js'
import {sortedByName} from '../../flags.js'
import {BaseCommand, type Parsed, type RunContext} from '../../base-command.js'

/** `ddcli auth clear`: remove stored credentials from a profile. */
export default class AuthClear extends BaseCommand {
  /** pup's name for it (`pup auth logout`). */
  static override aliases = ['auth:logout']

  static override description = `Removes credentials stored in one profile: those named by --pat, --api-key and --app-key, or all three when none is given, from the config file and from the OS keychain (unless DDCLI_STORAGE=file and the file refers to no keychain entry), and copies earlier ddcli versions left in the Linux kernel keyring. The profile's site and api-url are kept. Says what it removed; when nothing was stored it says so and exits 0. When the keychain cannot be reached, the file keeps its reference and the command exits 3 naming what it could not remove.

Credentials given by env vars are not affected: the command notes any that are still set.`

  static override examples = [
    '<%= config.bin %> auth clear',
    '<%= config.bin %> auth clear --pat',
    '<%= config.bin %> auth clear --api-key --app-key --profile staging',
  ]

  static override flags = {
    ...sortedByName(Object.fromEntries(CREDENTIALS.map((def) => [def.clearFlag.slice(2), Flags.boolean({description: `Remove the stored ${def.label}`})]))),
    profile: profileFlag('clear'),
  }

  static override summary = 'Remove stored credentials from a profile'

  static override async execute({flags}: Parsed, {io, env, signal}: RunContext): Promise<void> {
    const kinds = CREDENTIALS.filter((def) => flags[def.clearFlag.slice(2)]).map((def) => def.kind)
    const {runClear} = await import('../../auth/clear.js')
    await runClear({kinds, profile: flags.profile}, {io, env, signal})
  }
}
