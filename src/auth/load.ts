import type {Env} from '../io.js'
import {resolveProfile, resolveSettings, type FlagValues, type Settings} from './resolve.js'
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
