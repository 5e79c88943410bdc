import {closest, cutShort, orList} from '../closest.js'
import {hasSecretShape} from '../credentials/mask.js'
import {badValue, type Origin} from '../errors.js'
import type {Env} from '../io.js'
import {oneLine} from './render.js'

/** The formats of `-o/--output`; json is the default and prints the body as today. */
export const FORMATS = ['json', 'yaml', 'table', 'csv', 'tsv'] as const

/** One output format. */
export type Format = (typeof FORMATS)[number]

const isFormat = (value: string): value is Format => (FORMATS as readonly string[]).includes(value)

/** A value that names a file rather than a format: curl's `-o out.json`, `-o /tmp/x`, `-o -`. */
export function looksLikeFile(value: string): boolean {
  return value === '-' || /[/\\.~]/.test(value)
}

function quoted(value: string): string {
  if (hasSecretShape(value)) return '(a value that looks like a secret, not shown)'
  const line = oneLine(value)
  return JSON.stringify(cutShort(line, 40))
}

/**
 * A format as typed (any case, surrounding blanks ignored), or the error for it: with `fileHint` (the -o flag), curl's
 * `-o FILE` gets the hint that ddcli writes to stdout; any other word gets the closest formats. `from` names where it came from in the message.
 */
export function parseFormat(raw: string, origin: Origin, from: string, fileHint = false): Format {
  const value = raw.trim().toLowerCase()
  if (isFormat(value)) return value
  if (fileHint && value === '/dev/null') throw badValue(origin, `${from} takes a format (${orList([...FORMATS])}); to print no body, use --silent`)
  if (fileHint && looksLikeFile(value)) {
    throw badValue(origin, `${from} takes a format (${orList([...FORMATS])}), not a file: ddcli writes the body to stdout, so redirect it with > FILE`)
  }
  const close = closest(value, FORMATS)
  const fix = close.length > 0 ? `did you mean ${orList(close)}?` : `use ${orList([...FORMATS])}`
  throw badValue(origin, `unknown output format ${quoted(raw)} in ${from}; ${fix}`)
}

/** The format a run prints in, and what chose it (`-o`, `DD_OUTPUT`, the profile, or the default). */
export interface ResolvedFormat {
  format: Format
  source: string
  /** Asked for by DD_OUTPUT or the profile but not applied, because stdout is not a terminal. */
  ignored?: {format: Format, source: string}
}

/**
 * The output format: `-o` > DD_OUTPUT > the profile's `output` > json. The flag always applies. DD_OUTPUT and the
 * profile's setting are a person's preference for reading, so they apply only when stdout is a terminal: piped or
 * redirected, the body stays JSON, and a `DD_OUTPUT=table` in a shell profile never breaks `| jq`. Each value is
 * checked wherever it comes from (a bad one is an error even when it would not apply), so a typo does not hide.
 */
export function resolveFormat(flag: string | undefined, env: Env, stored: {value?: string, source: string}, stdoutIsTTY: boolean): ResolvedFormat {
  if (flag !== undefined) return {format: parseFormat(flag, 'flag', '-o/--output', true), source: '--output'}
  const candidates: Array<{raw: string | undefined, origin: Origin, source: string}> = [
    {raw: env.DD_OUTPUT, origin: 'env', source: 'DD_OUTPUT'},
    {raw: stored.value, origin: 'config', source: stored.source},
  ]
  for (const {raw, origin, source} of candidates) {
    if (!raw?.trim()) continue
    const format = parseFormat(raw, origin, source)
    if (stdoutIsTTY || format === 'json') return {format, source}
    return {format: 'json', source: 'default', ignored: {format, source}}
  }
  return {format: 'json', source: 'default'}
}
