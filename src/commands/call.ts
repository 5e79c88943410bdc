import {BaseCommand, type Parsed, type RunContext} from '../base-command.js'
import {callArgs, callFlags, callOptions} from '../call/flags.js'
import {exitCodesBrief} from '../errors.js'

/** `ddcli call`: one authenticated request to the Datadog API. */
export default class Call extends BaseCommand {
  static override args = callArgs

  static override description = `Sends one request to the Datadog API and prints the response body.

Piped, the body is written exactly as received; on a terminal, JSON is pretty-printed and coloured. Diagnostics go to stderr, one line each.

-o yaml, table, csv or tsv prints the list of the body (JSON:API data[] with its attributes, a bare array, or the list field the spec names) as rows, or a lone object as keys and values; --columns picks the columns (dotted paths reach into objects). DD_OUTPUT and the profile's output (ddcli config set output table) apply only when stdout is a terminal: piped, the body stays JSON unless -o is given. Every configured credential (PAT, API key, application key) is sent; see ddcli auth status.

HTTPS_PROXY, HTTP_PROXY and ALL_PROXY (any case) send the request through a CONNECT tunnel, so the proxy never sees the credentials; NO_PROXY lists hosts that go direct (host, .domain, *, host:port, IP ranges). --verbose names the proxy used, its password masked.

An --input body sent as JSON (the default Content-Type) is checked to be JSON first, up to 16 MiB, and refused with its line and column when it is not. With another -H Content-Type, or --no-validate, it is sent as it is: a regular file with its size, a pipe, fifo or device chunked, up to 64 MiB (a -F @file up to 16 MiB).

Before sending, the spec index also refuses a method the path does not have (naming the operations there), and settles the method of a PATH given alone with fields (GET or POST, as the path has; an error naming each when it has a GET and a write). --no-validate, or config set validate false, sends anyway.

A JSON body for an operation the specs know is checked against its request schema first: a violation is exit 2 with one line per problem (JSON pointer, what the spec expects, what was given, a did-you-mean) and nothing is sent; a property the schema does not name is a warning and the request is sent. --dry-run prints the findings; --no-validate (or config set validate false) sends unchecked.

Exit codes: ${exitCodesBrief()}.`

  static override examples = [
    '<%= config.bin %> call GET /api/v1/validate',
    '<%= config.bin %> call GET /api/v2/logs/events -f "filter[query]=service:web" -f "page[limit]=5"',
    '<%= config.bin %> call POST /api/v1/monitor -F name=cpu -F type="metric alert" -F query="avg(last_5m):avg:system.cpu.user{*} > 90" -F message=hi',
    '<%= config.bin %> call GetMonitor -p monitor_id=123',
    'echo \'{"title":"deploy","text":"v42"}\' | <%= config.bin %> call POST /api/v1/events --input -',
    '<%= config.bin %> call GET /api/v1/monitor --dry-run',
    '<%= config.bin %> call GetMonitor -p monitor_id=123 --curl',
    '<%= config.bin %> call ListMonitors --paginate | wc -l',
    '<%= config.bin %> call GET /api/v2/users --paginate --jq .id',
    '<%= config.bin %> call GET /api/v1/dashboard --paginate --slurp --jq "map(.title)"',
    '<%= config.bin %> call GET /api/v2/users -o table --columns id,email,status',
    '<%= config.bin %> call ListMonitors --paginate -o csv --columns id,name,overall_state > monitors.csv',
    '<%= config.bin %> call -X DELETE /api/v1/monitor/123',
    'HTTPS_PROXY=http://proxy.corp:3128 <%= config.bin %> call GET /api/v1/validate --verbose',
  ]

  static override flags = callFlags

  static override summary = 'Send an authenticated request to the Datadog API'

  static override async execute({args, flags}: Parsed, {argv, io, env, signal, columns}: RunContext): Promise<void> {
    const {runCall} = await import('../call/run.js')
    await runCall(callOptions(args, flags, argv), {io, env, signal, columns})
  }
}
