import {badValue, type Origin} from '../errors.js'
import type {Env} from '../io.js'
import {CREDENTIALS, type CredentialKind} from './credentials.js'
import {DEFAULT_SITE, parseApiUrl, parseProfileName, parseSite, siteApiUrl} from './sites.js'

/** Where a resolved value came from, as `auth status` and error messages show it. */
export interface Resolved {
  value: string | undefined
  origin: Origin
  /** `--api-key`, `DD_API_KEY`, `/path/config.json [profile default]`, `default` or `not set`. */
  source: string
}

/** What a profile in the config file may hold. */
export interface StoredProfile {
  pat?: string
  apiKey?: string
  appKey?: string
  site?: string
  apiUrl?: string
  /** `true` or `false` (`config set validate`): whether call and batch check requests against the spec; absent is true. */
  validate?: string
  /** `true` or `false` (ddcli config set read-only): refuse requests that may write; see src/call/read-only.ts. */
  readOnly?: string
  /** The output format of `call` at a terminal (`config set output table`). */
  output?: string
}

/** Values given on the command line, by setting; `typed` names a flag given by an alias (`--pat`), for sources. */
export type FlagValues = Partial<Record<CredentialKind | 'site' | 'apiUrl', string>> & {typed?: Partial<Record<CredentialKind, string>>}

/** Everything ddcli resolved for one run: each credential and target with its source. */
export interface Settings {
  profile: Resolved & {value: string}
  pat: Resolved
  apiKey: Resolved
  appKey: Resolved
  site: Resolved & {value: string}
  apiUrl: Resolved & {value: string}
}

/** Input of the resolver: nothing here is read from the process. */
export interface ResolveInput {
  flags: FlagValues
  env: Env
  stored: StoredProfile
  /** How the stored profile is named in sources, e.g. `~/.config/ddcli/config.json [profile default]`. */
  storeLabel: string
  profile: Resolved & {value: string}
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

interface Candidate {
  raw: string | undefined
  origin: Origin
  source: string
}

/**
 * Picks the first candidate with a non-blank value, trimmed. A value with a control character is refused
 * without printing it: it would forge or break an HTTP header.
 */
function pick(candidates: Candidate[], label: string, secret: boolean): Resolved {
  for (const {raw, origin, source} of candidates) {
    const value = raw?.trim()
    if (!value) continue
    if (CONTROL.test(value)) {
      throw badValue(origin, `${source} contains a control character (line break, NUL, ...); set the ${label} again without it`)
    }
    if (secret && /\s/.test(value)) {
      throw badValue(origin, `${source} contains a space inside the ${label}; paste the ${label} again without spaces`)
    }
    // HTTP headers cannot carry it as typed (Node would refuse it mid-send, or send other bytes).
    if (secret && !/^[\x21-\x7e]+$/.test(value)) {
      throw badValue(origin, `${source} contains a character that is not printable ASCII (Datadog credentials never do); set the ${label} again`)
    }
    return {value, origin, source}
  }
  return {value: undefined, origin: 'unset', source: 'not set'}
}

/**
 * Resolves the profile name: `--profile` > `DD_PROFILE` > the default stored by `auth switch` > `default`.
 * Precedence: a flag is the most explicit choice, the environment scopes a shell, the stored default a machine.
 */
export function resolveProfile(flag: string | undefined, env: Env, stored?: {name: string | undefined, source: string}): Resolved & {value: string} {
  const found = pick([
    {raw: flag, origin: 'flag', source: '--profile'},
    {raw: env.DD_PROFILE, origin: 'env', source: 'DD_PROFILE'},
    {raw: stored?.name, origin: 'config', source: stored?.source ?? ''},
  ], 'profile name', true)
  if (found.value === undefined) return {value: 'default', origin: 'default', source: 'default'}
  if (found.origin === 'config') {
    try {
      parseProfileName(found.value, found.origin)
    } catch (error: unknown) {
      // Name where the bad name was read: the user did not type it in this command.
      throw badValue('config', `the default profile in ${found.source} is not a valid name: ${(error as Error).message.replace(/; use/, '; fix it with ddcli auth switch NAME, or use')}`)
    }
  }
  return {...found, value: parseProfileName(found.value, found.origin)}
}

/**
 * The one credential resolver. Each value is resolved on its own, first non-blank wins:
 * flag > DD_* env > DATADOG_* env > stored profile (> default, for site and API URL).
 */
export function resolveSettings({flags, env, stored, storeLabel, profile}: ResolveInput): Settings {
  const credentials = Object.fromEntries(CREDENTIALS.map((def) => [def.kind, pick([
    {raw: flags[def.kind], origin: 'flag', source: flags.typed?.[def.kind] ?? def.flag},
    ...def.env.map((name): Candidate => ({raw: env[name], origin: 'env', source: name})),
    {raw: stored[def.kind], origin: 'config', source: storeLabel},
  ], def.label, true)])) as Record<CredentialKind, Resolved>

  const siteFound = pick([
    {raw: flags.site, origin: 'flag', source: '--site'},
    {raw: env.DD_SITE, origin: 'env', source: 'DD_SITE'},
    {raw: env.DATADOG_SITE, origin: 'env', source: 'DATADOG_SITE'},
    {raw: stored.site, origin: 'config', source: storeLabel},
  ], 'site', false)
  const site = siteFound.value === undefined
    ? {value: DEFAULT_SITE, origin: 'default' as const, source: 'default'}
    : {...siteFound, value: parseSite(siteFound.value, siteFound.origin, `site from ${siteFound.source}`)}

  const urlFound = pick([
    {raw: flags.apiUrl, origin: 'flag', source: '--api-url'},
    {raw: env.DD_API_URL, origin: 'env', source: 'DD_API_URL'},
    {raw: stored.apiUrl, origin: 'config', source: storeLabel},
  ], 'API URL', false)
  const apiUrl = urlFound.value === undefined
    ? {value: siteApiUrl(site.value), origin: 'default' as const, source: `default for ${site.value}`}
    : {...urlFound, value: parseApiUrl(urlFound.value, urlFound.origin, `API URL from ${urlFound.source}`)}

  return {profile, ...credentials, site, apiUrl}
}

/** The configured secrets, for masking: every value that must never be printed. */
export function secretsOf(settings: Settings): string[] {
  return CREDENTIALS.map((def) => settings[def.kind].value).filter((v): v is string => Boolean(v))
}
