import fs from 'node:fs'
import {randomUUID} from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {ConfigError} from '../errors.js'
import {checkConfigFolder, readConfig, type ConfigData} from './store.js'

const LOCK_STALE_MS = 10_000
// A writer whose process is alive may be stopped (Ctrl-Z) or swapping: its lock stands far longer, until its pid is
// surely reused.
const LIVE_OWNER_STALE_MS = 10 * 60_000
const LOCK_WAIT_MS = 15_000

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code

/**
 * Holds an exclusive lock file beside the config while `fn` runs. conf has no locking, and two ddcli processes
 * doing read-modify-write at once would otherwise lose one of the writes.
 *
 * The lock is created atomically with its owner inside (`pid host token`, written to a private file then
 * hard-linked into place), released only by its owner, and a stale one (its owner dead on this host, older than
 * 10 s when that cannot be known, or older than 10 minutes with its owner alive) is broken under a second, short-lived lock: two waiters can both find it
 * stale, but only one at a time may judge and remove it, so a fresh lock is never removed for a stale one.
 * proper-lockfile removes stale locks by path with the same race, hence our own.
 */
export async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`
  const owner = `${process.pid} ${os.hostname()} ${randomUUID()}`
  const deadline = Date.now() + LOCK_WAIT_MS
  while (!tryCreate(lock, owner)) {
    if (isStale(lock) && breakStale(lock)) continue
    if (Date.now() > deadline) {
      throw new ConfigError(`config file ${file} is locked by another ddcli; if none is running, remove ${lock}`)
    }
    await sleep(5 + Math.random() * 20)
  }
  try {
    removeLeftovers(file)
    return await fn()
  } finally {
    if (readOwner(lock) === owner) fs.rmSync(lock, {force: true})
  }
}

/** Creates the lock with its owner inside, or returns false when it exists. */
function tryCreate(lock: string, owner: string): boolean {
  const mine = `${lock}.${owner.split(' ')[2]}`
  try {
    fs.writeFileSync(mine, owner, {mode: 0o600, flag: 'wx'})
    fs.linkSync(mine, lock)
    return true
  } catch (error: unknown) {
    if (errno(error) === 'EEXIST') {
      // Only a lock file of ours is waited for: a folder or anything else there would never go away by itself.
      let isFile = true
      try {
        isFile = fs.lstatSync(lock).isFile()
      } catch {
        // Gone since: try again.
      }
      if (!isFile) throw new ConfigError(`cannot lock config file ${lock.slice(0, -5)}: ${lock} is not a lock file of ddcli (a folder or other special file); remove it`)
      return false
    }
    throw new ConfigError(`cannot lock config file ${lock.slice(0, -5)} (${errno(error)}); check the folder's permissions`)
  } finally {
    fs.rmSync(mine, {force: true})
  }
}

function readOwner(lock: string): string | undefined {
  try {
    return fs.readFileSync(lock, 'utf8')
  } catch {
    return undefined
  }
}

/** Whether a lock belongs to nobody: its owner process is gone (same host), or it is too old to judge otherwise. */
function isStale(lock: string): boolean {
  let stat: fs.Stats
  try {
    stat = fs.statSync(lock)
  } catch {
    return false
  }
  const [pid, host] = (readOwner(lock) ?? '').split(' ')
  let alive = false
  if (host === os.hostname() && Number(pid) > 0) {
    try {
      process.kill(Number(pid), 0)
      alive = true
    } catch (error: unknown) {
      if (errno(error) === 'ESRCH') return true
      alive = errno(error) === 'EPERM'
    }
  }
  return Date.now() - stat.mtimeMs > (alive ? LIVE_OWNER_STALE_MS : LOCK_STALE_MS)
}

/**
 * Removes a stale lock, judged again under the break lock so that only one waiter at a time can remove it.
 * Returns whether this waiter removed it (the others wait before trying again).
 */
function breakStale(lock: string): boolean {
  const breaker = `${lock}.break`
  let fd: number
  try {
    fd = fs.openSync(breaker, 'wx', 0o600)
  } catch (error: unknown) {
    // Another waiter is breaking it now; a break lock this old belongs to one killed in its few system calls.
    if (errno(error) === 'EEXIST' && isFileAt(breaker) && olderThan(breaker, LOCK_STALE_MS)) fs.rmSync(breaker, {force: true})
    return false
  }
  try {
    if (!isStale(lock)) return false
    fs.rmSync(lock, {force: true})
    return true
  } finally {
    fs.closeSync(fd)
    fs.rmSync(breaker, {force: true})
  }
}

function isFileAt(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile()
  } catch {
    return false
  }
}

function olderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs > ms
  } catch {
    return false
  }
}

/**
 * Files a killed writer left: conf's `config.json.tmp-*` (they hold secrets) and private lock files. Every writer
 * holds the lock, so while we hold it none of them is in use.
 */
function removeLeftovers(file: string): void {
  const dir = path.dirname(file)
  const base = path.basename(file)
  let names: string[] = []
  try {
    names = fs.readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    const at = path.join(dir, name)
    // Only files are leftovers: a folder (or anything else) of that name is not ddcli's to remove, nor a reason to fail.
    if (!name.startsWith(`${base}.tmp-`) && !(name.startsWith(`${base}.lock.`) && name !== `${base}.lock.break`)) continue
    if (!isFileAt(at)) continue
    if (name.startsWith(`${base}.tmp-`)) fs.rmSync(at, {force: true})
    // A waiter's private lock file lives for two system calls; an old one is a leftover.
    else if (olderThan(at, LOCK_STALE_MS)) fs.rmSync(at, {force: true})
  }
}

/**
 * Read-modify-write of the config file under the lock. The file is re-read inside the lock and validated first:
 * a corrupt file is never overwritten. Written by conf with mode 0600 in a 0700 folder. `mutate` runs once the
 * folder is found writable, the lock held and the file read: what it does elsewhere (a keychain write) happens only
 * when the file can take the change.
 */
export async function updateConfig(file: string, mutate: (data: ConfigData) => void | Promise<void>): Promise<ConfigData> {
  const dir = path.dirname(file)
  try {
    fs.mkdirSync(dir, {recursive: true, mode: 0o700})
  } catch (error: unknown) {
    throw new ConfigError(`cannot create config folder ${dir} (${(error as NodeJS.ErrnoException).code}); check its permissions`)
  }
  checkConfigFolder(dir, 'write')
  // conf (and ajv) take hundreds of ms to load: load them before taking the lock, not while others wait for it.
  const {default: Conf} = await import('conf')
  return withLock(file, async () => {
    const data = readConfig(file)
    await mutate(data)
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
