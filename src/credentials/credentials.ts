import {SECURITY_SCHEMES} from '../spec/schemes.generated.js'

/** The three credentials ddcli sends. */
export type CredentialKind = 'pat' | 'apiKey' | 'appKey'

/**
 * How one credential is named on each surface: flag, env vars (in precedence order), header, config key (`kind`),
 * the `auth set-*` command that stores it and the `auth clear` flag that removes it. Everything that names
 * credentials (masking, flags, profile keys, hints) is derived from this table: a credential added here is sent,
 * resolved and masked everywhere.
 */
export interface CredentialDef {
  kind: CredentialKind
  label: string
  /** What the flag's help calls it: `Datadog API key`. */
  title: string
  flag: string
  /** Other spellings of the flag: `--pat` for `--bearer-token`. */
  aliases: readonly string[]
  /** `set-pat`: the `auth` command that stores it. */
  setCommand: string
  /** `--pat`: the `auth clear` flag that removes it. */
  clearFlag: string
  env: readonly string[]
  header: string
  /** Put before the value in the header: `Bearer ` for the PAT. */
  prefix: string
  /** The scheme's name in the specs' securitySchemes. */
  scheme: string
}

/**
 * Header and env names come from the specs' securitySchemes (`x-env-name`), so they cannot drift from what
 * Datadog's own clients read. Each DD_* variable also has its DATADOG_* spelling, which wins only when DD_* is unset.
 */
function fromScheme(kind: CredentialKind, label: string, title: string, flags: {flag: string, aliases?: string[], setCommand: string, clearFlag: string, otherEnv?: string[]}, name: string): CredentialDef {
  const scheme = SECURITY_SCHEMES.find((s) => s.name === name)
  if (!scheme?.envName || (scheme.kind === 'header' && !scheme.header)) throw new Error(`the specs define no usable ${name} scheme`)
  const bearer = scheme.kind === 'bearer'
  return {
    kind,
    label,
    title,
    flag: flags.flag,
    aliases: flags.aliases ?? [],
    setCommand: flags.setCommand,
    clearFlag: flags.clearFlag,
    env: [scheme.envName, scheme.envName.replace(/^DD_/, 'DATADOG_'), ...flags.otherEnv ?? []],
    header: bearer ? 'Authorization' : scheme.header!,
    prefix: bearer ? 'Bearer ' : '',
    scheme: name,
  }
}

/**
 * In display order: PAT, API key, application key. pup's DD_ACCESS_TOKEN (its OAuth access token, a bearer token
 * too) comes after ddcli's own names: a user who has both set meant ddcli's.
 */
export const CREDENTIALS: readonly CredentialDef[] = [
  fromScheme('pat', 'PAT', 'Personal Access Token', {flag: '--bearer-token', aliases: ['--pat'], setCommand: 'set-pat', clearFlag: '--pat', otherEnv: ['DD_ACCESS_TOKEN']}, 'bearerAuth'),
  fromScheme('apiKey', 'API key', 'Datadog API key', {flag: '--api-key', setCommand: 'set-api-key', clearFlag: '--api-key'}, 'apiKeyAuth'),
  fromScheme('appKey', 'application key', 'Datadog application key', {flag: '--app-key', setCommand: 'set-app-key', clearFlag: '--app-key'}, 'appKeyAuth'),
]

/** Headers that carry a credential, lower case. */
export function credentialHeaders(): string[] {
  return CREDENTIALS.map((def) => def.header.toLowerCase())
}

/** The definition of one credential kind. */
export function credential(kind: CredentialKind): CredentialDef {
  return CREDENTIALS.find((def) => def.kind === kind)!
}
