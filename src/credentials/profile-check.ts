import {badValue} from '../errors.js'
import {closest} from '../closest.js'
import {shownProfileName} from './mask.js'
import type {Resolved} from './resolve.js'
import type {ConfigData} from './store.js'

const listed = (names: readonly string[]) => names.map((name) => JSON.stringify(shownProfileName(name))).join(', ')

/**
 * A profile named by --profile or DD_PROFILE must exist in the config file for commands that read one (call,
 * auth status, auth token, config get/list, api show): a typo would otherwise run with silent defaults. The implicit
 * `default` profile may be absent. The one place that decides which profiles exist, so a stored default profile
 * (auth switch) can be taken into account here. Exit 2 for --profile, 3 for DD_PROFILE.
 */
export function requireProfile(profile: Resolved & {value: string}, file: string, data: ConfigData): void {
  if (profile.origin === 'default' || profile.value === 'default') return
  const names = Object.keys(data.profiles ?? {})
  if (names.includes(profile.value)) return
  const create = `create it with ddcli auth set-pat --profile ${profile.value} (or config set site SITE --profile ${profile.value})`
    // A stored default whose profile was cleared or removed since auth switch: switching away fixes it too.
    + (profile.origin === 'config' ? `, or switch with ddcli auth switch default` : '')
  const what = `profile ${JSON.stringify(profile.value)} from ${profile.source}`
  if (names.length === 0) throw badValue(profile.origin, `${what} is not in ${file}, which holds no profile yet; ${create}`)
  const close = closest(profile.value, names)
  const guess = close.length > 0 ? ` (did you mean ${listed(close)}?)` : ''
  throw badValue(profile.origin, `${what} is not in ${file}; its profiles are ${listed(names.slice(0, 10))}${guess}; ${create}`)
}
