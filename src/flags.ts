import * as Flags from '@oclif/core/flags'
import type {Interfaces} from '@oclif/core'

// Flag definitions shared by several commands. Kept apart from base-command.ts (which pulls in oclif's Command) so
// the fast `call` launcher can parse with them without loading oclif's command machinery.

const SECRET_WARNING = 'A secret on the command line can be seen by other local users (ps, shell history); prefer the env var or ddcli auth set-*.'

/** Flags of every command that talks to the API: credentials, target and profile. */
export const apiFlags = {
  'api-key': Flags.string({description: `Datadog API key, sent as DD-API-KEY. ${SECRET_WARNING}`, helpGroup: 'CREDENTIAL'}),
  'api-url': Flags.string({description: 'API base URL, e.g. https://api.datadoghq.eu (https only; http allowed on loopback hosts)', helpGroup: 'CREDENTIAL'}),
  'app-key': Flags.string({description: `Datadog application key, sent as DD-APPLICATION-KEY. ${SECRET_WARNING}`, helpGroup: 'CREDENTIAL'}),
  'bearer-token': Flags.string({aliases: ['pat'], description: `Personal Access Token, sent as Authorization: Bearer (alias: --pat). ${SECRET_WARNING}`, helpGroup: 'CREDENTIAL'}),
  profile: Flags.string({description: 'Config profile to read (default: DD_PROFILE, else the one set by auth switch, else "default")', helpGroup: 'CREDENTIAL'}),
  site: Flags.string({description: 'Datadog site, e.g. datadoghq.eu or us5.datadoghq.com', helpGroup: 'CREDENTIAL'}),
}

/** `--no-color`, on every command (error lines on stderr are coloured on a terminal); see `BaseCommand.baseFlags`. */
export const colorFlags = {
  'no-color': Flags.boolean({description: 'No colour on a terminal, on stdout or stderr (NO_COLOR works too)', helpGroup: 'GLOBAL'}),
}

/** The credential flag values by setting, for the resolver; `argv` tells when the PAT was given as `--pat`. */
export function credentialFlags(flags: Partial<Interfaces.InferredFlags<typeof apiFlags>>, argv: readonly string[] = []) {
  const typed = argv.some((arg) => arg === '--pat' || arg.startsWith('--pat=')) ? {typed: {pat: '--pat'}} : {}
  return {pat: flags['bearer-token'], apiKey: flags['api-key'], appKey: flags['app-key'], site: flags.site, apiUrl: flags['api-url'], profile: flags.profile, ...typed}
}
