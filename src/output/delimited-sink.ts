import {RowSink} from './row-sink.js'
import type {SinkOptions} from './sink.js'

/**
 * A CSV field, RFC 4180: quoted when it holds a comma, a quote, CR or LF (quotes doubled). A cell a spreadsheet would
 * run as a formula (one starting with =, +, -, @, a tab or CR, which Excel and LibreOffice evaluate) gets a leading
 * `'`, as OWASP advises: CSV is for spreadsheets, and names, tags and log lines come from whoever wrote them. Numbers
 * in the JSON are not strings and are never marked (`-5` stays `-5`); tsv keeps every value as it is.
 */
export function csvField(text: string, isNumber = false): string {
  const safe = !isNumber && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A TSV field as jq's @tsv writes it: backslash, tab, CR and LF escaped as \\ \t \r \n, so each row is one line. */
export function tsvField(text: string): string {
  return text.replace(/[\\\t\r\n]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : '\\n'))
}

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/**
 * `-o csv` and `-o tsv`: a header row of column paths, then one row per item, lines ending in `\n`. A lone object
 * that is no list is one row under its keys. Nested values are compact JSON, null is an empty cell.
 */
export class DelimitedSink extends RowSink {
  private readonly field: (text: string) => string
  private readonly separator: string

  constructor(options: SinkOptions) {
    super(options)
    this.separator = options.format === 'csv' ? ',' : '\t'
    // A cell's text does not say whether it was a JSON number; a string that reads as a number is not a formula either.
    this.field = options.format === 'csv' ? (text) => csvField(text, NUMBER.test(text)) : tsvField
  }

  protected async start(headers: readonly string[], first: readonly (readonly string[])[]): Promise<void> {
    await this.write(this.rowsText([headers, ...first]))
  }

  protected rowsText(rows: readonly (readonly string[])[]): string {
    return rows.map((row) => `${row.map(this.field).join(this.separator)}\n`).join('')
  }

  protected async single(pairs: ReadonlyArray<readonly [string, string]>): Promise<void> {
    await this.start(pairs.map(([key]) => key), [pairs.map(([, value]) => value)])
  }
}
