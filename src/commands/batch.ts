import * as Flags from '@oclif/core/flags'
import {BaseCommand, apiFlags, credentialFlags, type Parsed, type RunContext} from '../base-command.js'
import {jqFlags, readOnlyFlag, sendFlags, sendOptions} from '../call/flags.js'
import {sortedByName} from '../flags.js'

/** `ddcli batch`: many requests from NDJSON, sent over shared connections with rate-limit pacing. */
export default class Batch extends BaseCommand {
  static override description = `Reads one JSON request per line and writes one JSON result per line.

A request is {"id":..,"method":"GET","path":"/api/v1/monitor/{monitor_id}","params":{..},"query":{..},"body":..,"headers":{..}}, or {"id":..,"operation":"GetMonitor","params":{"monitor_id":1}} through the spec index. Each is built and checked as ddcli call builds and checks it (credentials, hosts, path templates, the body against the operation's request schema: a body that breaks it is that line's error and is not sent; so is a method the path does not have, or a "body" that is a string holding JSON text, which is sent as its bytes under a non-JSON Content-Type; --no-validate skips these checks). A result is {"id":..,"line":..,"status":..,"headers":{..},"body":..} (body parsed when JSON, else a string), or {"id":..,"line":..,"error":".."} when there was no response or the line was malformed.

Requests go over --concurrency keep-alive connections. A 429 holds every request of its X-RateLimit-Name until the reset, and X-RateLimit-Remaining paces requests ahead of time; other limits go on. Retries as for call. Input and output stream, so memory stays flat however many requests.

--jq FILTER runs the built-in jq on the body of each response below 400: one output becomes the body, none or several an array of them. A filter that does not compile is a usage error before any request; one that fails on a body makes that result {"id":..,"line":..,"error":".."} and the others go on.

Exit codes: 0 every request got HTTP < 400; 1 any got >= 400, had no response or was malformed; 2 usage error or unreadable input; 4 no credentials; 130 interrupted (in-flight requests are written as {"error":"interrupted"}).`

  static override examples = [
    'printf \'%s\\n\' \'{"id":1,"method":"GET","path":"/api/v1/validate"}\' | <%= config.bin %> batch',
    '<%= config.bin %> batch --input requests.ndjson --concurrency 8 --ordered > results.ndjson',
    'jq -c \'{id: .id, operation: "GetMonitor", params: {monitor_id: .id}}\' monitors.json | <%= config.bin %> batch | jq -r \'select(.status >= 400) | .id\'',
    '<%= config.bin %> batch --input requests.ndjson --dry-run',
    '<%= config.bin %> batch --input requests.ndjson --jq \'{id, name, overall_state}\'',
    '<%= config.bin %> batch --input requests.ndjson -q \'{id, tags: [.tags[]? | select(startswith($team))]}\' --arg team team:',
  ]

  static override flags = {
    ...apiFlags,
    ...sortedByName({
    concurrency: Flags.string({char: 'c', description: 'Requests in flight at once, over as many keep-alive connections', default: '4'}),
    'dry-run': Flags.boolean({description: 'Print each request (secrets masked) as one JSON line and send nothing'}),
    header: Flags.string({char: 'H', description: "Header 'Name: value' for every request (repeatable; a request's own headers win)", multiple: true}),
    input: Flags.string({description: 'File of NDJSON requests (default: stdin, or -)'}),
    ...jqFlags('Filter each result\'s body (HTTP < 400) with the built-in jq; a failure makes that result an error'),
    ...readOnlyFlag,
    ordered: Flags.boolean({description: 'Write results in input order (a bounded buffer holds early ones) instead of completion order'}),
    ...sendFlags('; requests of a limit held longer fail'),
    }),
  }

  static override summary = 'Send many requests from NDJSON on stdin, one JSON result per line'

  static override async execute({flags}: Parsed, {io, env, signal, clock}: RunContext): Promise<void> {
    const {runBatch} = await import('../batch/run.js')
    await runBatch({
      input: flags.input,
      concurrency: flags.concurrency,
      ordered: flags.ordered,
      dryRun: flags['dry-run'],
      headers: flags.header ?? [],
      jq: flags.jq,
      jqArgs: flags.arg,
      jqArgsJson: flags.argjson,
      ...sendOptions(flags),
      credentials: credentialFlags(flags),
      readOnly: flags['read-only'],
    }, {io, env, signal, clock})
  }
}
