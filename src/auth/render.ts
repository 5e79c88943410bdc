import {CREDENTIALS} from '../credentials/credentials.js'
import type {CheckResult} from './check.js'
import type {StatusEntry, StatusReport} from './status-report.js'
import {renderTable, type Cell, type Column, type TableLayout} from '../output/table.js'

/** The line `auth status` shows when a PAT stands in for a missing application key. */
export const PAT_AS_APP_KEY_NOTE = 'PAT also sent as DD-APPLICATION-KEY for operations that take no bearer token'

/** `a, b and c` */
export function listWords(words: readonly string[], last = 'and'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`
}

/** The hidden-input prompt of `auth set-*`, on stderr. */
export function secretPrompt(label: string): string {
  return `Paste the ${label} (input is hidden): `
}

/** Confirmation of `auth set-*`: the masked value and where it went. */
export function storedLine(label: string, masked: string, where: string): string {
  return `stored the ${label} ${masked} in ${where}`
}

/** `auth set-*` and `config set` when an env var will still win over what was just stored. */
export function envPrecedenceNote(what: string, names: readonly string[]): string {
  const many = names.length > 1
  return `note: ${listWords(names)} ${many ? 'are' : 'is'} set in the environment and ${many ? 'take' : 'takes'} precedence over the stored ${what}; unset ${many ? 'them' : 'it'} to use the stored one`
}

/** `auth set-*` when no OS keychain can be used: said before the secret is written to the file. */
export function noKeychainNote(reason: string, file: string): string {
  return `note: no OS keychain available (${reason}); storing in ${file} (mode 0600) instead; set DDCLI_STORAGE=file to store there without trying the keychain`
}

/** `auth set-*` with DDCLI_STORAGE=keychain and no keychain. */
export function noKeychainForced(reason: string): string {
  return `DDCLI_STORAGE=keychain but no OS keychain can be used (${reason}); start one (on Linux: a Secret Service such as gnome-keyring) or unset DDCLI_STORAGE to use the config file`
}

/** `auth set-pat` with a value that does not look like a Datadog token. */
export const PAT_PREFIX_WARNING = 'warning: this PAT does not start with ddpat_ or ddsat_; check that it is a Datadog Personal or Service Access Token (stored anyway)'

/** `auth clear` after removing something. */
export function clearedLine(labels: readonly string[], where: string): string {
  return `removed the ${listWords(labels)} from ${where}`
}

/** `auth clear` when the keychain entries profiles refer to could not be removed: the references stay. */
export function keychainNotClearedLine(labels: readonly string[], reason: string, where: string): string {
  return `the ${listWords(labels)} could not be removed from the OS keychain (${reason}); ${labels.length > 1 ? 'their references stay' : 'its reference stays'} in ${where}; make the keychain reachable (on Linux: a Secret Service such as gnome-keyring on the session bus) and run ddcli auth clear again`
}

/** `auth clear` when a copy an earlier ddcli left in the Linux kernel keyring could not be removed. */
export function kernelNotClearedLine(labels: readonly string[], ids: readonly number[]): string {
  return `a copy of the ${listWords(labels)} is left in the Linux kernel keyring, which ddcli could not remove; remove it with: ${ids.map((id) => `keyctl invalidate ${id}`).join('; ')}`
}

/** `auth clear` when nothing of what was asked was stored. */
export function nothingClearedLine(labels: readonly string[], where: string): string {
  return `nothing to remove: no ${listWords(labels, 'or')} stored in ${where}`
}

/** `auth clear` when an env var still provides a credential that was removed from the file. */
export function envStillSetNote(names: readonly string[]): string {
  return `note: ${listWords(names)} ${names.length > 1 ? 'are' : 'is'} still set in the environment and will be used`
}

function checkCell(result: CheckResult | undefined): Cell {
  if (!result) return {text: ''}
  switch (result.state) {
    case 'valid': return {text: 'valid', style: 'green'}
    case 'invalid': return {text: `invalid: ${result.detail ?? ''}`, style: 'red'}
    case 'unreachable': return {text: `not checked: ${result.detail ?? ''}`, style: 'red'}
    case 'skipped': return {text: `skipped: ${result.detail ?? ''}`, style: 'yellow'}
  }
}

function row(entry: StatusEntry, checked: boolean): Cell[] {
  const cells: Cell[] = entry.value === undefined
    ? [{text: entry.label}, {text: ''}, {text: entry.source, style: 'dim'}]
    : [{text: entry.label}, {text: entry.value}, {text: entry.source}]
  return checked ? [...cells, checkCell(entry.check)] : cells
}

/** `auth status` as a table: aligned on a terminal, tab-separated when piped; a note line may follow. */
export function statusText(report: StatusReport, layout: TableLayout): string {
  const columns: Column[] = [{header: 'NAME'}, {header: 'VALUE', cut: 'end'}, {header: 'SOURCE', cut: 'start'}]
  if (report.checked) columns.push({header: 'CHECK', cut: 'end'})
  const table = renderTable(columns, report.entries.map((entry) => row(entry, report.checked)), layout)
  return report.patAsAppKey ? `${table}${PAT_AS_APP_KEY_NOTE}\n` : table
}

/**
 * `auth status --all`: one table for every profile, a PROFILE column first (`*` marks the active one on a
 * terminal); the profile row itself is left out, the PROFILE column says it.
 */
export function statusAllText(reports: ReadonlyArray<{name: string, active: boolean, report: StatusReport}>, layout: TableLayout): string {
  const checked = reports.some(({report}) => report.checked)
  const columns: Column[] = [{header: 'PROFILE'}, {header: 'NAME'}, {header: 'VALUE', cut: 'end'}, {header: 'SOURCE', cut: 'start'}]
  if (checked) columns.push({header: 'CHECK', cut: 'end'})
  const rows = reports.flatMap(({name, active, report}) => report.entries.filter((entry) => entry.key !== 'profile')
    .map((entry) => [{text: active && layout.tty ? `${name} *` : name}, ...row(entry, checked)]))
  return renderTable(columns, rows, layout)
}

/** `auth status --all --json`: an array of the objects `auth status --json` prints, each with its profile's name. */
export function statusAllJson(reports: ReadonlyArray<{name: string, active: boolean, report: StatusReport}>): string {
  return `[${reports.map(({name, active, report}) => JSON.stringify({name, active, ...statusObject(report)}, null, 2)).join(',\n')}]\n`
}

/** `auth status --json`: one object, masked values only; `value` is null when not set. */
export function statusJson(report: StatusReport): string {
  return `${JSON.stringify(statusObject(report), null, 2)}\n`
}

function statusObject(report: StatusReport): Record<string, unknown> {
  const out: Record<string, unknown> = {configFile: report.file}
  for (const entry of report.entries) {
    const secret = CREDENTIALS.some((def) => def.kind === entry.key)
    out[entry.key] = {
      ...(secret ? {set: entry.value !== undefined} : {}),
      value: entry.value ?? null,
      source: entry.source,
      ...(entry.check ? {check: entry.check} : {}),
    }
  }
  out.patAsAppKey = report.patAsAppKey
  return out
}

/** The error line of `auth status --check` when a check failed. */
export function checkFailedMessage(entries: readonly StatusEntry[]): string {
  const parts = entries.map((entry) => `${entry.label} (${entry.check?.state === 'invalid' ? `HTTP ${entry.check.status}` : 'no response'})`)
  return `check failed for the ${listWords(parts)}; fix the value at the source shown, or store a new one with ddcli auth set-pat, set-api-key or set-app-key`
}

/** The note of `auth status` when no credential is configured: what to run next. */
export const NOTHING_CONFIGURED = 'no credentials configured yet; run ddcli auth set-pat (or set-api-key and set-app-key), or set DD_BEARER_TOKEN (or DD_API_KEY and DD_APP_KEY), then check them with ddcli auth status --check'

/** The error of `auth status --check` with nothing to check. */
export const NOTHING_TO_CHECK = 'no Datadog credentials to check; set DD_API_KEY (and DD_APP_KEY) or DD_BEARER_TOKEN, or run: ddcli auth set-pat'

/** The error of `auth token` without a PAT. */
export function noTokenMessage(profile: string): string {
  return `no PAT for profile ${profile}; set DD_BEARER_TOKEN or run: ddcli auth set-pat --profile ${profile}`
}
