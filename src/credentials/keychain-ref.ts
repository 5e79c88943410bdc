import {CREDENTIALS, type CredentialKind} from './credentials.js'
import type {ConfigData} from './store.js'

/**
 * A stored credential that lives in the OS keychain is written in the config file as `keychain:<profile>/<kind>`,
 * the keychain entry's account. No Datadog credential contains a colon, so a reference never hides a real secret.
 */
const PREFIX = 'keychain:'

/** Whether a stored value is a keychain reference rather than the secret itself. */
export function isKeychainRef(value: string | undefined): boolean {
  return value?.startsWith(PREFIX) ?? false
}

/** The reference stored in the config file for a profile's credential. */
export function keychainRef(profile: string, kind: CredentialKind): string {
  return `${PREFIX}${keychainAccount(profile, kind)}`
}

/** The keychain account of a profile's credential: `<profile>/<kind>`. */
export function keychainAccount(profile: string, kind: CredentialKind): string {
  return `${profile}/${kind}`
}

/** The account a reference names. */
export function refAccount(value: string): string {
  return value.slice(PREFIX.length)
}

/** The keychain service of a config file: `ddcli:<path>`, so that each config dir has entries of its own. */
export function keychainService(file: string): string {
  return `ddcli:${file}`
}

/**
 * Whether any profile of the config refers to a keychain account. A profile block copied by hand (or a reference
 * edited to point at another profile) shares its entry: removing one profile's reference must not delete the
 * entry another still reads.
 */
export function accountReferenced(data: ConfigData, account: string): boolean {
  return Object.values(data.profiles ?? {}).some((profile) => CREDENTIALS.some((def) => {
    const value = profile[def.kind]
    return isKeychainRef(value) && refAccount(value!) === account
  }))
}
