import {CREDENTIALS} from '../credentials/credentials.js'
import type {Env} from '../io.js'

/**
 * Variables other tools read (or users guess) for what ddcli reads under another name: pup's DD_ORG and
 * DD_TOKEN_STORAGE, the spelled-out DD_APPLICATION_KEY, ... Each maps to the setting ddcli reads instead. (pup's
 * DD_ACCESS_TOKEN is read: see CREDENTIALS.)
 */
const NEAR_MISSES: ReadonlyArray<{setting: 'pat' | 'apiKey' | 'appKey' | 'site' | 'apiUrl' | 'profile' | 'storage', names: readonly string[]}> = [
  {setting: 'pat', names: ['DATADOG_ACCESS_TOKEN', 'DD_PAT', 'DATADOG_PAT', 'DD_TOKEN', 'DATADOG_TOKEN', 'DD_AUTH_TOKEN', 'DD_BEARER', 'DD_PERSONAL_ACCESS_TOKEN']},
  {setting: 'apiKey', names: ['DD_APIKEY', 'DATADOG_APIKEY', 'DD_CLIENT_API_KEY', 'DATADOG_CLIENT_API_KEY', 'DD_KEY', 'DATADOG_KEY']},
  {setting: 'appKey', names: ['DD_APPLICATION_KEY', 'DATADOG_APPLICATION_KEY', 'DD_APPKEY', 'DATADOG_APPKEY', 'DD_APP_ID', 'DD_CLIENT_APP_KEY', 'DATADOG_CLIENT_APP_KEY', 'DD_APPLICATIONKEY']},
  {setting: 'site', names: ['DD_DATADOG_SITE', 'DD_REGION', 'DATADOG_REGION']},
  {setting: 'apiUrl', names: ['DATADOG_API_URL', 'DD_URL', 'DD_DD_URL', 'DATADOG_HOST', 'DD_HOST', 'DD_API_HOST', 'DATADOG_API_HOST', 'DD_ENDPOINT']},
  {setting: 'profile', names: ['DATADOG_PROFILE', 'DDCLI_PROFILE', 'DD_ORG']},
  {setting: 'storage', names: ['DD_TOKEN_STORAGE']},
]

/** The variables ddcli reads for each setting, in precedence order. */
function readNames(setting: (typeof NEAR_MISSES)[number]['setting']): readonly string[] {
  switch (setting) {
    case 'site': return ['DD_SITE', 'DATADOG_SITE']
    case 'apiUrl': return ['DD_API_URL']
    case 'profile': return ['DD_PROFILE']
    case 'storage': return ['DDCLI_STORAGE']
    default: return CREDENTIALS.find((def) => def.kind === setting)!.env
  }
}

const isSet = (env: Env, name: string) => Boolean(env[name]?.trim())

/**
 * One note naming the variables set in the environment that ddcli does not read, each with the one it reads, when
 * that one is unset (`DD_APPLICATION_KEY is set but ddcli reads DD_APP_KEY`). Undefined when there is none.
 * Only names are printed, never values.
 */
export function nearMissNote(env: Env): string | undefined {
  const parts: string[] = []
  for (const {setting, names} of NEAR_MISSES) {
    const read = readNames(setting)
    if (read.some((name) => isSet(env, name))) continue
    for (const name of names) if (isSet(env, name)) parts.push(`${name} is set but ddcli reads ${read[0]}`)
  }
  if (parts.length === 0) return undefined
  return `note: ${parts.join('; ')} (rename it, e.g. export ${parts[0]!.split(' ').at(-1)}="$${parts[0]!.split(' ')[0]}"; ddcli help environment lists the names)`
}
