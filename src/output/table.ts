import {Chalk} from 'chalk'
import {oneLine} from './render.js'

/** One cell: its text and an optional style, applied only on a terminal with colour. */
export interface Cell {
  text: string
  style?: 'dim' | 'green' | 'red' | 'yellow'
}

/** A column: its header (shown on a terminal only) and which end to cut when the table is too wide. */
export interface Column {
  header: string
  /** `start` keeps the end (paths), `end` keeps the start (messages); absent: never cut. */
  cut?: 'start' | 'end'
}

/** How to lay out a table: aligned with headers on a terminal, tab-separated without headers when piped. */
export interface TableLayout {
  tty: boolean
  /** Terminal width; the table is cut to fit when given. */
  width?: number
  color: 0 | 1 | 2 | 3
}

const GAP = 2
const MIN_CUT_WIDTH = 12

/** Cuts text to `width` characters, marking the cut with `…` at the given end. */
export function cut(text: string, width: number, at: 'start' | 'end'): string {
  if (text.length <= width) return text
  if (width <= 1) return '…'.slice(0, width)
  return at === 'start' ? `…${text.slice(text.length - width + 1)}` : `${text.slice(0, width - 1)}…`
}

/** Column widths that fit `width`, taking one character at a time from the widest cuttable column. */
export function fitWidths(columns: readonly Column[], natural: readonly number[], width: number | undefined): number[] {
  const widths = [...natural]
  if (width === undefined) return widths
  let excess = widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1) - width
  while (excess > 0) {
    let widest = -1
    for (let i = 0; i < widths.length; i++) {
      if (columns[i]!.cut && widths[i]! > MIN_CUT_WIDTH && (widest === -1 || widths[i]! > widths[widest]!)) widest = i
    }
    if (widest === -1) break
    widths[widest] = widths[widest]! - 1
    excess -= 1
  }
  return widths
}

/** The table as text, one line per row, ending with a newline. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly Cell[])[], layout: TableLayout): string {
  const clean = rows.map((row) => columns.map((_, i) => ({...row[i], text: oneLine(row[i]?.text ?? '')})))
  if (!layout.tty) return clean.map((row) => row.map((cell) => cell.text).join('\t')).join('\n') + '\n'
  const chalk = new Chalk({level: layout.color})
  const all = [columns.map((column): Cell => ({text: column.header, style: 'dim'})), ...clean]
  const widths = fitWidths(columns, columns.map((_, i) => Math.max(...all.map((row) => row[i]!.text.length))), layout.width)
  const paint = (cell: Cell, text: string) => (cell.style ? chalk[cell.style](text) : text)
  return all.map((row) => {
    const last = lastNonEmpty(row)
    return row.slice(0, last + 1).map((cell, i) => {
      const text = cut(cell.text, widths[i]!, columns[i]!.cut ?? 'end')
      return paint(cell, text) + (i < last ? ' '.repeat(widths[i]! - text.length + GAP) : '')
    }).join('')
  }).join('\n') + '\n'
}

function lastNonEmpty(row: readonly Cell[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (row[i]!.text) return i
  return 0
}
