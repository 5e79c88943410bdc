import {Chalk} from 'chalk'
import stringWidth from 'string-width'
import {oneLine} from './render.js'
import {RowSink} from './row-sink.js'
import type {SinkOptions} from './sink.js'
import {cut, fitWidths, type Column} from './table.js'

/** Columns a table picks on its own; `--columns` may name more. */
export const TABLE_COLUMNS = 8

const GAP = '  '

/**
 * `-o table`: aligned columns under a header, one row per item. Widths come from the first rows (with `--paginate`,
 * the first page) and hold for the rest, so rows stream as pages arrive. With a width (a terminal's, or COLUMNS),
 * columns give way widest first and cells are cut with `…`; without one, nothing is cut. Cells are one line each.
 */
export class TableSink extends RowSink {
  private widths: number[] = []
  private readonly chalk: InstanceType<typeof Chalk>

  constructor(options: SinkOptions) {
    super(options, TABLE_COLUMNS, true)
    // Not on a terminal a table is plain text, even with FORCE_COLOR (as a piped body stays as received).
    this.chalk = new Chalk({level: options.io.stdoutIsTTY ? options.io.colorOut : 0})
  }

  protected async start(headers: readonly string[], first: readonly (readonly string[])[]): Promise<void> {
    const shown = headers.map((header) => oneLine(header.toUpperCase()))
    const rows = first.map((row) => row.map(oneLine))
    const columns: Column[] = headers.map(() => ({header: '', cut: 'end', min: 6}))
    // A loop, not Math.max(...rows): spreading 200,000 rows as arguments overflows the stack.
    const natural = shown.map((header, i) => rows.reduce((widest, row) => Math.max(widest, stringWidth(row[i]!)), stringWidth(header)))
    this.widths = fitWidths(columns, natural, this.options.width)
    await this.write(this.line(shown, (text) => this.chalk.bold(text)) + this.rowsText(first))
  }

  protected rowsText(rows: readonly (readonly string[])[]): string {
    return rows.map((row) => this.line(row.map(oneLine))).join('')
  }

  protected async single(pairs: ReadonlyArray<readonly [string, string]>): Promise<void> {
    const keys = pairs.map(([key]) => oneLine(key))
    const values = pairs.map(([, value]) => oneLine(value))
    const columns: Column[] = [{header: 'KEY', cut: 'end', min: 12}, {header: 'VALUE', cut: 'end', min: 12}]
    const widest = (texts: readonly string[], least: number) => texts.reduce((most, text) => Math.max(most, stringWidth(text)), least)
    this.widths = fitWidths(columns, [widest(keys, 3), widest(values, 5)], this.options.width)
    await this.write(this.line(['KEY', 'VALUE'], (text) => this.chalk.bold(text)) + keys.map((key, i) => this.line([key, values[i]!])).join(''))
  }

  /** One row: each cell cut to its column when a width is known, padded but the last, blanks at the end dropped. */
  private line(cells: readonly string[], paint: (text: string) => string = (text) => text): string {
    const texts = cells.map((text, i) => (this.options.width === undefined ? text : cut(text, this.widths[i]!, 'end')))
    let last = texts.length - 1
    while (last > 0 && texts[last] === '') last--
    return texts.slice(0, last + 1).map((text, i) => paint(text) + (i < last ? ' '.repeat(Math.max(0, this.widths[i]! - stringWidth(text))) + GAP : '')).join('') + '\n'
  }
}
