import {SECURITY_SCHEMES} from '../spec/schemes.generated.js'

/** The three credentials ddcli sends. */
export type CredentialKind = 'pat' | 'apiKey' | 'appKey'

/** How one credential is named on each surface: flag, env vars (in precedence order), header, config key. */
export interface CredentialDef {
  kind: CredentialKind
  label: string
  flag: string
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
function fromScheme(kind: CredentialKind, label: string, flag: string, name: string): CredentialDef {
  const scheme = SECURITY_SCHEMES.find((s) => s.name === name)
  if (!scheme?.envName || (scheme.kind === 'header' && !scheme.header)) throw new Error(`the specs define no usable ${name} scheme`)
  const bearer = scheme.kind === 'bearer'
  return {
    kind,
    label,
    flag,
    env: [scheme.envName, scheme.envName.replace(/^DD_/, 'DATADOG_')],
    header: bearer ? 'Authorization' : scheme.header!,
    prefix: bearer ? 'Bearer ' : '',
    scheme: name,
  }
}

/** In display order: PAT, API key, application key. */
export const CREDENTIALS: readonly CredentialDef[] = [
  fromScheme('pat', 'PAT', '--bearer-token', 'bearerAuth'),
  fromScheme('apiKey', 'API key', '--api-key', 'apiKeyAuth'),
  fromScheme('appKey', 'application key', '--app-key', 'appKeyAuth'),
]

/** The definition of one credential kind. */
export function credential(kind: CredentialKind): CredentialDef {
  return CREDENTIALS.find((def) => def.kind === kind)!
}
