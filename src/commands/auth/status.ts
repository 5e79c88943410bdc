import * as Flags from '@oclif/core/flags'
import {BaseCommand, colorFlags, apiFlags, credentialFlags, type Parsed, type RunContext} from '../../base-command.js'

/** `ddcli auth status`: every credential and target as `call` would resolve them, masked, with their sources. */
export default class AuthStatus extends BaseCommand {
  static override description = `Shows one row each for the profile, PAT, API key, application key, site and API URL: the value (credentials masked to their last 4 characters), and where it comes from: a flag, an env var, the config file and profile, the OS keychain, a default, or not set. When a proxy variable (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY) is set, a proxy row names the proxy used for the API URL (credentials masked), or the NO_PROXY entry that bypasses it. It resolves exactly as ddcli call does, so flags given here show as sources.

On a terminal the table is aligned to fit; piped, rows are tab-separated with no header. --json prints one object with the same facts (masked values only).

--all shows every profile of the config file in one table with a PROFILE column (a JSON array with --json); env vars and flags apply to each, as they would to call --profile NAME.

--check asks the API whether each credential is valid: GET /api/v1/validate for the API key, GET /api/v2/validate_keys for the PAT and for the application key (with the API key). Exit codes: 0 all valid; 1 a check failed (invalid, or no response); 3 bad configuration; 4 no credential to check.`

  static override examples = [
    '<%= config.bin %> auth status',
    '<%= config.bin %> auth status --profile staging --check',
    '<%= config.bin %> auth status --json',
    '<%= config.bin %> auth status --all',
    '<%= config.bin %> auth status --site datadoghq.eu',
  ]

  static override flags = {
    ...apiFlags,
    all: Flags.boolean({description: 'Show every profile of the config file, each resolved as call --profile NAME would', exclusive: ['profile']}),
    check: Flags.boolean({description: 'Ask the API whether each configured credential is valid'}),
    json: Flags.boolean({description: 'Print one JSON object (masked values only) instead of the table'}),
    ...colorFlags,
  }

  static override summary = 'Show the credentials and API URL in use, masked, with their sources'

  static override async execute({flags}: Parsed, {argv, io, env, signal, columns}: RunContext): Promise<void> {
    const {runStatus} = await import('../../auth/status.js')
    await runStatus({
      credentials: credentialFlags(flags, argv),
      json: flags.json,
      check: flags.check,
      all: flags.all,
      width: columns,
    }, {io, env, signal})
  }
}
