import type {Env} from '../io.js'
import {resolveProfile, resolveSettings, type FlagValues, type Resolved, type Settings} from './resolve.js'
import {configPath, permissionWarning, readConfig, storeLabel, storedProfile} from './store.js'

/** Settings resolved for one run, the config file they were read from, and warnings to print. */
export interface LoadedSettings {
  settings: Settings
  file: string
  warnings: string[]
}

/** Reads the config file (fast path, no conf) and resolves every setting with its source. */
export function loadSettings(flags: FlagValues & {profile?: string}, env: Env): LoadedSettings {
  const profile = resolveProfile(flags.profile, env)
  const file = configPath(env)
  const data = readConfig(file)
  const warning = permissionWarning(file)
  const settings = resolveSettings({
    flags,
    env,
    stored: storedProfile(data, profile.value),
    storeLabel: storeLabel(file, profile.value),
    profile,
  })
  return {settings, file, warnings: warning ? [warning] : []}
}

/**
 * The site alone, resolved as `call` resolves it (flag > DD_SITE > DATADOG_SITE > profile > default), for commands
 * that show hosts: no credential is read, so a bad key in the environment does not stop them.
 */
export function loadSite(flags: {site?: string, profile?: string}, env: Env): Resolved & {value: string} {
  const profile = resolveProfile(flags.profile, env)
  const file = configPath(env)
  const stored = storedProfile(readConfig(file), profile.value)
  const siteEnv = {DD_SITE: env.DD_SITE, DATADOG_SITE: env.DATADOG_SITE}
  return resolveSettings({flags: {site: flags.site}, env: siteEnv, stored: {site: stored.site}, storeLabel: storeLabel(file, profile.value), profile}).site
}
