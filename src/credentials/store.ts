import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {ConfigError} from '../errors.js'
import type {Env} from '../io.js'
import {CREDENTIALS} from './credentials.js'
import type {StoredProfile} from './resolve.js'

/** The config file's content: profiles by name; unknown keys are kept as they are. */
export interface ConfigData {
  profiles?: Record<string, StoredProfile>
  /** The profile used when neither --profile nor DD_PROFILE names one (`ddcli auth switch`). */
  defaultProfile?: string
  [key: string]: unknown
}

const PROFILE_KEYS: readonly string[] = [...CREDENTIALS.map((def) => def.kind), 'site', 'apiUrl', 'validate', 'readOnly', 'output']

/**
 * `$DDCLI_CONFIG_DIR`, else `$XDG_CONFIG_HOME/ddcli`, else `~/.config/ddcli` (what conf computes on Linux). Only
 * absolute paths: a relative one would read the config, and keep the secrets `auth set-*` stores, in whatever folder
 * ddcli runs from (`XDG_CONFIG_HOME="~/.config"`, quoted, is one: the ~ is never expanded). A relative
 * XDG_CONFIG_HOME or HOME is ignored, as the XDG spec says; a relative DDCLI_CONFIG_DIR, ddcli's own, is an error.
 */
export function configDir(env: Env): string {
  if (env.DDCLI_CONFIG_DIR?.trim()) {
    if (!path.isAbsolute(env.DDCLI_CONFIG_DIR)) {
      throw new ConfigError('DDCLI_CONFIG_DIR is not an absolute path; a relative one would read the config, and keep the secrets auth set-* stores, in whatever folder ddcli runs from: set it to an absolute path')
    }
    return path.resolve(env.DDCLI_CONFIG_DIR)
  }
  if (env.XDG_CONFIG_HOME?.trim() && path.isAbsolute(env.XDG_CONFIG_HOME)) return path.join(path.resolve(env.XDG_CONFIG_HOME), 'ddcli')
  return path.join(homeDir(env), '.config', 'ddcli')
}

/**
 * `$HOME` when it is an absolute path, else the account's home from its passwd entry (os.homedir() would read this
 * process's HOME, not `env`), or /nonexistent without one.
 */
export function homeDir(env: Env): string {
  const home = env.HOME?.trim()
  if (home && path.isAbsolute(home)) return path.resolve(home)
  try {
    return os.userInfo().homedir
  } catch {
    return '/nonexistent'
  }
}

/** The config file's path. */
export function configPath(env: Env): string {
  return path.join(configDir(env), 'config.json')
}

/** How sources name a stored profile: `<path> [profile <name>]`. */
export function storeLabel(file: string, profile: string): string {
  return `${file} [profile ${profile}]`
}

function invalid(file: string, what: string): ConfigError {
  return new ConfigError(`config file ${file} ${what}; fix it by hand or move it away (ddcli never overwrites it)`)
}

/** Checks the parsed file's shape; a wrong type anywhere is an error that names where. */
export function validateConfig(file: string, data: unknown): ConfigData {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalid(file, 'is not a JSON object')
  const {profiles, defaultProfile} = data as ConfigData
  if (defaultProfile !== undefined && typeof defaultProfile !== 'string') throw invalid(file, 'has "defaultProfile" that is not a string')
  if (profiles === undefined) return data as ConfigData
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) {
    throw invalid(file, 'has "profiles" that is not an object')
  }
  for (const [name, profile] of Object.entries(profiles)) {
    if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) {
      throw invalid(file, `has profile ${JSON.stringify(name)} that is not an object`)
    }
    for (const key of PROFILE_KEYS) {
      const value = (profile as Record<string, unknown>)[key]
      if (value !== undefined && typeof value !== 'string') {
        throw invalid(file, `has ${JSON.stringify(`profiles.${name}.${key}`)} that is not a string`)
      }
    }
  }
  return data as ConfigData
}

/** Whether a uid may own the config or its folder: this process's user, or root. */
const trustedOwner = (uid: number) => uid === process.getuid?.() || uid === 0

/**
 * Refuses a config folder another user could use to replace the config (its `api-url` receives the credentials of
 * the environment): one owned by another user, or writable by group or others. For reading, a sticky folder (such
 * as /tmp) is enough, since others cannot replace a file they do not own there (the file's own owner is checked);
 * for writing it is not, as ssh and git's safe.directory judge. No check where the OS has no uids (Windows).
 */
export function checkConfigFolder(dir: string, purpose: 'read' | 'write'): void {
  if (process.getuid === undefined) return
  let stat: fs.Stats
  try {
    stat = fs.statSync(dir)
  } catch {
    return
  }
  if (!trustedOwner(stat.uid)) {
    throw new ConfigError(`config folder ${dir} belongs to another user (uid ${stat.uid}); use a folder of your own (DDCLI_CONFIG_DIR) or chown it`)
  }
  const sticky = (stat.mode & 0o1000) !== 0
  if ((stat.mode & 0o022) !== 0 && (purpose === 'write' || !sticky)) {
    throw new ConfigError(`config folder ${dir} can be written by other users, who could replace the config; run chmod 700 '${dir}'`)
  }
  checkFoldersAbove(dir)
}

