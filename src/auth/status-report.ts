import type {CheckResult} from './check.js'
import {CREDENTIALS, type CredentialKind} from '../credentials/credentials.js'
import {maskValue, shownSetting} from '../credentials/mask.js'
import type {Settings} from '../credentials/resolve.js'
import type {ProxyRoute} from '../http/proxy.js'

/** One row of `auth status`; a secret's value is already masked here, so no renderer ever sees it. */
export interface StatusEntry {
  key: 'profile' | CredentialKind | 'site' | 'apiUrl' | 'proxy'
  label: string
  /** Masked for credentials; undefined when not set. */
  value: string | undefined
  source: string
  check?: CheckResult
}

/** What `auth status` shows, text or JSON. */
export interface StatusReport {
  file: string
  entries: StatusEntry[]
  /** A PAT is configured and no application key: the PAT also goes in DD-APPLICATION-KEY for key-only operations. */
  patAsAppKey: boolean
  checked: boolean
}

const shown = (value: string | undefined) => (value === undefined ? undefined : shownSetting(value))

/** Builds the status from the resolver's result (the same one `call` uses) and optional check results. */
export function statusReport(settings: Settings, file: string, checks?: Partial<Record<CredentialKind, CheckResult>>, proxy?: ProxyRoute): StatusReport {
  const entries: StatusEntry[] = [{key: 'profile', label: 'profile', value: settings.profile.value, source: settings.profile.source}]
  for (const def of CREDENTIALS) {
    const {value, source} = settings[def.kind]
    entries.push({key: def.kind, label: def.label, value: value === undefined ? undefined : maskValue(value), source, ...(checks?.[def.kind] ? {check: checks[def.kind]} : {})})
  }
  entries.push({key: 'site', label: 'site', value: shown(settings.site.value), source: settings.site.source})
  entries.push({key: 'apiUrl', label: 'API URL', value: shown(settings.apiUrl.value), source: settings.apiUrl.source})
  if (proxy) {
    entries.push(proxy.kind === 'proxy'
      ? {key: 'proxy', label: 'proxy', value: proxy.label, source: proxy.source}
      : {key: 'proxy', label: 'proxy', value: proxy.reason ? 'none' : undefined, source: proxy.reason ?? 'not set'})
  }
  return {file, entries, patAsAppKey: Boolean(settings.pat.value && !settings.appKey.value), checked: checks !== undefined}
}
