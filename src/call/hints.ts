import {CREDENTIALS} from '../credentials/credentials.js'
import type {Settings} from '../credentials/resolve.js'
import type {RouteOperation} from '../spec/routes.js'
import {SECURITY_SCHEMES} from '../spec/schemes.generated.js'

/** OAuth (`AuthZ`) and bearer alternatives are what a PAT satisfies. */
const TOKEN_KINDS = new Set(['oauth', 'bearer'])

function schemeKind(name: string) {
  const scheme = SECURITY_SCHEMES.find((s) => s.name === name)
  return scheme?.aliasOf ? SECURITY_SCHEMES.find((s) => s.name === scheme.aliasOf)?.kind : scheme?.kind
}

function canonical(name: string): string {
  return SECURITY_SCHEMES.find((s) => s.name === name)?.aliasOf ?? name
}

/** Whether an operation accepts a bearer token at all; where it does not, a PAT goes in DD-APPLICATION-KEY too. */
export function acceptsToken(op: RouteOperation): boolean {
  return op.security.some((alternative) => alternative.some((name) => TOKEN_KINDS.has(schemeKind(name) ?? '')))
}

/** Whether a PAT should also be sent as the application key for this operation. */
export function patAsAppKey(op: RouteOperation | undefined, settings: Settings): boolean {
  return Boolean(op && op.security.length > 0 && !acceptsToken(op) && settings.pat.value && !settings.appKey.value)
}

/** Whether the configured credentials satisfy one of the operation's security alternatives. */
export function credentialsSatisfy(op: RouteOperation, settings: Settings, patAsApp: boolean): boolean {
  if (op.security.length === 0) return true
  const present = new Set<string>()
  for (const def of CREDENTIALS) if (settings[def.kind].value) present.add(def.scheme)
  if (patAsApp) present.add(CREDENTIALS.find((d) => d.kind === 'appKey')!.scheme)
  return op.security.some((alternative) => alternative.every((name) => {
    if (TOKEN_KINDS.has(schemeKind(name) ?? '')) return Boolean(settings.pat.value)
    return present.has(canonical(name))
  }))
}

/** `GET /api/v1/monitor needs DD_API_KEY with DD_APP_KEY, or a PAT` */
export function missingCredentialsLine(op: RouteOperation): string {
  return `${op.method} ${op.path} needs ${credentialAlternatives(op)}`
}

/** `DD_API_KEY with DD_APP_KEY, or a PAT`: the operation's security alternatives as env var names; empty for none. */
export function credentialAlternatives(op: RouteOperation): string {
  const words = new Set<string>()
  for (const alternative of op.security) {
    const names = [...new Set(alternative.map((name) => {
      if (TOKEN_KINDS.has(schemeKind(name) ?? '')) return 'a PAT'
      const def = CREDENTIALS.find((d) => d.scheme === canonical(name))
      return def ? def.env[0]! : name
    }))]
    words.add(names.join(' with '))
  }
  return [...words].join(', or ')
}

/** One-line notes on an operation's lifecycle: Preview (x-unstable), deprecated, sunset. */
export function operationNotes(op: RouteOperation): string[] {
  const notes: string[] = []
  if (op.unstable) notes.push(`note: ${op.operationId} is in Preview (unstable): it may change without notice`)
  if (op.deprecated || op.sunset) {
    notes.push(`note: ${op.operationId} is deprecated${op.sunset ? `; its sunset date is ${op.sunset}` : ''}`)
  }
  return notes
}
