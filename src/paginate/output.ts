import {once} from 'node:events'
import type {ChalkInstance} from 'chalk'
import type {IO} from '../io.js'
import type {JqFilter} from '../jq/index.js'
import {parseExact} from '../output/exact-json.js'
import {prettyJsonText} from '../output/json.js'
import {outputsTo, type FormatSink} from '../output/sink.js'

/** How items are printed: NDJSON, one array (`--slurp`), whole pages (`--pages`), or through a jq filter. */
export interface ItemOutputOptions {
  slurp: boolean
  /** Each whole page is one output instead of its items. */
  pages?: boolean
  silent: boolean
  jq?: JqFilter
  jqJson: boolean
  chalk?: ChalkInstance
  /** -o yaml, table, csv or tsv: items (or the filter's outputs) go there instead of being printed as JSON. */
  sink?: FormatSink
}

/** Writes with backpressure, so a slow reader keeps memory flat. */
export async function writeOut(io: IO, text: string): Promise<void> {
  if (text === '' ) return
  if (!io.stdout.write(text)) await once(io.stdout, 'drain')
}

/** Prints the items of each page as they come, in one of the three forms. */
export class ItemOutput {
  private count = 0
  private readonly kept: string[] = []

  constructor(private readonly io: IO, private readonly options: ItemOutputOptions, private readonly signal?: AbortSignal) {}

  /**
   * Runs the filter on the items (or the slurped array, or the pages) and prints it as it goes; throws when the
   * filter failed, naming the likely cause of an indexing error on items: a filter written for the whole list.
   */
  private async filter(filter: JqFilter, input: string | readonly string[]): Promise<void> {
    const {printJq} = await import('../jq/print.js')
    const sink = this.options.sink ? outputsTo(this.options.sink) : undefined
    const failure = await printJq(filter, input, this.io, {json: this.options.jqJson, silent: false, chalk: this.options.chalk, signal: this.signal, sink})
    if (failure && !this.options.slurp && !this.options.pages && /^jq: Cannot (?:index|iterate over) /.test(failure.message)) {
      failure.message = failure.message.replace(/; check the --jq filter against the data$/, '') +
        '; with --paginate the filter sees one item at a time: write .name where you wrote .[].name, or add --slurp to filter the whole list'
    }
    if (failure) throw failure
  }

  async write(items: readonly string[]): Promise<void> {
    const {options, io} = this
    if (options.silent) return
    if (options.sink && !options.jq) return options.sink.items(items.map(parseExact))
    if (items.length === 0) return
    if (options.jq && options.slurp) {
      this.kept.push(...items)
      return
    }
    if (options.jq) return this.filter(options.jq, items)
    // On a terminal each item is laid out from its own text: strings and keys neutralised token by token before they
    // are coloured (neutralising the coloured text escaped the colours themselves), numbers shown as written.
    const show = (item: string) => (io.stdoutIsTTY ? prettyJsonText(item, options.chalk) : item)
    let text: string
    if (options.slurp) text = `${this.count === 0 ? '[' : ','}${items.map(show).join(',')}`
    else text = `${items.map(show).join('\n')}\n`
    this.count += items.length
    await writeOut(io, text)
  }

  /** With `--pages`: prints one whole page (compact JSON text), formats it as `--jq .` would, or runs the filter on it. */
  async page(text: string): Promise<void> {
    const {options, io} = this
    if (options.silent) return
    if (options.jq) return this.filter(options.jq, text)
    // -o yaml, table, csv or tsv: the page is formatted as one output of a filter (a JSON:API page gives its rows).
    if (options.sink) return outputsTo(options.sink)([text])
    await writeOut(io, `${io.stdoutIsTTY ? prettyJsonText(text, options.chalk) : text}\n`)
  }

  /** Closes the array of `--slurp`, or runs the filter on it; ends the format's output. */
  async end(): Promise<void> {
    const {options, io} = this
    if (options.silent) return
    if (options.sink) {
      if (options.jq && options.slurp) await this.filter(options.jq, `[${this.kept.join(',')}]`)
      return options.sink.end()
    }
    if (!options.slurp) return
    if (options.jq) return this.filter(options.jq, `[${this.kept.join(',')}]`)
    await writeOut(io, this.count === 0 ? '[]\n' : ']\n')
  }
}
