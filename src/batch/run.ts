import {setMaxListeners} from 'node:events'
import fs from 'node:fs'
import {Agent as HttpAgent} from 'node:http'
import {Agent as HttpsAgent} from 'node:https'
import type {Readable} from 'node:stream'
import {parseCount} from '../call/limits.js'
import {sendPolicy} from '../call/policy.js'
import {checkReadOnly, resolveReadOnly, type ReadOnly} from '../call/read-only.js'
import type {CheckOptions} from '../call/validate.js'
import {createMasker, headerSecrets, type Masker} from '../credentials/mask.js'
import {loadSettings} from '../credentials/load.js'
import {secretsOf, type Settings} from '../credentials/resolve.js'
import {systemClock, type Clock} from '../context.js'
import {ApiError, NoCredentialsError, UsageError, isDdcliError} from '../errors.js'
import {hasCredentials} from '../http/auth-headers.js'
import {openReadable, statReadable} from '../http/body-read.js'
import {proxyEnv, proxyRoute, proxySecrets} from '../http/proxy.js'
import {parseHeader} from '../http/request.js'
import {send as realSend} from '../http/transport.js'
import type {Env, IO} from '../io.js'
import {noCredentialsMessage, warningLine} from '../output/render.js'
import {attempt, type AttemptContext} from './attempt.js'
import {batchWording, buildRequest, checkBuiltBody} from './build.js'
import {RateLimits} from './rate-limits.js'
import {countLines, MAX_LINE_BYTES, readLines, type InputLine} from './lines.js'
import type {BatchOptions} from './options.js'
import {ResultWriter} from './output.js'
import {isFailure, parseRequestLine} from './parse.js'
import {progressLine, failedSummary, heldTooLong, lineTooLong, terminalInputHint} from './render.js'
import {dryRunLine, errorLine} from './result.js'
import {schedule, type Item, type ScheduleStats, type Source} from './scheduler.js'

/** What `runBatch` needs from the outside world; only the command shell builds the real ones. */
export interface BatchDeps {
  io: IO
  env: Env
  signal: AbortSignal
  send?: typeof realSend
  /** The clock of backoffs and rate limits; the real one when absent. */
  clock?: Clock
}

/** Largest response body a result holds. */
export const BODY_LIMIT = 64 * 1024 * 1024
const MAX_CONCURRENCY = 256

/**
 * The request lines' stream, and whether it is a regular file (which alone can be read twice, to count its lines
 * for the progress line: a pipe or `<(...)` read for counting would be empty for the requests). A fifo is opened
 * without blocking the process, so a signal still ends a run whose fifo has no writer yet.
 */
async function openInput(input: string | undefined, io: IO): Promise<{stream: Readable, regular: boolean}> {
  if (input === undefined || input === '-') return {stream: io.stdin, regular: false}
  const stat = await statReadable(input, `--input ${input}`, 'give a file, or - for stdin')
  return {stream: await openReadable(input, stat, () => io.stdin), regular: stat.isFile()}
}

/** Runs `ddcli batch`: NDJSON requests in, one NDJSON result per request out. Secrets in any error are masked. */
export async function runBatch(options: BatchOptions, deps: BatchDeps): Promise<void> {
  let mask: Masker = createMasker([])
  try {
    await batchInner(options, deps, (m) => { mask = m })
  } catch (error: unknown) {
    if (isDdcliError(error)) error.message = mask(error.message)
    throw error
  }
}

