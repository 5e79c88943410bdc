import {cutShort} from '../closest.js'
import {oneLine} from './render.js'
import {renderTable, type TableLayout} from './table.js'

const CREDENTIAL_NAMES = /^(pat|bearer-?token|api-?key|app(lication)?-?key|token)$/i

/** The usage error for a key `config` does not know; credential names point to `auth set-*`. */
export function unknownKeyMessage(name: string, valid: readonly string[]): string {
  const shown = JSON.stringify(cutShort(oneLine(name), 43))
  const hint = CREDENTIAL_NAMES.test(name) ? '; credentials are stored with ddcli auth set-pat, set-api-key or set-app-key' : ''
  return `unknown config key ${shown}; valid keys: ${valid.join(', ')}${hint}`
}

/** Confirmation of `config set`; `typedAs` names the region a site was given as (`datadoghq.eu (EU1)`). */
export function configSetLine(key: string, value: string, where: string, typedAs?: string): string {
  return `set ${key} to ${value}${typedAs === undefined ? '' : ` (${typedAs})`} in ${where}`
}

/** Confirmation of `config unset`, or that there was nothing to remove. */
export function configUnsetLine(key: string, where: string, removed: boolean): string {
  return removed ? `removed ${key} from ${where}` : `nothing to remove: ${key} is not set in ${where}`
}

/** `config get` of a key the profile does not set (stdout stays empty). */
export function configNotSetLine(key: string, where: string): string {
  return `${key} is not set in ${where}`
}

/** `config set site` when the profile also stores an api-url, which wins. */
export const API_URL_WINS_NOTE = 'note: this profile also sets api-url, which wins over site; run ddcli config unset api-url to use the site'

/** One line of `config list`: a key and its stored value (masked for credentials), or undefined when not set. */
export interface ConfigListEntry {
  key: string
  value: string | undefined
}

/** `config list`: aligned on a terminal, tab-separated when piped; unset keys show `not set` (empty when piped). */
export function configListText(entries: readonly ConfigListEntry[], layout: TableLayout): string {
  const rows = entries.map((entry) => [
    {text: entry.key},
    entry.value === undefined ? {text: layout.tty ? 'not set' : '', style: 'dim' as const} : {text: entry.value},
  ])
  return renderTable([{header: 'KEY'}, {header: 'VALUE', cut: 'end'}], rows, layout)
}
