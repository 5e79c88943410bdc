/**
 * Printing a jq run (call, --paginate, --slurp; batch gathers outputs itself but shares the stderr and the wording):
 * outputs to stdout as they come, with backpressure; jq's own stderr made printable; its failure as one error.
 */
import {once} from 'node:events'
import type {Writable} from 'node:stream'
import type {ChalkInstance} from 'chalk'
import {UsageError} from '../errors.js'
import type {IO} from '../io.js'
import {neutralizeControls, prettyJsonText} from '../output/json.js'
import {printable} from '../output/render.js'
import {outputText, type JqEnd, type JqFilter, type JqInput} from './index.js'

/** `ddcli: jq: <message>; ...`: the filter failed on the data. jq's message is server data, made printable. */
export function failedLine(error: string): string {
  return `jq: ${printable(error)}; check the --jq filter against the data`
}

/** The filter stopped itself with `halt_error` and a status other than 0 (its message is jq's stderr, shown once). */
export function haltedLine(status: number): string {
  return `--jq filter called halt_error (exit status ${status})`
}

/** jq's heap (2 GiB) was not enough for the data and the filter. */
export const OUT_OF_MEMORY_LINE = 'jq ran out of memory (its heap stops at 2 GiB); filter less at once (--paginate runs --jq on each item), or pipe the body into jq instead of --jq'

/** The error to exit with for how a run ended, if it failed. */
export function jqFailure(end: JqEnd, notJson?: () => UsageError): UsageError | undefined {
  if (end.outOfMemory) return new UsageError(OUT_OF_MEMORY_LINE)
  if (end.notJson !== undefined) return notJson?.() ?? new UsageError(`--jq needs JSON, and the data is not: ${printable(end.notJson)}`)
  if (end.error !== undefined) return new UsageError(failedLine(end.error))
  if (end.halted !== undefined) return new UsageError(haltedLine(end.halted))
  return undefined
}

/**
 * jq's stderr (`debug`, `stderr`, `halt_error`'s message) as passed on: each line made printable, since it can
 * carry any string of the server's; a last line without its line break gets one at `end()`, so that what follows
 * starts on its own line.
 */
export class JqStderr {
  private last = '\n'

  constructor(private readonly write: (text: string) => void | Promise<void>) {}

  async text(text: string): Promise<void> {
    if (text === '') return
    this.last = text.at(-1)!
    await this.write(text.split('\n').map(printable).join('\n'))
  }

  async end(): Promise<void> {
    if (this.last !== '\n') await this.text('\n')
  }
}

/** Writes to a stream, waiting for 'drain' when it is full, so a slow reader holds jq back. */
export async function writeWithDrain(stream: Writable, text: string): Promise<void> {
  if (text !== '' && !stream.write(text)) await once(stream, 'drain')
}

/**
 * How outputs are shown: strings raw unless `json` (as gh and `jq -r` print them), anything else as JSON, compact
 * when piped and pretty on a terminal (numbers as jq wrote them). On a terminal a raw string keeps its tabs and line
 * breaks but shows other control characters as `\u001b`: it is the server's text, and must not drive the terminal.
 */
export function outputsText(outputs: readonly string[], io: IO, json: boolean, chalk?: ChalkInstance): string {
  return outputs.map((output) => {
    if (!io.stdoutIsTTY) return `${outputText(output, json)}\n`
    return `${!json && output.startsWith('"') ? neutralizeControls(outputText(output, false)) : prettyJsonText(output, chalk)}\n`
  }).join('')
}

/** Options of one printed run. */
export interface PrintOptions {
  json: boolean
  silent: boolean
  chalk?: ChalkInstance
  signal?: AbortSignal
  /** Takes the outputs instead of stdout (-o yaml, table, csv, tsv format them). */
  sink?: (outputs: readonly string[]) => Promise<void>
  /** The error for an input that is not JSON. */
  notJson?: () => UsageError
}

/** Runs a filter and prints it as it goes; returns the error to exit with when the filter failed. */
export async function printJq(filter: JqFilter, input: JqInput, io: IO, options: PrintOptions): Promise<UsageError | undefined> {
  const stderr = new JqStderr((text) => writeWithDrain(io.stderr, text))
  let end: JqEnd
  try {
    end = await filter.run(input, {
      outputs: (outputs) => (options.silent ? undefined : options.sink ? options.sink(outputs) : writeWithDrain(io.stdout, outputsText(outputs, io, options.json, options.chalk))),
      stderr: (text) => stderr.text(text),
    }, options.signal)
  } finally {
    // Also when interrupted: ddcli's line after it starts a line of its own.
    await stderr.end()
  }
  return jqFailure(end, options.notJson)
}
