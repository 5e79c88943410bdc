import type {FlagValues} from '../credentials/resolve.js'

/** Everything `ddcli call` was asked to do, as parsed by the command shell. */
export interface CallOptions {
  /** `GET` or an operation id, as typed. */
  first: string
  /** The PATH argument; absent when `first` is an operation id. */
  path?: string
  params: string[]
  rawFields: string[]
  fields: string[]
  input?: string
  headers: string[]
  include: boolean
  silent: boolean
  verbose: boolean
  dryRun: boolean
  /** Print an equivalent curl command line and send nothing. */
  curl?: boolean
  /** `--timeout`, `--retries`, `--max-wait` as typed; checked against their limits by runCall. */
  timeout: string
  retries: string
  maxWait: string
  retryUnsafe: boolean
  credentials: FlagValues & {profile?: string}
  /** `-X/--method`: the method when PATH is the only argument (else GET, or POST with fields or --input). */
  method?: string
  paginate: boolean
  slurp: boolean
  /** `--max-items`, `--page-size` as typed; checked by checkScriptingFlags. */
  maxItems?: string
  pageSize?: string
  /** `--jq EXPR`: a jq filter applied to the body (to each item with --paginate). */
  jq?: string
  /** `--jq-json`: print string outputs of --jq as JSON rather than raw. */
  jqJson: boolean
  /** The words given to `--arg` and `--argjson`, as oclif gathered them (see parseJqArgs). */
  jqArgs: string[]
  jqArgsJson: string[]
  /** `--pages`: with --paginate, print each whole page rather than its items. */
  pages: boolean
  /**
   * Check the request against the OpenAPI spec before sending. The shell sets false for `--no-validate`; runCall then
   * also applies the profile's `validate` setting (the flag wins: it can only turn checks off), so past that point
   * this is the resolved answer.
   */
  validate: boolean
  /** `--read-only`: refuse requests that may write (see src/call/read-only.ts). */
  readOnly?: boolean
  /** `--cache DURATION` as typed: answer identical GETs from the local cache within it (src/call/cache.ts). */
  cache?: string
  /** `-o/--output` as typed: json, yaml, table, csv or tsv (checked by runCall). */
  output?: string
  /** `--columns a,b.c` as typed: the columns of -o table, csv or tsv. */
  columns?: string
}
