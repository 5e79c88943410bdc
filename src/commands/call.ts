import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand, colorFlags, apiFlags, credentialFlags} from '../base-command.js'

/** `ddcli call`: one authenticated request to the Datadog API. */
export default class Call extends BaseCommand {
  static override args = {
    method: Args.string({ignoreStdin: true, description: 'HTTP method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS), or an operationId such as ListMonitors', required: true}),
    path: Args.string({ignoreStdin: true, description: 'Path such as /api/v1/validate (query string kept as given), or a URL on the API host'}),
  }

  static override description = `Sends one request to the Datadog API and prints the response body.

Piped, the body is written exactly as received; on a terminal, JSON is pretty-printed and coloured. Diagnostics go to stderr, one line each. Every configured credential (PAT, API key, application key) is sent; see ddcli auth status.

Exit codes: 0 success; 1 the API answered >= 400 (body still on stdout); 2 usage error or bad input; 3 local configuration error; 4 no credentials; 5 no response (connection, DNS, TLS, timeout); 130 interrupted (143 on SIGTERM).`

  static override examples = [
    '<%= config.bin %> call GET /api/v1/validate',
    '<%= config.bin %> call GET /api/v2/logs/events -f "filter[query]=service:web" -f "page[limit]=5"',
    '<%= config.bin %> call POST /api/v1/monitor -F name=cpu -F type="metric alert" -F query="avg(last_5m):avg:system.cpu.user{*} > 90" -F message=hi',
    '<%= config.bin %> call GetMonitor -p monitor_id=123',
    'echo \'{"title":"deploy"}\' | <%= config.bin %> call POST /api/v1/events --input -',
    '<%= config.bin %> call GET /api/v1/monitor --dry-run',
    '<%= config.bin %> call GetMonitor -p monitor_id=123 --curl',
  ]

  static override flags = {
    ...apiFlags,
    curl: Flags.boolean({description: 'Print an equivalent curl command line (credentials as "$DD_API_KEY"-style references) and send nothing'}),
    'dry-run': Flags.boolean({description: 'Print the request that would be sent (secrets masked) and send nothing'}),
    field: Flags.string({char: 'F', description: 'Typed field key=value: true/false/null and numbers become JSON, @file reads a file, @- reads stdin', multiple: true}),
    header: Flags.string({char: 'H', description: "Request header 'Name: value' (repeatable; overrides defaults)", multiple: true}),
    include: Flags.boolean({char: 'i', description: 'Print the status line and response headers before the body'}),
    input: Flags.string({description: 'Request body from a file, or - for stdin (streamed; Content-Type application/json unless -H sets it)'}),
    'max-wait': Flags.string({description: 'Longest wait in seconds for a rate limit reset before retrying', default: '60'}),
    ...colorFlags,
    param: Flags.string({char: 'p', description: 'Path parameter name=value for an operationId or a {name} placeholder', multiple: true}),
    'raw-field': Flags.string({char: 'f', description: 'String field key=value: query parameter for GET/HEAD/DELETE/OPTIONS, JSON body otherwise (a[b]=v nests, a[]=v appends)', multiple: true}),
    retries: Flags.string({description: 'Retries after a 429, 5xx or network error (0 disables)', default: '3'}),
    'retry-unsafe': Flags.boolean({description: 'Also retry POST and PATCH after a 5xx or network error (the server may have acted)'}),
    silent: Flags.boolean({description: 'Do not print the response body'}),
    timeout: Flags.string({description: 'Seconds to wait to connect, for the response and between body bytes', default: '60'}),
    verbose: Flags.boolean({description: 'Trace request and response headers, timing and retries on stderr (secrets masked)'}),
  }

  static override summary = 'Send an authenticated request to the Datadog API'

  public async run(): Promise<void> {
    const {args, flags} = await this.parse(Call)
    const {runCall} = await import('../call/run.js')
    await runCall({
      first: args.method,
      path: args.path,
      params: flags.param ?? [],
      rawFields: flags['raw-field'] ?? [],
      fields: flags.field ?? [],
      input: flags.input,
      headers: flags.header ?? [],
      include: flags.include,
      silent: flags.silent,
      verbose: flags.verbose,
      dryRun: flags['dry-run'],
      curl: flags.curl,
      timeoutSeconds: Number(flags.timeout),
      retries: Number(flags.retries),
      maxWaitSeconds: Number(flags['max-wait']),
      retryUnsafe: flags['retry-unsafe'],
      credentials: credentialFlags(flags, this.argv),
    }, {io: this.io(flags['no-color']), env: this.env, signal: this.abort.signal})
  }
}