/** The folders above a folder, on its path as given and on its real path (a link on the way leads elsewhere). */
function foldersAbove(dir: string): Set<string> {
  const above = new Set<string>()
  const walk = (from: string) => {
    for (let at = path.dirname(from); !above.has(at); at = path.dirname(at)) above.add(at)
  }
  walk(dir)
  try {
    walk(fs.realpathSync(dir))
  } catch {
    // A folder that cannot be resolved has no config to read.
  }
  return above
}

/**
 * Refuses a config below a folder others can write to without the sticky bit: they could rename the config folder
 * away and put a link in its place, to a folder of the user's holding a config.json they wrote (a repository the user
 * cloned). ssh checks the folders above its files too; only others' write is judged here, since a group-writable
 * home or ~/.config of a user-private group (umask 002) is common and harmless.
 */
function checkFoldersAbove(dir: string): void {
  for (const folder of foldersAbove(dir)) {
    let mode: number
    try {
      mode = fs.statSync(folder).mode
    } catch {
      continue
    }
    if ((mode & 0o002) !== 0 && (mode & 0o1000) === 0) {
      throw new ConfigError(`folder ${folder} above the config can be written by other users, who could replace the config folder; run chmod o-w '${folder}'`)
    }
  }
}

/**
 * Reads the config without conf: conf loads ajv at import (over 100 ms), too slow for every `call`. A missing file
 * is an empty config; anything unreadable or malformed is a ConfigError. The file is opened without blocking and
 * checked on its descriptor before a byte is read: it must be a regular file (a fifo would hang the run, a device
 * never end), owned by this user or root and writable by nobody else, in a folder others cannot write to.
 */
export function readConfig(file: string): ConfigData {
  let text: string
  let fd: number
  try {
    // stat first, so that a device is never opened (opening some has effects of its own); fstat below closes the gap.
    const first = fs.statSync(file)
    if (first.isDirectory()) throw invalid(file, 'is a directory')
    if (!first.isFile()) throw invalid(file, 'is not a regular file (a fifo, socket or device)')
    // A link's target folder must be as safe as the link's own: another user could otherwise replace the target.
    if (fs.lstatSync(file).isSymbolicLink()) checkConfigFolder(path.dirname(fs.realpathSync(file)), 'read')
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0))
  } catch (error: unknown) {
    if (error instanceof ConfigError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return {}
    throw invalid(file, `cannot be read (${code ?? 'unknown error'})`)
  }
  try {
    const stat = fs.fstatSync(fd)
    if (stat.isDirectory()) throw invalid(file, 'is a directory')
    if (!stat.isFile()) throw invalid(file, 'is not a regular file (a fifo, socket or device)')
    if (process.getuid !== undefined && !trustedOwner(stat.uid)) {
      throw new ConfigError(`config file ${file} belongs to another user (uid ${stat.uid}), who could point its api-url elsewhere; use a config of your own (DDCLI_CONFIG_DIR) or chown it`)
    }
    if (process.getuid !== undefined && (stat.mode & 0o022) !== 0) {
      throw new ConfigError(`config file ${file} can be written by other users, who could point its api-url elsewhere; run chmod 600 '${file}'`)
    }
    checkConfigFolder(path.dirname(file), 'read')
    text = fs.readFileSync(fd, 'utf8')
  } catch (error: unknown) {
    if (error instanceof ConfigError) throw error
    throw invalid(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`)
  } finally {
    fs.closeSync(fd)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw invalid(file, text.trim() === '' ? 'is empty' : 'is not valid JSON')
  }
  return validateConfig(file, data)
}

/** A warning when the config file is readable by group or others, with the command that fixes it. */
export function permissionWarning(file: string): string | undefined {
  // Windows has no such mode bits (Node makes them up): the warning would be printed on every run there.
  if (process.platform === 'win32') return undefined
  try {
    const {mode} = fs.statSync(file)
    if ((mode & 0o077) !== 0) return `config file ${file} is readable by other users; fix: chmod 600 '${file}'`
  } catch {
    // A missing file has nothing to warn about; other errors surface when it is read.
  }
  return undefined
}

/** How sources name the stored default profile. */
export function defaultProfileLabel(file: string): string {
  return `${file} [defaultProfile]`
}

/** The names of the profiles in the config file, sorted. */
export function profileNames(data: ConfigData): string[] {
  return Object.keys(data.profiles ?? {}).sort()
}

/** The stored profile of a given name, empty when absent. */
export function storedProfile(data: ConfigData, profile: string): StoredProfile {
  return Object.hasOwn(data.profiles ?? {}, profile) ? data.profiles![profile]! : {}
}
