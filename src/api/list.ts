import {terminalColumns, type IO} from '../io.js'
import {loadOperations, searchOperations, type Operation} from '../spec/index.js'
import {operationName, statusMarker, v2IdSet} from './names.js'
import {diagnostic} from '../output/render.js'
import {jsonText, listTable, listTsv, noMatchLine, type ListEntry} from './render.js'
import {chalkAt} from '../output/color.js'

/** What `ddcli api list` was asked. */
export interface ApiListOptions {
  search?: string
  json: boolean
}

/** What `runApiList` needs: the streams, and the terminal width when stdout is one. */
export interface ApiListDeps {
  io: IO
  columns?: number
}

/** The list rows of some operations, in index order (v1 first). */
export function listEntries(ops: readonly Operation[], all: readonly Operation[] = ops): ListEntry[] {
  const v2Ids = v2IdSet(all)
  return ops.map((op) => ({
    name: operationName(op, v2Ids),
    operationId: op.operationId,
    version: op.version,
    method: op.method,
    path: op.path,
    summary: op.summary,
    preview: op.unstable !== undefined,
    deprecated: op.deprecated || op.sunset !== undefined,
    status: statusMarker(op),
  }))
}

/** Writes `value` as `--json` output. */
export async function writeJson(value: unknown, io: IO): Promise<void> {
  const chalk = io.stdoutIsTTY ? await chalkAt(io.colorOut) : undefined
  io.stdout.write(jsonText(value, io.stdoutIsTTY, chalk))
}

/**
 * Runs `ddcli api list`: the operations matching SEARCH (all without one) as a table on a terminal, TSV when piped,
 * or JSON. No match is not a failure (exit 0, like gh): an empty list, and a note on stderr on a terminal.
 */
export async function runApiList(options: ApiListOptions, deps: ApiListDeps): Promise<void> {
  const {io} = deps
  const all = await loadOperations()
  const entries = listEntries(options.search ? searchOperations(all, options.search) : all, all)
  if (options.json) return writeJson(entries, io)
  if (entries.length === 0) {
    if (io.stdoutIsTTY) io.stderr.write(diagnostic(noMatchLine(options.search)))
    return
  }
  if (!io.stdoutIsTTY) {
    io.stdout.write(listTsv(entries))
    return
  }
  io.stdout.write(listTable(entries, terminalColumns(deps.columns) ?? 80, io.colorOut))
}
