import {BaseCommand, apiFlags, credentialFlags, type Parsed, type RunContext} from '../../base-command.js'
import {credentialFlagDefs, credentialFlagName} from '../../flags.js'

/** `ddcli auth token`: the resolved PAT on stdout, for other tools. */
export default class AuthToken extends BaseCommand {
  static override description = `Prints the PAT that ddcli call would send, and a newline, to stdout: from --bearer-token, DD_BEARER_TOKEN, DATADOG_BEARER_TOKEN or the profile, in that order. This is the only ddcli command that prints a secret; use it in a command substitution, not where output is logged.

Exits 4 with a one-line message when there is no PAT.`

  static override examples = [
    '<%= config.bin %> auth token',
    '<%= config.bin %> auth token --profile staging',
    'curl -H "Authorization: Bearer $(<%= config.bin %> auth token)" https://api.datadoghq.com/api/v2/validate_keys',
  ]

  static override flags = {
    [credentialFlagName('pat')]: credentialFlagDefs[credentialFlagName('pat')]!,
    profile: apiFlags.profile,
  }

  static override summary = 'Print the resolved Personal Access Token (PAT)'

  static override async execute({flags}: Parsed, {argv, io, env, signal}: RunContext): Promise<void> {
    const {runToken} = await import('../../auth/token.js')
    await runToken({credentials: credentialFlags(flags, argv)}, {io, env, signal})
  }
}
