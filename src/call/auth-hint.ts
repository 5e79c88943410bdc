import {CREDENTIALS} from '../credentials/credentials.js'
import type {Settings} from '../credentials/resolve.js'

/**
 * What to check after a 401 or 403: which credentials were sent and where each came from (names and sources,
 * never values), the host and site, and the command that tests each credential.
 */
export function authFailureHint(settings: Settings, sent: {attached: boolean, patAsAppKey: boolean}, host: string): string {
  const where = settings.apiUrl.origin === 'default'
    ? `site ${settings.site.value} from ${settings.site.source}`
    : `API URL from ${settings.apiUrl.source}`
  const check = `ddcli auth status --check${settings.profile.origin === 'default' ? '' : ` --profile ${settings.profile.value}`} tests each one`
  if (!sent.attached) return `no credentials were sent to ${host} (credentials go only to the API origin)`
  const parts: string[] = []
  const missing: string[] = []
  for (const def of CREDENTIALS) {
    const {value, source} = settings[def.kind]
    if (value) parts.push(`${def.label} from ${source}`)
    else if (def.kind === 'appKey' && sent.patAsAppKey) parts.push('PAT as application key')
    else missing.push(def.label)
  }
  const none = missing.length > 0 ? ` (no ${missing.join(', no ')})` : ''
  return `sent the ${parts.join(', the ')}${none} to ${host} (${where}); ${check}`
}
