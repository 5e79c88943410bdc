import {cutShort} from '../closest.js'
import {CREDENTIALS} from '../credentials/credentials.js'
import {shownProfileName} from '../credentials/mask.js'
import type {ProfileSummary} from '../credentials/profiles.js'
import {renderTable, type Cell, type Column, type TableLayout} from './table.js'

const LIST_COLUMNS: readonly Column[] = [
  {header: 'ACTIVE'},
  {header: 'PROFILE', cut: 'end', rank: 1},
  ...CREDENTIALS.map((def): Column => ({header: def.label.toUpperCase()})),
  {header: 'SITE'},
  {header: 'API URL', cut: 'start'},
]

/** `auth list` as a table: `*` marks the active profile; credentials masked, or `keychain` where they live there. */
export function profileListText(profiles: readonly ProfileSummary[], layout: TableLayout): string {
  const rows = profiles.map((p): Cell[] => [
    {text: p.active ? (layout.tty ? '*' : 'active') : '', style: 'green'},
    {text: p.stored ? p.name : `${p.name}${layout.tty ? ' (not in file)' : ''}`},
    ...CREDENTIALS.map((def): Cell => ({text: p.secrets[def.kind]?.masked ?? (layout.tty ? '-' : ''), style: p.secrets[def.kind] ? undefined : 'dim'})),
    {text: p.site ?? (layout.tty ? '-' : ''), style: p.site ? undefined : 'dim'},
    {text: p.apiUrl ?? (layout.tty ? '-' : ''), style: p.apiUrl ? undefined : 'dim'},
  ])
  return renderTable(LIST_COLUMNS, rows, layout)
}

/** `auth list --json`: one object per profile, masked values and where each secret lives. */
export function profileListJson(profiles: readonly ProfileSummary[]): string {
  return `${JSON.stringify(profiles.map((p) => ({
    name: p.name,
    active: p.active,
    inFile: p.stored,
    ...Object.fromEntries(CREDENTIALS.map((def) => {
      const secret = p.secrets[def.kind]
      return [def.kind, secret ? {set: true, value: secret.masked, storage: secret.storage} : {set: false}]
    })),
    site: p.site ?? null,
    apiUrl: p.apiUrl ?? null,
  })), null, 2)}\n`
}

/** `config profiles`: the names; on a terminal the active one is marked. Piped: one name per line. */
export function profileNamesText(profiles: readonly ProfileSummary[], layout: TableLayout): string {
  if (!layout.tty) return renderTable([{header: 'PROFILE'}], profiles.map((p) => [{text: p.name}]), layout)
  return renderTable([{header: 'PROFILE'}, {header: 'ACTIVE', hideEmpty: true}], profiles.map((p) => [{text: p.name}, {text: p.active ? 'active' : '', style: 'green'}]), layout)
}

/** `auth switch` after storing the default profile. */
export function switchedLine(profile: string, file: string): string {
  return `default profile is now ${profile} (stored in ${file}); --profile and DD_PROFILE still win over it`
}

/** `auth switch` when DD_PROFILE is set: the switch is stored but this shell keeps using DD_PROFILE. */
export function profileEnvNote(value: string): string {
  return `note: DD_PROFILE=${value} is set in the environment and wins over the stored default; unset it to use the default`
}

/** `auth switch` to a profile the config file does not have. */
export function unknownProfileMessage(profile: string, file: string, known: readonly string[]): string {
  const have = known.length > 0 ? `profiles in ${file}: ${known.map(shownProfileName).join(', ')}` : `${file} has no profiles yet`
  return `no profile ${profile} in the config file (${have}); create it first, e.g. ddcli auth set-api-key --profile ${profile}`
}

/** `auth status --all` past a profile whose name (edited by hand into the file) --profile would refuse. */
export function skippedProfileNote(profile: string, file: string): string {
  return `skipped profile ${JSON.stringify(cutShort(profile, 67))} of ${file}: not a valid profile name; rename it in the file (letters, digits, "-", "_" and ".")`
}
