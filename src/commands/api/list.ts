import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {BaseCommand, colorFlags, type Parsed, type RunContext} from '../../base-command.js'

/** `ddcli api list`: find operations of Datadog's OpenAPI specs. */
export default class ApiList extends BaseCommand {
  static override args = {
    search: Args.string({ignoreStdin: true, description: 'Word to look for in operationIds (also kebab-case), paths and summaries, case-insensitively'}),
  }

  static override description = `Lists the operations ddcli knows from Datadog's OpenAPI specs: name, method, path, status (preview = x-unstable, deprecated) and summary.

On a terminal the table fits the window (long cells end in …; STATUS shows deprecated over preview). Piped, it prints one operation per line as tab-separated columns NAME, METHOD, PATH, STATUS, SUMMARY, with no header, colour or truncation, for grep, cut and awk. NAME is what ddcli call and ddcli api show take; it is v1:-prefixed when v2 has the same operationId.

No match is not an error: the exit code is 0 and the output empty (--json prints []); on a terminal a note goes to stderr.`

  static override examples = [
    '<%= config.bin %> api list monitor',
    '<%= config.bin %> api list downtime | cut -f1,3',
    "<%= config.bin %> api list | awk -F'\\t' '$4 ~ /preview/ {print $1}'",
    '<%= config.bin %> api list logs --json',
  ]

  static override flags = {
    json: Flags.boolean({description: 'Print a JSON array of {name, operationId, version, method, path, summary, preview, deprecated, status}'}),
    ...colorFlags,
  }

  static override summary = 'List and search API operations'

  static override async execute({args, flags}: Parsed, {io, columns}: RunContext): Promise<void> {
    const {runApiList} = await import('../../api/list.js')
    await runApiList({search: args.search, json: flags.json}, {io, columns})
  }
}
