import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand, colorFlags, type Parsed, type RunContext} from '../../base-command.js'

/** `ddcli api show`: everything the specs say about how to call one operation. */
export default class ApiShow extends BaseCommand {
  static override args = {
    operation: Args.string({ignoreStdin: true, description: 'operationId (ListMonitors, list-monitors, v1:ListUsers), METHOD, or a path (/api/v1/monitor/123)', required: true}),
    path: Args.string({ignoreStdin: true, description: 'Path, when OPERATION is an HTTP method'}),
  }

  static override description = `Shows one operation: method, path, summary, the credentials it accepts (as env vars), path and query parameters (required ones marked), pagination, the host it is sent to, preview and deprecation status, request content types and body fields, an example command, and the documentation URL.

OPERATION is an operationId in any case or kebab-case (v1: or v2: picks a spec when both have the id), METHOD PATH, or a bare path: a template or a concrete path such as /api/v1/monitor/123, which shows every method on it.

The host is the one ddcli call would use, resolved the same way: --api-url, DD_API_URL or the profile's api-url replaces every host; otherwise the operation's own host or the API host of the site (--site, DD_SITE, the profile's site, else datadoghq.com). For a JSON body, the top-level fields (required ones first) and an example command with an example body are shown, then the documentation URL. An unknown operation exits 2 and suggests up to 3 close names or paths.

--schema prints the JSON request body's schema instead, as an indented outline: one property a line, * for required, its type, enum values, nullable, bounds, and each shape of a oneOf. A named definition is spelled out once; later uses and recursion name it. This is the schema ddcli call checks bodies against.`

  static override examples = [
    '<%= config.bin %> api show ListMonitors',
    '<%= config.bin %> api show CreateMonitor',
    '<%= config.bin %> api show submit-log --site datadoghq.eu',
    '<%= config.bin %> api show GET /api/v1/monitor/{monitor_id}',
    '<%= config.bin %> api show /api/v1/monitor/123',
    '<%= config.bin %> api show v1:ListUsers --json',
    '<%= config.bin %> api show CreateMonitor --schema',
  ]

  static override flags = {
    'api-url': Flags.string({description: 'Show this API URL as the host, as ddcli call would use it (default: DD_API_URL, the profile\'s api-url)'}),
    json: Flags.boolean({description: 'Print a JSON array with one object per operation'}),
    ...colorFlags,
    profile: Flags.string({description: 'Config profile whose site and api-url to use (default: DD_PROFILE, else "default")'}),
    schema: Flags.boolean({description: "Print the JSON request body's schema as an indented outline (required marked *, types, enums, nullable, oneOf shapes); with --json, the schema itself"}),
    site: Flags.string({description: 'Show the host for this Datadog site, e.g. datadoghq.eu or EU1 (default: DD_SITE, the profile\'s site, else datadoghq.com)'}),
  }

  static override summary = 'Show how to call one API operation'

  static override async execute({args, flags}: Parsed, {io, env}: RunContext): Promise<void> {
    const {runApiShow} = await import('../../api/show.js')
    await runApiShow({target: args.operation, path: args.path, site: flags.site, apiUrl: flags['api-url'], profile: flags.profile, json: flags.json, schema: flags.schema}, {io, env})
  }
}