async function batchInner(options: BatchOptions, deps: BatchDeps, setMask: (mask: Masker) => void): Promise<void> {
  const {io} = deps
  const policy = {...sendPolicy(options), retryUnsafe: options.retryUnsafe}
  const concurrency = parseCount(options.concurrency, '--concurrency', 8, MAX_CONCURRENCY)!
  const common = options.headers.map(parseHeader)
  // Compiled before credentials and input: a filter that does not compile is a usage error, and nothing is sent.
  // jq's own stderr (debug) goes out through say(), defined below, which clears the progress line first.
  const jq = {expression: options.jq!, args: options.jqArgs ?? [], argsJson: options.jqArgsJson ?? [], env: deps.env}
  for (const [flag, words] of [['--arg', jq.args], ['--argjson', jq.argsJson]] as const) {
    if (words.length > 0 && options.jq === undefined) throw new UsageError(`${flag} sets a variable of the --jq filter; add --jq EXPR`)
  }
  const loaded = options.jq === undefined ? undefined : await (await import('./jq.js')).loadBodyFilter(jq, BODY_LIMIT, (text) => say(text))
  const {settings, warnings, validate, readOnly: stored} = await loadSettings(options.credentials, deps.env, {signal: deps.signal})
  // --no-validate wins over the profile's setting; from here on options.validate is the resolved answer.
  options = {...options, validate: options.validate && validate}
  const readOnly = resolveReadOnly(options.readOnly === true, deps.env, stored.stored, stored.where)
  const secrets = [...secretsOf(settings), ...proxySecrets(deps.env), ...common.flatMap(([name, value]) => headerSecrets(name, value))]
  const mask = createMasker(secrets)
  setMask(mask)
  const transform = loaded?.(secrets)
  for (const warning of warnings) io.stderr.write(warningLine(warning, io.colorErr))
  if (!options.dryRun && !hasCredentials(settings)) throw new NoCredentialsError(noCredentialsMessage())
  const proxy = proxyEnv(deps.env)
  // Checked once, before any line is read: a bad proxy variable or NO_PROXY entry would fail every line alike.
  if (proxy && !options.dryRun) proxyRoute(new URL(settings.apiUrl.value), proxy)
  const {stream: input, regular} = await openInput(options.input, io)
  const fromTerminal = input === io.stdin && io.stdinIsTTY
  const progress = io.stderrIsTTY && !options.dryRun && !fromTerminal
  const total = progress && regular ? await countLines(fs.createReadStream(options.input!)) : undefined
  if (fromTerminal) io.stderr.write(warningLine(terminalInputHint(), io.colorErr))

  const stats: ScheduleStats = {done: 0, failed: 0, inflight: 0}
  const clock = deps.clock ?? systemClock
  const limits = new RateLimits(() => clock.now())
  const writer = new ResultWriter(io.stdout, options.ordered, Math.max(64, concurrency * 16), io.stdoutIsTTY)
  let shown = false
  const clearProgress = () => {
    if (shown) io.stderr.write('\r\u001b[K')
    shown = false
  }
  const say = (text: string) => {
    clearProgress()
    io.stderr.write(text)
  }
  if (progress && io.stdoutIsTTY) writer.beforeWrite = clearProgress
  const ticker = progress ? setInterval(() => {
    io.stderr.write(`\r${mask(progressLine(stats.done, total, stats.inflight, limits.longestWait()))}\u001b[K`)
    shown = true
  }, 200) : undefined

  // got adds an abort listener per request in flight; more than 10 is expected here, not a leak.
  setMaxListeners(concurrency * 2 + 16, deps.signal)
  const agent = {http: new HttpAgent({keepAlive: true, maxSockets: concurrency}), https: new HttpsAgent({keepAlive: true, maxSockets: concurrency})}
  const ctx: AttemptContext = {send: deps.send ?? realSend, limits, now: () => clock.now(), policy: {...policy}, signal: deps.signal, agent, proxy, mask, bodyLimit: BODY_LIMIT, transform, readOnly}
  const lines = readLines(input, MAX_LINE_BYTES)
  const source = requestSource(lines, settings, common, mask, options, readOnly, (note) => say(warningLine(note, io.colorErr)))
  let count = 0
  try {
    await schedule({next: async (seq) => {
      const item = await source.next(seq)
      if (item) count++
      return item
    }}, (job) => attempt(job, ctx), writer, limits, {
      concurrency,
      maxParked: Math.max(256, concurrency * 8),
      maxWaitMs: policy.maxWaitMs,
      signal: deps.signal,
      heldTooLong: (job, name, ms) => errorLine(job.head, (job.mask ?? mask)(heldTooLong(name, ms, policy.maxWaitMs))),
      clock,
    }, stats)
  } catch (error: unknown) {
    if (isDdcliError(error)) throw error
    throw new UsageError(`cannot read the input after ${count} request(s): ${(error as Error).message}; check the input`)
  } finally {
    if (ticker) clearInterval(ticker)
    clearProgress()
    agent.http.destroy()
    agent.https.destroy()
    input.destroy()
  }
  if (stats.failed > 0) throw new ApiError(failedSummary(stats.failed, stats.done))
}

/** Reads lines and turns each into a job to send, or a result already known (a bad line; every line with --dry-run). */
function requestSource(lines: AsyncGenerator<InputLine>, settings: Settings, common: Array<[string, string]>, mask: Masker, {dryRun, validate}: Pick<BatchOptions, 'dryRun' | 'validate'>, readOnly: ReadOnly, say: (text: string) => void): Source {
  const noted = new Set<string>()
  // Each operation's verdict function is read once per batch, not once per line (src/call/validate.ts).
  const loaded: NonNullable<CheckOptions['loaded']> = new Map()
  return {
    async next(seq): Promise<Item | undefined> {
      const next = await lines.next()
      if (next.done) return undefined
      const entry = next.value
      if ('tooLong' in entry) return {kind: 'result', seq, line: errorLine({hasId: false, line: entry.line}, lineTooLong(MAX_LINE_BYTES)), failed: true}
      if (entry.notUtf8 !== undefined) return {kind: 'result', seq, line: errorLine({hasId: false, line: entry.line}, entry.notUtf8), failed: true}
      const parsed = parseRequestLine(entry.text)
      const head = {id: parsed.id, hasId: parsed.hasId, line: entry.line}
      if (isFailure(parsed)) return {kind: 'result', seq, line: errorLine(head, mask(parsed.error)), failed: true}
      try {
        const built = await buildRequest(parsed, settings, common, validate)
        // A line that may write is refused in read-only mode: that line's error, the rest go on.
        const readOnlyNote = checkReadOnly({method: built.request.method, url: built.request.url, operation: built.operation}, readOnly, dryRun, Object.entries(built.request.headers))
        // The body is checked once the line may be sent at all (read-only refuses first, as in call).
        const checkNotes = validate ? await checkBuiltBody(built, dryRun, loaded) : []
        for (const note of [...built.notes, ...(readOnlyNote ? [readOnlyNote] : []), ...checkNotes]) {
          if (noted.has(note)) continue
          noted.add(note)
          say(mask(note))
        }
        const own = combine(mask, parsed.headers)
        if (dryRun) return {kind: 'result', seq, line: dryRunLine(head, built.request, own), failed: false}
        return {kind: 'job', job: {seq, head, built, attempts: 0, notBefore: 0, ...(own === mask ? {} : {mask: own})}}
      } catch (error: unknown) {
        // Whatever one line does wrong, it fails that line only; the rest of the batch goes on.
        const message = isDdcliError(error) ? batchWording(error.message) : `cannot build this request (${(error as Error)?.message ?? String(error)})`
        return {kind: 'result', seq, line: errorLine(head, mask(message)), failed: true}
      }
    },
  }
}

/** The batch masker, plus the secrets of one request's own credential headers. */
function combine(mask: Masker, headers: Array<[string, string]>): Masker {
  const own = headers.flatMap(([name, value]) => headerSecrets(name, value))
  if (own.length === 0) return mask
  const extra = createMasker(own)
  return (text) => extra(mask(text))
}
