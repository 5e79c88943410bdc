import {CREDENTIALS, type CredentialKind} from './credentials.js'
import {maskValue, shownProfileName, shownSetting} from './mask.js'
import {isKeychainRef} from './keychain-ref.js'
import {profileNames, storedProfile, type ConfigData} from './store.js'

/** Where a stored secret lives: in the config file itself, or in the OS keychain with a reference in the file. */
export type Storage = 'file' | 'keychain'

/** One stored secret as lists show it: masked, never the value. */
export interface StoredSecret {
  storage: Storage
  /** `****abcd` for a secret in the file; `keychain` for a reference (the keychain is not read to list). */
  masked: string
}

/** One profile of the config file as `auth list` and `config profiles` show it. */
export interface ProfileSummary {
  /** The name as shown: masked when it has a secret's shape. */
  name: string
  active: boolean
  /** False for the active profile when the file has no entry for it (env-only setups, a fresh machine). */
  stored: boolean
  secrets: Partial<Record<CredentialKind, StoredSecret>>
  site?: string
  apiUrl?: string
}

/** How a stored credential value is shown: a keychain reference by name, a secret masked. */
export function storedSecret(value: string): StoredSecret {
  return isKeychainRef(value) ? {storage: 'keychain', masked: 'keychain'} : {storage: 'file', masked: maskValue(value)}
}

const shown = (value: string | undefined) => (value === undefined ? undefined : shownSetting(value))

/** Every profile of the config file, sorted, plus the active one when the file lacks it. */
export function profileSummaries(data: ConfigData, active: string): ProfileSummary[] {
  const names = profileNames(data)
  if (!names.includes(active)) names.push(active)
  return names.sort().map((name) => {
    const stored = storedProfile(data, name)
    const secrets = Object.fromEntries(CREDENTIALS.filter((def) => stored[def.kind] !== undefined).map((def) => [def.kind, storedSecret(stored[def.kind]!)]))
    return {name: shownProfileName(name), active: name === active, stored: Object.hasOwn(data.profiles ?? {}, name), secrets, site: shown(stored.site), apiUrl: shown(stored.apiUrl)}
  })
}
