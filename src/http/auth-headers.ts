import {CREDENTIALS, credential} from '../credentials/credentials.js'
import type {Settings} from '../credentials/resolve.js'

/**
 * The only place auth headers are built: every configured credential, none empty. With `patAsAppKey`, a PAT is
 * also sent as `DD-APPLICATION-KEY` (Datadog's second form for PATs) where no application key is configured.
 */
export function authHeaders(settings: Settings, options: {patAsAppKey: boolean}): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const def of CREDENTIALS) {
    const value = settings[def.kind].value
    if (value) headers[def.header] = `${def.prefix}${value}`
  }
  if (options.patAsAppKey && settings.pat.value && !settings.appKey.value) headers[credential('appKey').header] = settings.pat.value
  return headers
}

/** Whether any credential is configured. */
export function hasCredentials(settings: Settings): boolean {
  return CREDENTIALS.some((def) => Boolean(settings[def.kind].value))
}
