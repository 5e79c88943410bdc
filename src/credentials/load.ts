import type {Env} from '../io.js'
import {requireProfile} from './profile-check.js'
import {resolveProfile, resolveSettings, type FlagValues, type Resolved, type Settings} from './resolve.js'
import {configPath, permissionWarning, readConfig, storeLabel, storedProfile} from './store.js'

/** Settings resolved for one run, the config file they were read from, and warnings to print. */
export interface LoadedSettings {
  settings: Settings
  file: string
  warnings: string[]
}

/** The profile a command works on, the config file it lives in, and `where`: how messages and sources name it. */
export interface ProfileTarget {
  profile: Resolved & {value: string}
  name: string
  file: string
  where: string
}

/** Resolves the profile (`--profile` > `DD_PROFILE` > `default`) and the config file path. */
export function profileTarget(profileFlag: string | undefined, env: Env): ProfileTarget {
  const profile = resolveProfile(profileFlag, env)
  const file = configPath(env)
  return {profile, name: profile.value, file, where: storeLabel(file, profile.value)}
}

/** Reads the config file (fast path, no conf) and resolves every setting with its source. */
export function loadSettings(flags: FlagValues & {profile?: string}, env: Env): LoadedSettings {
  const {profile, name, file, where} = profileTarget(flags.profile, env)
  const data = readConfig(file)
  requireProfile(profile, file, data)
  const stored = storedProfile(data, name)
  const warning = permissionWarning(file)
  const settings = resolveSettings({flags, env, stored, storeLabel: where, profile})
  return {settings, file, warnings: warning ? [warning] : []}
}

/**
 * The site alone, resolved as `call` resolves it (flag > DD_SITE > DATADOG_SITE > profile > default), for commands
 * that show hosts: no credential is read, so a bad key in the environment does not stop them.
 */
export function loadSite(flags: {site?: string, profile?: string}, env: Env): Resolved & {value: string} {
  return loadTarget(flags, env).site
}

/** The site and API URL, resolved as `call` resolves them (flags > env > profile > default), without credentials. */
export function loadTarget(flags: {site?: string, apiUrl?: string, profile?: string}, env: Env): Pick<Settings, 'site' | 'apiUrl'> {
  const {profile, name, file, where} = profileTarget(flags.profile, env)
  const data = readConfig(file)
  requireProfile(profile, file, data)
  const stored = storedProfile(data, name)
  const targetEnv = {DD_SITE: env.DD_SITE, DATADOG_SITE: env.DATADOG_SITE, DD_API_URL: env.DD_API_URL}
  const {site, apiUrl} = resolveSettings({flags: {site: flags.site, apiUrl: flags.apiUrl}, env: targetEnv, stored: {site: stored.site, apiUrl: stored.apiUrl}, storeLabel: where, profile})
  return {site, apiUrl}
}
