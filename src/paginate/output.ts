import {once} from 'node:events'
import type {ChalkInstance} from 'chalk'
import {UsageError} from '../errors.js'
import type {IO} from '../io.js'
import type {JqFilter, JqResult} from '../jq/index.js'
import {prettyJsonText} from '../output/json.js'

/** How items are printed: NDJSON, one array (`--slurp`), or through a jq filter. */
export interface ItemOutputOptions {
  slurp: boolean
  silent: boolean
  jq?: JqFilter
  jqJson: boolean
  chalk?: ChalkInstance
}

/** Writes with backpressure, so a slow reader keeps memory flat. */
export async function writeOut(io: IO, text: string): Promise<void> {
  if (text === '' ) return
  if (!io.stdout.write(text)) await once(io.stdout, 'drain')
}

/**
 * A jq result as printed: on a terminal pretty JSON laid out from jq's own text (a 64-bit number stays as written);
 * piped, strings raw (unless --jq-json) and the rest compact.
 */
export function jqText(result: JqResult, io: IO, json: boolean, chalk?: ChalkInstance): string {
  return result.outputs.map((output) => {
    if (io.stdoutIsTTY) return `${prettyJsonText(output, chalk)}\n`
    return `${!json && output.startsWith('"') ? (JSON.parse(output) as string) : output}\n`
  }).join('')
}

/** The error to exit with when a filter failed on the data; jq's other stderr (debug) is passed on first. */
export function jqFailure(result: JqResult, io: IO): UsageError | undefined {
  if (result.stderr.trim()) io.stderr.write(`${result.stderr.replace(/\n*$/, '\n')}`)
  return result.error === undefined ? undefined : new UsageError(`jq: ${result.error}; check the --jq filter against the data`)
}

/** Prints the items of each page as they come, in one of the three forms. */
export class ItemOutput {
  private count = 0
  private readonly kept: string[] = []

  constructor(private readonly io: IO, private readonly options: ItemOutputOptions) {}

  async write(items: readonly string[]): Promise<void> {
    const {options, io} = this
    if (options.silent || items.length === 0) return
    if (options.jq && options.slurp) {
      this.kept.push(...items)
      return
    }
    if (options.jq) {
      const result = await options.jq.applyEach(items)
      await writeOut(io, jqText(result, io, options.jqJson, options.chalk))
      const failure = jqFailure(result, io)
      if (failure) throw failure
      return
    }
    // On a terminal, prettyJsonText lays an item out from the page's own text (a 64-bit id is not rounded) and escapes
    // the server's control characters in each string before colouring it; escaping the coloured text would print
    // ddcli's own colour codes as `\u001b[34m`.
    const show = (item: string) => (io.stdoutIsTTY ? prettyJsonText(item, options.chalk) : item)
    let text: string
    if (options.slurp) text = `${this.count === 0 ? '[' : ','}${items.map(show).join(',')}`
    else text = `${items.map(show).join('\n')}\n`
    this.count += items.length
    await writeOut(io, text)
  }

  /** Closes the array of `--slurp`, or runs the filter on it. */
  async end(): Promise<void> {
    const {options, io} = this
    if (options.silent || !options.slurp) return
    if (options.jq) {
      const result = await options.jq.apply(`[${this.kept.join(',')}]`)
      await writeOut(io, jqText(result, io, options.jqJson, options.chalk))
      const failure = jqFailure(result, io)
      if (failure) throw failure
      return
    }
    await writeOut(io, this.count === 0 ? '[]\n' : ']\n')
  }
}
