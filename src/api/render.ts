import type {ChalkInstance} from 'chalk'
import {prettyJson} from '../output/json.js'
import {renderTable, type Cell, type Column, type TableLayout} from '../output/table.js'

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

/**
 * NAME, METHOD, PATH, STATUS, SUMMARY: the widest of name, path and summary gives way first, each down to its
 * minimum, so one long name or path does not squeeze every summary to a few characters.
 */
const COLUMNS: readonly Column[] = [
  {header: 'NAME', cut: 'end', min: 16},
  {header: 'METHOD'},
  {header: 'PATH', cut: 'end', min: 24},
  {header: 'STATUS', hideEmpty: true},
  {header: 'SUMMARY', cut: 'end', min: 16},
]

/** On a terminal STATUS is one word, deprecated over preview, to leave room for the rest. */
function row(e: ListEntry, tty: boolean): Cell[] {
  const status = tty ? (e.deprecated ? 'deprecated' : e.preview ? 'preview' : '') : e.status
  return [{text: e.name}, {text: e.method, style: 'cyan'}, {text: e.path}, {text: status, style: 'yellow'}, {text: e.summary}]
}

/** Piped: one operation per line, tab-separated, never truncated, no header, so grep, cut and awk work. */
export function listTsv(entries: readonly ListEntry[]): string {
  return renderTable(COLUMNS, entries.map((e) => row(e, false)), {tty: false, color: 0})
}

/** On a terminal: a header and aligned columns fitted to `columns`, long cells cut with `…`; STATUS only if used. */
export function listTable(entries: readonly ListEntry[], columns: number, color: TableLayout['color'] = 0): string {
  return renderTable(COLUMNS, entries.map((e) => row(e, true)), {tty: true, width: columns, color, headerStyle: 'bold'})
}

/** Stderr line when nothing matches (on a terminal only, as gh does): the exit code stays 0. */
export function noMatchLine(search: string | undefined): string {
  return search ? `no operations match ${JSON.stringify(search)}; try a shorter word, or ddcli api list for all` : 'the operations index is empty'
}

/** `--json` output: pretty and coloured on a terminal, one compact line when piped. */
export function jsonText(value: unknown, tty: boolean, chalk?: ChalkInstance): string {
  return `${tty ? prettyJson(value, chalk) : JSON.stringify(value)}\n`
}
