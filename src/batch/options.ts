import type {FlagValues} from '../credentials/resolve.js'

/** Everything `ddcli batch` was asked to do, as parsed by the command shell. */
export interface BatchOptions {
  /** A file of NDJSON requests; stdin when absent or `-`. */
  input?: string
  /** `--concurrency` as typed; checked by runBatch. */
  concurrency: string
  ordered: boolean
  dryRun: boolean
  /** `-H` headers for every request; a request's own headers win. */
  headers: string[]
  /** `--jq` filter applied to each result's body. */
  jq?: string
  /** The words of `--arg` and `--argjson`, as oclif gathered them (see parseJqArgs). */
  jqArgs?: string[]
  jqArgsJson?: string[]
  /** `--timeout`, `--retries`, `--max-wait` as typed; checked against their limits by sendPolicy. */
  timeout: string
  retries: string
  maxWait: string
  retryUnsafe: boolean
  credentials: FlagValues & {profile?: string}
  /** Check each request against the OpenAPI spec; resolved as CallOptions.validate is (flag, then profile setting). */
  validate: boolean
  /** `--read-only`: a line that may write is that line's error (see src/call/read-only.ts). */
  readOnly?: boolean
}
