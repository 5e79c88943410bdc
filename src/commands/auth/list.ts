import * as Flags from '@oclif/core/flags'
import {profileFlag} from '../../auth/flags.js'
import {BaseCommand, colorFlags, type Parsed, type RunContext} from '../../base-command.js'

/** `ddcli auth list`: every profile of the config file, what it stores (masked) and which one is active. */
export default class AuthList extends BaseCommand {
  static override description = `Lists every profile of the config file: its stored PAT, API key and application key (masked to their last 4 characters, or "keychain" where the secret lives in the OS keychain), its site and API URL, and which profile is active (--profile > DD_PROFILE > the default set by ddcli auth switch > "default").

Only what is stored is shown: credentials from env vars apply to every profile and are shown by ddcli auth status. On a terminal the table is aligned to fit and * marks the active profile; piped, rows are tab-separated with no header and "active" in the first column. --json prints an array with the same facts.`

  static override examples = [
    '<%= config.bin %> auth list',
    '<%= config.bin %> auth list --json',
    '<%= config.bin %> auth list | cut -f2',
  ]

  static override flags = {
    json: Flags.boolean({description: 'Print a JSON array (masked values only) instead of the table'}),
    ...colorFlags,
    profile: profileFlag('read'),
  }

  static override summary = 'List every profile with its stored credentials (masked), site and API URL'

  static override async execute({flags}: Parsed, {io, env, signal, columns}: RunContext): Promise<void> {
    const {runAuthList} = await import('../../auth/profiles.js')
    await runAuthList({profile: flags.profile, json: flags.json, width: columns}, {io, env, signal})
  }
}
