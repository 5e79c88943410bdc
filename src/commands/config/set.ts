import * as Args from '@oclif/core/args'
import {profileFlag} from '../../auth/flags.js'
import {BaseCommand, type Parsed, type RunContext} from '../../base-command.js'

/** `ddcli config set KEY VALUE`: store a profile's site, api-url, validate, read-only or output setting. */
export default class ConfigSet extends BaseCommand {
  static override args = {
    key: Args.string({ignoreStdin: true, description: 'site, api-url, validate, read-only or output', required: true}),
    value: Args.string({ignoreStdin: true, description: 'A Datadog site (datadoghq.eu, us5.datadoghq.com, or a pasted app URL), an https API base URL, true/false for validate and read-only, or an output format', required: true}),
  }

  static override description = `Validates the value and stores it, normalised, in the profile: a site such as https://app.datadoghq.eu/ is stored as datadoghq.eu; an api-url must be https (http only on 127.0.0.1, ::1 and localhost) and is stored without a trailing slash; output is the format of ddcli call at a terminal (json, yaml, table, csv or tsv), which DD_OUTPUT and -o override and which never applies when stdout is not a terminal.

api-url wins over site; DD_SITE, DATADOG_SITE and DD_API_URL win over both. validate (true or false, default true) says whether call and batch check requests against the OpenAPI spec before sending; --no-validate turns the checks off for one run whatever the setting. Credentials are not config keys: use ddcli auth set-pat, set-api-key or set-app-key.`

  static override examples = [
    '<%= config.bin %> config set site datadoghq.eu',
    '<%= config.bin %> config set site us5.datadoghq.com --profile us5',
    '<%= config.bin %> config set api-url https://api.datadoghq.eu',
    '<%= config.bin %> config set validate false --profile staging',
    '<%= config.bin %> config set output table',
  ]

  static override flags = {
    profile: profileFlag('edit'),
  }

  static override summary = 'Set a profile\'s site, api-url, validate, read-only or output setting'

  static override async execute({args, flags}: Parsed, {io, env, signal}: RunContext): Promise<void> {
    const {runConfigSet} = await import('../../config/run.js')
    await runConfigSet({key: args.key, value: args.value, profile: flags.profile}, {io, env, signal})
  }
}
