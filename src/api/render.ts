import type {ChalkInstance} from 'chalk'
import {prettyJson} from '../output/json.js'

/** One row of `ddcli api list`; also its `--json` shape. */
export interface ListEntry {
  /** What to pass to ddcli call or api show: the operationId, `v1:`-prefixed when v2 has the same id. */
  name: string
  operationId: string
  version: string
  method: string
  path: string
  summary: string
  preview: boolean
  deprecated: boolean
  /** `preview`, `deprecated`, both comma-separated, or empty. */
  status: string
}

const GAP = '  '
const HEADERS = ['NAME', 'METHOD', 'PATH', 'STATUS', 'SUMMARY'] as const
/** Narrowest a column is squeezed to before the next one gives way: summary first, then path, then name. */
const MIN_WIDTH = {summary: 16, path: 24, name: 16}

/** On a terminal STATUS is one word, deprecated over preview, to leave room for the rest. */
const cells = (e: ListEntry, tty = false) =>
  [e.name, e.method, e.path, tty ? (e.deprecated ? 'deprecated' : e.preview ? 'preview' : '') : e.status, e.summary]
const clean = (text: string) => text.replace(/\s+/g, ' ')

/** Piped: one operation per line, tab-separated, never truncated, no header, so grep, cut and awk work. */
export function listTsv(entries: readonly ListEntry[]): string {
  return entries.map((e) => `${cells(e).map(clean).join('\t')}\n`).join('')
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`
}

/**
 * Column widths that fit `columns`: one character at a time from the widest of summary, path and name, each down to
 * its minimum, so one long name or path no longer squeezes every summary to a few characters.
 */
function fitWidths(natural: number[], columns: number): number[] {
  const widths = [...natural]
  const shown = widths.filter((w) => w > 0).length
  let overflow = widths.reduce((a, b) => a + b, 0) + GAP.length * (shown - 1) - columns
  const cuttable = [[4, MIN_WIDTH.summary], [2, MIN_WIDTH.path], [0, MIN_WIDTH.name]] as const
  while (overflow > 0) {
    let widest: number | undefined
    for (const [index, min] of cuttable) {
      if (widths[index]! > min && (widest === undefined || widths[index]! > widths[widest]!)) widest = index
    }
    if (widest === undefined) break
    widths[widest]! -= 1
    overflow -= 1
  }
  return widths
}

/** On a terminal: a header and aligned columns fitted to `columns`, long cells cut with `…`; STATUS only if used. */
export function listTable(entries: readonly ListEntry[], columns: number, chalk?: ChalkInstance): string {
  const rows = entries.map((e) => cells(e, true).map(clean))
  const natural = HEADERS.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i]!.length)))
  if (rows.every((row) => row[3] === '')) natural[3] = 0
  natural[4] = Math.max(...rows.map((row) => row[4]!.length), HEADERS[4].length)
  const widths = fitWidths(natural, columns)
  const line = (row: readonly string[], paint: (text: string, column: number) => string) =>
    row.map((cell, i) => (widths[i] === 0 ? undefined : paint(truncate(cell, widths[i]!).padEnd(i === 4 ? 0 : widths[i]!), i)))
      .filter((cell) => cell !== undefined).join(GAP).trimEnd()
  const header = line(HEADERS, (text) => (chalk ? chalk.bold(text) : text))
  const body = rows.map((row) => line(row, (text, i) => (chalk && i === 3 ? chalk.yellow(text) : chalk && i === 1 ? chalk.cyan(text) : text)))
  return `${[header, ...body].join('\n')}\n`
}

/** Stderr line when nothing matches (on a terminal only, as gh does): the exit code stays 0. */
export function noMatchLine(search: string | undefined): string {
  return search ? `no operations match ${JSON.stringify(search)}; try a shorter word, or ddcli api list for all` : 'the operations index is empty'
}

/** `--json` output: pretty and coloured on a terminal, one compact line when piped. */
export function jsonText(value: unknown, tty: boolean, chalk?: ChalkInstance): string {
  return `${tty ? prettyJson(value, chalk) : JSON.stringify(value)}\n`
}
