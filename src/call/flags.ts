import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import type {Interfaces} from '@oclif/core'
import {apiFlags, colorFlags, credentialFlags} from '../flags.js'
import type {CallOptions} from './options.js'

// The arguments and flags of `ddcli call`, apart from its command shell: the fast launcher (src/launch/) parses
// with these same definitions and oclif's own parser, without loading oclif's command machinery.

export const callArgs = {
  method: Args.string({ignoreStdin: true, description: 'HTTP method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS), or an operationId such as ListMonitors', required: true}),
  path: Args.string({ignoreStdin: true, description: 'Path such as /api/v1/validate (query string kept as given), or a URL on the API host'}),
}

export const callFlags = {
  ...apiFlags,
  curl: Flags.boolean({description: 'Print an equivalent curl command line (credentials as "$DD_API_KEY"-style references) and send nothing'}),
  'dry-run': Flags.boolean({description: 'Print the request that would be sent (secrets masked) and send nothing'}),
  field: Flags.string({char: 'F', description: 'Typed field key=value: true/false/null and numbers become JSON, @file reads a file, @- reads stdin', multiple: true, default: []}),
  header: Flags.string({char: 'H', description: "Request header 'Name: value' (repeatable; overrides defaults)", multiple: true, default: []}),
  include: Flags.boolean({char: 'i', description: 'Print the status line and response headers before the body'}),
  input: Flags.string({description: 'Request body from a file, or - for stdin (streamed; Content-Type application/json unless -H sets it)'}),
  'max-wait': Flags.string({description: 'Longest wait in seconds for a rate limit reset before retrying', default: '60'}),
  ...colorFlags,
  param: Flags.string({char: 'p', description: 'Path parameter name=value for an operationId or a {name} placeholder', multiple: true, default: []}),
  'raw-field': Flags.string({char: 'f', description: 'String field key=value: query parameter for GET/HEAD/DELETE/OPTIONS, JSON body otherwise (a[b]=v nests, a[]=v appends)', multiple: true, default: []}),
  retries: Flags.string({description: 'Retries after a 429, 5xx or network error (0 disables)', default: '3'}),
  'retry-unsafe': Flags.boolean({description: 'Also retry POST and PATCH after a 5xx or network error (the server may have acted)'}),
  silent: Flags.boolean({description: 'Do not print the response body'}),
  timeout: Flags.string({description: 'Seconds to wait to connect, for the response and between body bytes', default: '60'}),
  verbose: Flags.boolean({description: 'Trace request and response headers, timing and retries on stderr (secrets masked)'}),
}

/** The parsed command line as `runCall` takes it. */
export function callOptions(args: Interfaces.InferredArgs<typeof callArgs>, flags: Interfaces.InferredFlags<typeof callFlags>): CallOptions {
  return {
    first: args.method,
    path: args.path,
    params: flags.param,
    rawFields: flags['raw-field'],
    fields: flags.field,
    input: flags.input,
    headers: flags.header,
    include: flags.include,
    silent: flags.silent,
    verbose: flags.verbose,
    dryRun: flags['dry-run'],
    curl: flags.curl,
    timeout: flags.timeout,
    retries: flags.retries,
    maxWait: flags['max-wait'],
    retryUnsafe: flags['retry-unsafe'],
    credentials: credentialFlags(flags),
  }
}
