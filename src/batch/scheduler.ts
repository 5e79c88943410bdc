import {systemClock, type Clock} from '../context.js'
import {errorLine} from './result.js'
import type {Job, Outcome} from './attempt.js'
import type {RateLimits} from './rate-limits.js'
import type {ResultWriter} from './output.js'

/** The next thing the input gives: a job to send, or a result already known (a bad line, a request not sent). */
export type Item = {kind: 'job', job: Job} | {kind: 'result', seq: number, line: string, failed: boolean}

/** Where items come from; `next` resolves undefined at the end of the input. */
export interface Source {
  next(seq: number): Promise<Item | undefined>
}

/** How the scheduler runs: slots, the bound on parked jobs, and what to do with a job of a held limit. */
export interface ScheduleOptions {
  concurrency: number
  /** Jobs waiting for a backoff or a rate limit, at most; input is not read further meanwhile. */
  maxParked: number
  maxWaitMs: number
  signal: AbortSignal
  /** The result of a job whose limit is held longer than --max-wait. */
  heldTooLong: (job: Job, name: string, ms: number) => string
  /** When jobs may start again (backoffs, rate limits); the real clock when absent. */
  clock?: Clock
}

/** Counts for the progress line and the exit code. */
export interface ScheduleStats {
  done: number
  failed: number
  inflight: number
}

/**
 * Runs jobs with at most `concurrency` in flight, reading the input only as slots free up, so memory stays flat
 * however long the input. A job whose rate limit is held, or that waits for a retry, is parked and holds no slot:
 * jobs of other limits go on. On abort, every job read but not finished gets an `interrupted` result.
 */
export async function schedule(source: Source, run: (job: Job) => Promise<Outcome>, writer: ResultWriter, limits: RateLimits, options: ScheduleOptions, stats: ScheduleStats): Promise<ScheduleStats> {
  const clock = options.clock ?? systemClock
  const parked: Job[] = []
  let seq = 0
  let reading = false
  let inputDone = false
  let inputError: unknown
  let wakeUp: (() => void) | undefined
  const wake = () => wakeUp?.()
  options.signal.addEventListener('abort', wake, {once: true})
  const stop = () => options.signal.removeEventListener('abort', wake)
  writer.onDrain = wake

  const finish = (itemSeq: number, line: string, failed: boolean) => {
    stats.done++
    if (failed) stats.failed++
    writer.write(itemSeq, line)
  }

  const start = (job: Job) => {
    stats.inflight++
    // A job that throws (a bug, not a failed request) still ends as its own error result, never as a crash.
    const settled = run(job).catch((error: unknown): Outcome => ({kind: 'done', line: errorLine(job.head, `internal error: ${(error as Error)?.message ?? String(error)}`), failed: true}))
    void settled.then((outcome) => {
      stats.inflight--
      if (outcome.kind === 'retry' && !options.signal.aborted) {
        job.notBefore = clock.now() + outcome.delayMs
        parked.push(job)
      } else if (outcome.kind === 'retry') {
        finish(job.seq, errorLine(job.head, 'interrupted'), true)
      } else {
        finish(job.seq, outcome.line, outcome.failed)
      }
      wake()
    })
  }

  const read = () => {
    reading = true
    source.next(seq).then((item) => {
      reading = false
      if (item === undefined) inputDone = true
      else if (options.signal.aborted) return
      else if (item.kind === 'result') {
        seq++
        finish(item.seq, item.line, item.failed)
      } else {
        seq++
        parked.push(item.job)
      }
      wake()
    }, (error: unknown) => {
      reading = false
      inputDone = true
      inputError = error
      wake()
    })
  }

  /** Starts what can start now; returns ms until a parked job may be ready (undefined: nothing to wait for). */
  const pump = (): number | undefined => {
    let soonest: number | undefined
    const now = clock.now()
    for (let i = 0; i < parked.length && stats.inflight < options.concurrency; i++) {
      const job = parked[i]!
      const held = limits.waitMs(job.built.limitKey)
      if (held > options.maxWaitMs) {
        parked.splice(i--, 1)
        finish(job.seq, options.heldTooLong(job, limits.nameOf(job.built.limitKey) ?? 'unknown', held), true)
        continue
      }
      const wait = Math.max(held, job.notBefore - now)
      if (wait > 0) {
        soonest = Math.min(soonest ?? wait, wait)
        continue
      }
      parked.splice(i--, 1)
      start(job)
    }
    const room = stats.inflight < options.concurrency && parked.length < options.maxParked && writer.hasRoom(seq)
    if (!reading && !inputDone && room) read()
    return soonest
  }

  while (!options.signal.aborted) {
    const soonest = pump()
    if (inputDone && !reading && stats.inflight === 0 && parked.length === 0) break
    await new Promise<void>((resolve) => {
      const cancel = soonest === undefined ? undefined : clock.setTimer(resolve, soonest)
      wakeUp = () => {
        cancel?.()
        wakeUp = undefined
        resolve()
      }
    })
  }
  stop()
  if (options.signal.aborted) {
    for (const job of parked.splice(0)) finish(job.seq, errorLine(job.head, 'interrupted'), true)
    while (stats.inflight > 0) await new Promise<void>((resolve) => { wakeUp = resolve })
    writer.flush()
    throw options.signal.reason
  }
  writer.flush()
  if (inputError !== undefined) throw inputError
  return stats
}
