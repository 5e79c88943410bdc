import {Chalk} from 'chalk'
import stringWidth from 'string-width'
import {oneLine} from './render.js'

/** One cell: its text and an optional style, applied only on a terminal with colour. */
export interface Cell {
  text: string
  style?: 'dim' | 'bold' | 'cyan' | 'green' | 'red' | 'yellow'
}

/** A column: its header (shown on a terminal only) and how it gives way when the table is too wide. */
export interface Column {
  header: string
  /** `start` keeps the end (paths), `end` keeps the start (messages); absent: never cut. */
  cut?: 'start' | 'end'
  /** Narrowest it is cut to (default 12). */
  min?: number
  /** Columns with a lower rank give way first (default 0); within a rank, the widest gives way first. */
  rank?: number
  /** On a terminal, leave the column out when no row has a value in it (piped output keeps it). */
  hideEmpty?: boolean
}

/** How to lay out a table: aligned with headers on a terminal, tab-separated without headers when piped. */
export interface TableLayout {
  tty: boolean
  /** Terminal width; the table is cut to fit when given. */
  width?: number
  color: 0 | 1 | 2 | 3
  /** Style of the header row (default dim). */
  headerStyle?: Cell['style']
}

const GAP = 2
const MIN_CUT_WIDTH = 12

/**
 * Cuts text to `width` terminal columns, marking the cut with `…` at the given end. Widths are what a terminal
 * shows (string-width): a CJK character or an emoji takes two columns, a combining mark none, and a cut never
 * splits a character or a grapheme.
 */
export function cut(text: string, width: number, at: 'start' | 'end'): string {
  if (stringWidth(text) <= width) return text
  if (width <= 1) return '…'.slice(0, width)
  const graphemes = [...new Intl.Segmenter().segment(text)].map(({segment}) => segment)
  if (at === 'start') graphemes.reverse()
  const kept: string[] = []
  let used = 1
  for (const grapheme of graphemes) {
    const w = stringWidth(grapheme)
    if (used + w > width) break
    kept.push(grapheme)
    used += w
  }
  return at === 'start' ? `…${kept.reverse().join('')}` : `${kept.join('')}…`
}

/**
 * Column widths that fit `width`, the one fitting rule of every table: one character at a time from the widest
 * cuttable column of the lowest rank that is still above its minimum.
 */
export function fitWidths(columns: readonly Column[], natural: readonly number[], width: number | undefined): number[] {
  const widths = [...natural]
  if (width === undefined) return widths
  let excess = widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1) - width
  const canGive = (i: number) => Boolean(columns[i]!.cut) && widths[i]! > (columns[i]!.min ?? MIN_CUT_WIDTH)
  while (excess > 0) {
    let widest = -1
    for (let i = 0; i < widths.length; i++) {
      if (!canGive(i)) continue
      const rank = columns[i]!.rank ?? 0
      const best = widest === -1 ? undefined : columns[widest]!.rank ?? 0
      if (best === undefined || rank < best || (rank === best && widths[i]! > widths[widest]!)) widest = i
    }
    if (widest === -1) break
    widths[widest] = widths[widest]! - 1
    excess -= 1
  }
  return widths
}

/** The table as text, one line per row, ending with a newline. */
export function renderTable(allColumns: readonly Column[], rows: readonly (readonly Cell[])[], layout: TableLayout): string {
  const full = rows.map((row) => allColumns.map((_, i) => ({...row[i], text: oneLine(row[i]?.text ?? '')})))
  if (!layout.tty) return full.map((row) => `${row.map((cell) => cell.text).join('\t')}\n`).join('')
  const shown = allColumns.map((column, i) => !column.hideEmpty || full.some((row) => row[i]!.text !== ''))
  const columns = allColumns.filter((_, i) => shown[i])
  const clean = full.map((row) => row.filter((_, i) => shown[i]))
  const chalk = new Chalk({level: layout.color})
  const all = [columns.map((column): Cell => ({text: column.header, style: layout.headerStyle ?? 'dim'})), ...clean]
  const widths = fitWidths(columns, columns.map((_, i) => Math.max(...all.map((row) => stringWidth(row[i]!.text)))), layout.width)
  const paint = (cell: Cell, text: string) => (cell.style ? chalk[cell.style](text) : text)
  return all.map((row) => {
    const last = lastNonEmpty(row)
    return row.slice(0, last + 1).map((cell, i) => {
      const text = cut(cell.text, widths[i]!, columns[i]!.cut ?? 'end')
      return paint(cell, text) + (i < last ? ' '.repeat(Math.max(0, widths[i]! - stringWidth(text)) + GAP) : '')
    }).join('')
  }).join('\n') + '\n'
}

function lastNonEmpty(row: readonly Cell[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (row[i]!.text) return i
  return 0
}
