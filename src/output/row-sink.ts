import {cellText, cellValue, chooseColumns, listOf, objectView, rowView} from './rows.js'
import type {FormatSink, SinkOptions} from './sink.js'
import {writer} from './sink.js'

type Obj = Record<string, unknown>
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * What table, csv and tsv share: the list of a document (or the document as one row), the columns picked once from
 * the first rows (or `--columns`) and kept for every later page, and a whole body that is one object shown on its own
 * (`single`).
 */
export abstract class RowSink implements FormatSink {
  protected readonly write: (text: string) => Promise<void>
  private columns?: string[][]
  private documents = 0
  private rows = 0
  private held?: Obj
  private listed = false
  /** Keys of the rows the columns were chosen from (undefined with --columns), to tell of keys only later rows have. */
  private known?: Set<string>
  private toldLater = false

  constructor(protected readonly options: SinkOptions, private readonly limit = Infinity, safeText = false) {
    this.write = writer(options.io, safeText)
    this.columns = options.columns
  }

  /** Starts the output once the columns are known, from the first rows' cells. */
  protected abstract start(headers: readonly string[], first: readonly (readonly string[])[]): Promise<void>
  /** Writes rows after the start. */
  protected abstract rowsText(rows: readonly (readonly string[])[]): string
  /** A lone object that is no list: its keys (or `--columns`) with their values. */
  protected abstract single(pairs: ReadonlyArray<readonly [string, string]>): Promise<void>

  async document(value: unknown): Promise<void> {
    const first = this.documents++ === 0
    const list = listOf(value, first ? this.options.resultsPath : undefined, first && this.options.body === true)
    if (list) return this.items(list)
    // A whole body that is an object and no list is shown on its own (keys and values). jq outputs are rows however
    // many there are, so `.data[] | {id, name}` looks the same for one item as for ten.
    if (first && this.options.body === true && isObject(value)) {
      this.held = value
      return
    }
    await this.items([value])
  }

  async items(values: readonly unknown[]): Promise<void> {
    this.listed = true
    if (values.length === 0) return
    const views = values.map(rowView)
    if (!this.columns) {
      const {columns, total} = chooseColumns(views, this.limit)
      if (total > columns.length) this.options.note(`showing ${columns.length} of ${total} columns; choose them with --columns ${columns.slice(0, 3).join(',')},...`)
      this.columns = columns.map((column) => [column])
      this.known = new Set(views.flatMap((view) => Object.keys(view)))
    } else if (this.known && !this.toldLater) {
      this.tellLaterKeys(views)
    }
    const fresh = this.rows === 0
    const cells = values.map((item, i) => this.columns!.map((path) => cellText(cellValue(views[i]!, item, path))))
    this.rows += cells.length
    if (fresh) await this.start(this.columns.map((path) => path.join('.')), cells)
    else await this.write(this.rowsText(cells))
  }

  /** Once: later rows (another page) have keys the columns, chosen from the first rows, leave out. */
  private tellLaterKeys(views: readonly Obj[]): void {
    const fresh = [...new Set(views.flatMap((view) => Object.keys(view)))].filter((key) => !this.known!.has(key))
    if (fresh.length === 0) return
    this.toldLater = true
    const shown = fresh.length > 5 ? [...fresh.slice(0, 5), '...'] : fresh
    const pick = [...this.columns!.map((path) => path.join('.')), ...fresh.slice(0, 5)]
    this.options.note(`later rows have keys the columns (chosen from the first rows) leave out: ${shown.join(', ')}; pick columns with --columns ${pick.join(',')}`)
  }

  async end(): Promise<void> {
    if (this.held) {
      const view = objectView(this.held)
      const paths = this.columns ?? Object.keys(view).map((key) => [key])
      return this.single(paths.map((path) => [path.join('.'), cellText(cellValue(view, this.held, path))] as const))
    }
    if (this.rows > 0) return
    if (this.columns) await this.start(this.columns.map((path) => path.join('.')), [])
    else if (this.listed) this.options.note('the list is empty')
  }
}
