import * as Flags from '@oclif/core/flags'
import type {Interfaces} from '@oclif/core'
import {CREDENTIALS, type CredentialKind} from './credentials/credentials.js'

// Flag definitions shared by several commands. Kept apart from base-command.ts (which pulls in oclif's Command) so
// the fast `call` launcher can parse with them without loading oclif's command machinery.

const SECRET_WARNING = 'A secret on the command line can be seen by other local users (ps, shell history); prefer the env var or ddcli auth set-*.'

const bare = (flag: string) => flag.replace(/^--/, '')

/**
 * Flags in alphabetical order, as usage lines list them. Compared by code unit, not localeCompare: that loads ICU's
 * collator, about 10 ms of every call's start-up.
 */
export function sortedByName<T extends Record<string, unknown>>(flags: T): T {
  return Object.fromEntries(Object.entries(flags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T
}

/** A credential's flag name without its dashes: `bearer-token`. */
export function credentialFlagName(kind: CredentialKind): string {
  return bare(CREDENTIALS.find((def) => def.kind === kind)!.flag)
}

/** One string flag per credential of the table, named and described from it. */
export const credentialFlagDefs: Readonly<Record<string, Interfaces.OptionFlag<string | undefined>>> = Object.fromEntries(CREDENTIALS.map((def) => {
  const alias = def.aliases.length > 0 ? ` (alias: ${def.aliases.join(', ')})` : ''
  const sent = `${def.header}${def.prefix ? `: ${def.prefix.trim()}` : ''}`
  return [bare(def.flag), Flags.string({...(def.aliases.length > 0 ? {aliases: def.aliases.map(bare)} : {}), description: `${def.title}, sent as ${sent}${alias}. ${SECRET_WARNING}`, helpGroup: 'CREDENTIAL'})]
}))

/** Flags of every command that talks to the API: credentials (from the credential table), target and profile. */
export const apiFlags = sortedByName({
  ...credentialFlagDefs,
  'api-url': Flags.string({description: 'API base URL, e.g. https://api.datadoghq.eu (https only; http allowed on loopback hosts)', helpGroup: 'CREDENTIAL'}),
  profile: Flags.string({description: 'Config profile to read (default: DD_PROFILE, else the one set by auth switch, else "default")', helpGroup: 'CREDENTIAL'}),
  site: Flags.string({description: 'Datadog site, e.g. datadoghq.eu or us5.datadoghq.com, or its name in Datadog\'s docs (EU1, US5, US1-FED...)', helpGroup: 'CREDENTIAL'}),
})

/** `--no-color`, on every command (error lines on stderr are coloured on a terminal); see `BaseCommand.baseFlags`. */
export const colorFlags = {
  'no-color': Flags.boolean({description: 'No colour on a terminal, on stdout or stderr (NO_COLOR works too)', helpGroup: 'GLOBAL'}),
}

/** The credential flag values by setting, for the resolver; `typed` names a flag given by an alias (`--pat`). */
export function credentialFlags(flags: Readonly<Record<string, unknown>>, argv: readonly string[] = []) {
  const value = (name: string) => (typeof flags[name] === 'string' ? flags[name] as string : undefined)
  const typed: Partial<Record<CredentialKind, string>> = {}
  for (const def of CREDENTIALS) {
    const alias = def.aliases.find((name) => argv.some((arg) => arg === name || arg.startsWith(`${name}=`)))
    if (alias) typed[def.kind] = alias
  }
  return {
    ...Object.fromEntries(CREDENTIALS.map((def) => [def.kind, value(bare(def.flag))])) as Partial<Record<CredentialKind, string>>,
    site: value('site'),
    apiUrl: value('api-url'),
    profile: value('profile'),
    ...(Object.keys(typed).length > 0 ? {typed} : {}),
  }
}
