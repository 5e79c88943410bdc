import {once} from 'node:events'
import type {IO} from '../io.js'
import type {Format} from './format.js'
import {parseExact} from './exact-json.js'
import {neutralizeControls} from './json.js'

/**
 * Where the values of a run go in a format other than json: a whole body or one jq output at a time (`document`), or
 * the items of a list page by page (`items`). Each writes as it goes, with backpressure, so `--paginate` streams.
 */
export interface FormatSink {
  document(value: unknown): Promise<void>
  items(values: readonly unknown[]): Promise<void>
  end(): Promise<void>
}

/** What a sink needs: the streams, the columns asked for, the width to fit, and where to say what it left out. */
export interface SinkOptions {
  io: IO
  format: Exclude<Format, 'json'>
  /** `--columns`, as paths (`creator.handle` is ['creator', 'handle']). */
  columns?: string[][]
  /** Width to fit a table to: the terminal's, or COLUMNS when not a terminal; none means no cutting. */
  width?: number
  /** The list field the spec names for the operation, for the body's first document. */
  resultsPath?: readonly string[]
  /** The first document is a whole response body (not a jq output): its list may be guessed from its shape. */
  body?: boolean
  /** A note for stderr (columns left out, an empty list). */
  note: (text: string) => void
}

/**
 * Writes text to stdout with backpressure; on a terminal, control characters are made visible first, unless the
 * text is `safe` (a table's cells are one line each already, and its header carries colour).
 */
export function writer(io: IO, safe = false): (text: string) => Promise<void> {
  return async (text) => {
    if (text === '') return
    if (!io.stdout.write(io.stdoutIsTTY && !safe ? neutralizeControls(text) : text)) await once(io.stdout, 'drain')
  }
}

/** The sink of a format; each is loaded only when asked for (a plain call loads none of them). */
export async function createSink(options: SinkOptions): Promise<FormatSink> {
  if (options.format === 'yaml') return new (await import('./yaml-sink.js')).YamlSink(options)
  if (options.format === 'table') return new (await import('./table-sink.js')).TableSink(options)
  return new (await import('./delimited-sink.js')).DelimitedSink(options)
}

/** A jq run's outputs handed to a sink, one document each, numbers as jq wrote them. */
export function outputsTo(sink: FormatSink): (outputs: readonly string[]) => Promise<void> {
  return async (outputs) => {
    for (const output of outputs) await sink.document(parseExact(output))
  }
}
