import {ConfigError} from '../errors.js'
import type {Env} from '../io.js'
import {CREDENTIALS} from './credentials.js'
import {KeychainError, keychainRead} from './keychain.js'
import {isKeychainRef, refAccount} from './keychain-ref.js'
import {SET_COMMANDS} from './secret.js'
import {requireProfile} from './profile-check.js'
import {resolveProfile, resolveSettings, type FlagValues, type Resolved, type Settings} from './resolve.js'
import {configPath, defaultProfileLabel, permissionWarning, readConfig, storeLabel, storedProfile, type ConfigData} from './store.js'

/** Settings resolved for one run, the config file they were read from, and warnings to print. */
export interface LoadedSettings {
  settings: Settings
  file: string
  warnings: string[]
  /** The profile's `validate` setting: false only when it stores `false`. */
  validate: boolean
  /** The profile's read-only setting as stored, and how sources name the profile (for read-only's source). */
  readOnly: {stored: string | undefined, where: string}
  /** The profile's output format as stored (checked where it is used), and how sources name the profile. */
  output: {value?: string, source: string}
}

/** The profile a command works on, the config file it lives in, and `where`: how messages and sources name it. */
export interface ProfileTarget {
  profile: Resolved & {value: string}
  name: string
  file: string
  where: string
}

/**
 * Resolves the profile (`--profile` > `DD_PROFILE` > stored default > `default`) and the config file path. The
 * file is read only when neither the flag nor DD_PROFILE names the profile, unless its content is passed in.
 */
export function profileTarget(profileFlag: string | undefined, env: Env, data?: ConfigData): ProfileTarget {
  const file = configPath(env)
  const named = Boolean(profileFlag?.trim() || env.DD_PROFILE?.trim())
  const stored = named ? undefined : (data ?? readConfig(file)).defaultProfile
  const profile = resolveProfile(profileFlag, env, {name: stored, source: defaultProfileLabel(file)})
  return {profile, name: profile.value, file, where: storeLabel(file, profile.value)}
}

/**
 * Reads the config file (fast path, no conf) and resolves every setting with its source. A stored credential that
 * is a keychain reference is read from the OS keychain only when it wins (no flag or env var gives one), so a run
 * with env credentials never touches the keychain. When it cannot be read: an error by default; with
 * `keychainErrors: 'report'` (auth status), the credential is unset and its source says why.
 */
export async function loadSettings(flags: FlagValues & {profile?: string}, env: Env, options: {keychainErrors?: 'throw' | 'report', signal?: AbortSignal} = {}): Promise<LoadedSettings> {
  const data = readConfig(configPath(env))
  const {profile, name, file, where} = profileTarget(flags.profile, env, data)
  requireProfile(profile, file, data)
  const stored = storedProfile(data, name)
  const warning = permissionWarning(file)
  const settings = resolveSettings({flags, env, stored, storeLabel: where, profile})
  for (const def of CREDENTIALS) {
    const found = settings[def.kind]
    if (found.origin !== 'config' || !isKeychainRef(found.value)) continue
    const source = keychainLabel(name)
    try {
      const value = (await keychainRead(file, refAccount(found.value!), options.signal)).trim()
      // eslint-disable-next-line no-control-regex
      if (!value || /[\s\u0000-\u001f\u007f-\u009f]/.test(value)) throw new KeychainError('the entry is empty or holds a space or control character')
      settings[def.kind] = {value, origin: 'config', source}
    } catch (error: unknown) {
      if (!(error instanceof KeychainError)) throw error
      const fix = `set ${def.env[0]}, or store it again with ddcli auth ${SET_COMMANDS[def.kind]}${name === 'default' ? '' : ` --profile ${name}`}`
      if (options.keychainErrors !== 'report') throw new ConfigError(`the ${def.label} of profile ${name} is in the OS keychain, which cannot be read (${error.message}); ${fix}`)
      settings[def.kind] = {value: undefined, origin: 'unset', source: `${source}: cannot be read (${error.message})`}
    }
  }
  return {settings, file, warnings: warning ? [warning] : [], validate: storedValidate(stored.validate, where), readOnly: {stored: stored.readOnly, where}, output: {value: stored.output, source: where}}
}

/** A stored `validate`: absent or `true` is true, `false` is false; anything else (edited by hand) is a config error. */
export function storedValidate(value: string | undefined, where: string): boolean {
  const word = value?.trim().toLowerCase()
  if (word === undefined || word === 'true') return true
  if (word === 'false') return false
  throw new ConfigError(`validate in ${where} is neither true nor false; run ddcli config set validate true (or false)`)
}

/** How sources name a secret stored in the OS keychain for a profile. */
export function keychainLabel(profile: string): string {
  return `OS keychain [profile ${profile}]`
}

/** The site and API URL, resolved as `call` resolves them (flags > env > profile > default), without credentials. */
export function loadTarget(flags: {site?: string, apiUrl?: string, profile?: string}, env: Env): Pick<Settings, 'site' | 'apiUrl'> {
  const data = readConfig(configPath(env))
  const {profile, name, file, where} = profileTarget(flags.profile, env, data)
  requireProfile(profile, file, data)
  const stored = storedProfile(data, name)
  const targetEnv = {DD_SITE: env.DD_SITE, DATADOG_SITE: env.DATADOG_SITE, DD_API_URL: env.DD_API_URL}
  const {site, apiUrl} = resolveSettings({flags: {site: flags.site, apiUrl: flags.apiUrl}, env: targetEnv, stored: {site: stored.site, apiUrl: stored.apiUrl}, storeLabel: where, profile})
  return {site, apiUrl}
}
