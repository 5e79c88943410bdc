import fs from 'node:fs'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {ConfigError} from '../errors.js'
import {readConfig, type ConfigData} from './store.js'

const LOCK_STALE_MS = 10_000
const LOCK_WAIT_MS = 15_000

/**
 * Holds an exclusive lock file beside the config while `fn` runs. conf has no locking, and two ddcli processes
 * doing read-modify-write at once would otherwise lose one of the writes.
 */
async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`
  const deadline = Date.now() + LOCK_WAIT_MS
  let fd: number | undefined
  while (fd === undefined) {
    try {
      fd = fs.openSync(lock, 'wx', 0o600)
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ConfigError(`cannot lock config file ${file} (${(error as NodeJS.ErrnoException).code}); check the folder's permissions`)
      }
      if (isStale(lock)) continue
      if (Date.now() > deadline) {
        throw new ConfigError(`config file ${file} is locked by another ddcli; if none is running, remove ${lock}`)
      }
      await sleep(5 + Math.random() * 20)
    }
  }
  try {
    return await fn()
  } finally {
    fs.closeSync(fd)
    fs.rmSync(lock, {force: true})
  }
}

/** A lock older than any write takes belongs to a process that died; it is removed. */
function isStale(lock: string): boolean {
  try {
    if (Date.now() - fs.statSync(lock).mtimeMs < LOCK_STALE_MS) return false
    fs.rmSync(lock, {force: true})
    return true
  } catch {
    return true
  }
}

/**
 * Read-modify-write of the config file under the lock. The file is re-read inside the lock and validated first:
 * a corrupt file is never overwritten. Written by conf with mode 0600 in a 0700 folder.
 */
export async function updateConfig(file: string, mutate: (data: ConfigData) => void): Promise<ConfigData> {
  const dir = path.dirname(file)
  try {
    fs.mkdirSync(dir, {recursive: true, mode: 0o700})
  } catch (error: unknown) {
    throw new ConfigError(`cannot create config folder ${dir} (${(error as NodeJS.ErrnoException).code}); check its permissions`)
  }
  // conf (and ajv) take hundreds of ms to load: load them before taking the lock, not while others wait for it.
  const {default: Conf} = await import('conf')
  return withLock(file, async () => {
    const data = readConfig(file)
    mutate(data)
    const store = new Conf<ConfigData>({
      projectName: 'ddcli',
      projectSuffix: '',
      cwd: dir,
      configName: 'config',
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
    })
    store.store = data
    fs.chmodSync(file, 0o600)
    return data
  })
}
