import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import type {Interfaces} from '@oclif/core'
import {apiFlags, colorFlags, credentialFlags, sortedByName} from '../flags.js'
import type {CallOptions} from './options.js'

// The arguments and flags of `ddcli call`, apart from its command shell: the fast launcher (src/launch/) parses
// with these same definitions and oclif's own parser, without loading oclif's command machinery.

export const callArgs = {
  method: Args.string({ignoreStdin: true, description: 'HTTP method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS), an operationId such as ListMonitors, or the PATH alone (method from -X; else GET, POST with --input, and with fields the one the spec has on that path: see -X)', required: true}),
  path: Args.string({ignoreStdin: true, description: 'Path such as /api/v1/validate, or a URL on the API host; {name} placeholders are filled from -p in the path only, the query string is kept as given'}),
}

/**
 * How a request is sent, shared by `call` and `batch`: timeouts, retries, rate-limit waits and the spec checks. What --max-wait does
 * once exceeded differs (call retries after the wait, batch fails the requests of that limit), so each says it.
 */
export function sendFlags(maxWaitAfter: string) {
  return {
    'max-wait': Flags.string({description: `Longest wait for a rate limit reset${maxWaitAfter} (seconds, or 500ms, 30s, 2m, 1h)`, default: '60'}),
    retries: Flags.string({description: 'Retries after a 429, 5xx or network error (0 disables)', default: '3'}),
    'no-validate': Flags.boolean({description: 'Send without checking the request against the OpenAPI spec'}),
    'retry-unsafe': Flags.boolean({description: 'Also retry POST and PATCH after a 5xx or network error (the server may have acted)'}),
    timeout: Flags.string({description: 'How long to wait to connect, for the response and between body bytes (seconds, or 500ms, 30s, 2m, 1h)', default: '60'}),
  }
}

/** `--read-only`, shared by `call` and `batch`. */
export const readOnlyFlag = {
  'read-only': Flags.boolean({description: 'Send only reads: GET, HEAD, OPTIONS and the POST searches and queries the spec marks as reads; refuse anything else before sending (exit 2). Also DDCLI_READ_ONLY=1 or ddcli config set read-only true'}),
}

/** The send flags' values as the runners take them; `validate` before the profile's setting is applied. */
export function sendOptions(flags: {timeout: string, retries: string, 'max-wait': string, 'retry-unsafe': boolean, 'no-validate': boolean}) {
  return {timeout: flags.timeout, retries: flags.retries, maxWait: flags['max-wait'], retryUnsafe: flags['retry-unsafe'], validate: !flags['no-validate']}
}

/** `--jq` and what goes with it, shared by `call` and `batch` (`-q` is gh's short form). */
export function jqFlags(jqDescription: string) {
  return {
    arg: Flags.string({description: 'With --jq: a string variable, as jq\'s --arg: NAME VALUE or NAME=VALUE, used as $NAME (repeatable)', multiple: true, helpGroup: 'SCRIPTING'}),
    argjson: Flags.string({description: 'With --jq: a JSON variable, as jq\'s --argjson: NAME JSON or NAME=JSON (repeatable)', multiple: true, helpGroup: 'SCRIPTING'}),
    jq: Flags.string({char: 'q', description: jqDescription, helpGroup: 'SCRIPTING'}),
  }
}

export const callFlags = {
  ...apiFlags,
  ...sortedByName({
  cache: Flags.string({description: 'Answer a GET from a local cache when an identical one (URL, credentials, headers) got a 2xx within DURATION (500ms, 30s, 5m, 1h), as gh api --cache; else send it and store the answer', helpGroup: 'SCRIPTING'}),
  columns: Flags.string({description: 'With -o table, csv or tsv: the columns, comma-separated (dotted paths reach into objects: creator.handle)', helpGroup: 'SCRIPTING'}),
  ...jqFlags('Filter the body with jq (built in); with --paginate each item (each page with --pages), with --slurp the array. Strings print raw'),
  curl: Flags.boolean({description: 'Print an equivalent curl command line (credentials as "$DD_API_KEY"-style references) and send nothing'}),
  'dry-run': Flags.boolean({description: 'Print the request that would be sent (secrets masked) and send nothing'}),
  field: Flags.string({char: 'F', description: 'Typed field key=value: true/false/null and numbers become JSON, @file reads a file, @- reads stdin', multiple: true}),
  header: Flags.string({char: 'H', description: "Request header 'Name: value' (repeatable; overrides defaults)", multiple: true}),
  include: Flags.boolean({char: 'i', description: 'Print the status line and response headers before the body'}),
  input: Flags.string({description: 'Request body from a file, or - for stdin (Content-Type application/json unless -H sets it; a JSON body is checked to be JSON first, up to 16 MiB; otherwise streamed)'}),
  'jq-json': Flags.boolean({description: 'Print string outputs of --jq as JSON strings (quoted)', helpGroup: 'SCRIPTING'}),
  'max-items': Flags.string({description: 'With --paginate: stop after N items', helpGroup: 'SCRIPTING'}),
  method: Flags.string({char: 'X', description: 'HTTP method when PATH is the only argument. Without it: GET; POST with --input; with fields, GET or POST as the spec has on the path (POST when unknown), and an error naming each if it has a GET and a POST, PUT or PATCH'}),
  ...colorFlags,
  output: Flags.string({char: 'o', description: 'Output format: json (default), yaml, table, csv or tsv; DD_OUTPUT or the profile\'s output apply on a terminal only', helpGroup: 'SCRIPTING'}),
  pages: Flags.boolean({description: 'With --paginate: print each whole page (its included, meta, ...) as one JSON line instead of its items', helpGroup: 'SCRIPTING'}),
  'page-size': Flags.string({description: "With --paginate: items per page (the list's limit parameter)", helpGroup: 'SCRIPTING'}),
  paginate: Flags.boolean({description: "Fetch every page of a list (from the spec's x-pagination) and print each item as one JSON line", helpGroup: 'SCRIPTING'}),
  param: Flags.string({char: 'p', description: 'Path parameter name=value for an operationId or a {name} placeholder', multiple: true}),
  ...readOnlyFlag,
  'raw-field': Flags.string({char: 'f', description: 'String field key=value: query parameter for GET/HEAD/DELETE/OPTIONS unless the operation takes a JSON body, JSON body otherwise (a[b]=v nests, a[]=v appends, a[] alone is [])', multiple: true}),
  slurp: Flags.boolean({description: 'With --paginate: print one JSON array of all items', helpGroup: 'SCRIPTING'}),
  silent: Flags.boolean({description: 'Do not print the response body'}),
  ...sendFlags(' before retrying'),
  verbose: Flags.boolean({description: 'Trace request and response headers and bodies, timing and retries on stderr (secrets masked)'}),
  }),
}

/** The parsed command line as `runCall` takes it. */
export function callOptions(args: Interfaces.InferredArgs<typeof callArgs>, flags: Interfaces.InferredFlags<typeof callFlags>, argv: readonly string[] = []): CallOptions {
  return {
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
    ...sendOptions(flags),
    credentials: credentialFlags(flags, argv),
    method: flags.method,
    paginate: flags.paginate,
    slurp: flags.slurp,
    maxItems: flags['max-items'],
    pageSize: flags['page-size'],
    jq: flags.jq,
    jqJson: flags['jq-json'],
    readOnly: flags['read-only'],
    cache: flags.cache,
    output: flags.output,
    columns: flags.columns,
    jqArgs: flags.arg ?? [],
    jqArgsJson: flags.argjson ?? [],
    pages: flags.pages,
  }
}
