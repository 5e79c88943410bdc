import type {StoredProfile} from './resolve.js'
import type {ConfigData} from './store.js'

/**
 * The named profile of a config, created when absent, for `updateConfig` mutations. Profiles are found and
 * created as own properties: a profile named `__proto__` or `constructor` must not reach Object.prototype.
 */
export function editProfile(data: ConfigData, name: string): StoredProfile {
  data.profiles ??= {}
  const profiles = data.profiles
  if (!Object.hasOwn(profiles, name)) {
    Object.defineProperty(profiles, name, {value: {}, enumerable: true, writable: true, configurable: true})
  }
  return profiles[name]!
}

/**
 * Removes keys from a profile; returns those that were there. An emptied profile is removed, unless it is the stored
 * default (auth switch): that choice stays, or every later run would name a profile that no longer exists.
 */
export function removeFromProfile<K extends keyof StoredProfile>(data: ConfigData, name: string, keys: readonly K[]): K[] {
  const profiles = data.profiles
  if (!profiles || !Object.hasOwn(profiles, name)) return []
  const profile = profiles[name]!
  const removed = keys.filter((key) => profile[key] !== undefined)
  for (const key of removed) delete profile[key]
  if (Object.keys(profile).length === 0 && data.defaultProfile !== name) delete profiles[name]
  return removed
}
