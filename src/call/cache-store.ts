import {createHmac, randomBytes} from 'node:crypto'
import fs from 'node:fs/promises'
import {constants} from 'node:fs'
import path from 'node:path'
import {homeDir} from '../credentials/store.js'
import type {Env} from '../io.js'

// The files of `--cache`: one per answer, named by an HMAC of the request under a random key kept beside them, so a
// name says nothing of the URL or the credentials; written to a temporary file and renamed, so a reader sees a whole
// entry or none; bounded in total size, oldest evicted first.

/** Most bytes all entries may take together, and one entry (a larger answer is sent through, not stored). */
export const CACHE_LIMITS = {totalBytes: 64 * 1024 * 1024, entryBytes: 16 * 1024 * 1024} as const

const MAGIC = 'ddcli-cache 1\n'
const ENTRY_NAME = /^[0-9a-f]{64}$/
const KEY_FILE = 'key'

/** An answer as stored: what `-i` prints (status line and headers, as received) and the body's bytes. */
export interface CachedAnswer {
  status: number
  statusText: string
  httpVersion: string
  rawHeaders: string[]
}

/**
 * `$XDG_CACHE_HOME/ddcli/responses`, else `~/.cache/ddcli/responses`. A relative XDG_CACHE_HOME is ignored, as the
 * XDG spec says (it would put answers in whatever folder ddcli runs from).
 */
export function cacheDir(env: Env): string {
  const xdg = env.XDG_CACHE_HOME?.trim()
  const base = xdg && path.isAbsolute(xdg) ? path.resolve(xdg) : path.join(homeDir(env), '.cache')
  return path.join(base, 'ddcli', 'responses')
}

const ownedByMe = (uid: number) => process.getuid === undefined || uid === process.getuid() || uid === 0

/**
 * Why the folder cannot hold answers, or undefined when it can (created 0700 when missing). Another user who can
 * write there could plant an answer ddcli would print as the API's, or read what the API said: a folder that is a
 * link, belongs to someone else, or can be written by others is not used, nor one below a folder others can write
 * without the sticky bit (they could swap the folder itself), on its path as given or on the real path of a link.
 */
export async function prepareCacheDir(dir: string): Promise<string | undefined> {
  try {
    await fs.mkdir(dir, {recursive: true, mode: 0o700})
    const stat = await fs.lstat(dir)
    if (!stat.isDirectory()) return `cache folder ${dir} is not a folder (a link?)`
    if (!ownedByMe(stat.uid)) return `cache folder ${dir} belongs to another user (uid ${stat.uid})`
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) return `cache folder ${dir} can be read or written by other users; run chmod 700 '${dir}'`
    // On the path as given and on the real path a link on the way leads to, as for the config folder.
    for (const from of new Set([dir, await fs.realpath(dir)])) {
      for (let at = path.dirname(from); at !== path.dirname(at); at = path.dirname(at)) {
        const above = await fs.stat(at)
        if (process.platform !== 'win32' && (above.mode & 0o002) !== 0 && (above.mode & 0o1000) === 0) return `folder ${at} above the cache can be written by other users; run chmod o-w '${at}'`
      }
    }
    return undefined
  } catch (error: unknown) {
    return `cache folder ${dir} cannot be used (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`
  }
}

/**
 * The random 32-byte key of the entry names, made on first use. Created by linking a finished temporary file into
 * place, which fails when another run got there first: every run then reads the one key.
 */
export async function cacheKey(dir: string): Promise<Buffer> {
  const file = path.join(dir, KEY_FILE)
  const existing = await readOwn(file, 64)
  if (existing?.length === 32) return existing
  const temp = path.join(dir, `.tmp-${randomBytes(8).toString('hex')}`)
  await fs.writeFile(temp, randomBytes(32), {mode: 0o600, flag: 'wx'})
  try {
    await fs.link(temp, file)
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    await fs.rm(temp, {force: true})
  }
  const key = await readOwn(file, 64)
  if (key?.length !== 32) throw new Error('the cache key file is not 32 bytes')
  return key
}

/**
 * The entry name of a request: HMAC-SHA256, under the cache's key, of its method, URL and every header sent
 * (credentials included, so another identity never shares an entry; Accept and the rest, which change the answer).
 * One way and keyed: the name can be matched to no credential, however short, without the key.
 */
export function entryName(key: Buffer, method: string, url: URL, headers: Record<string, string>): string {
  const sorted = Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
  return createHmac('sha256', key).update(JSON.stringify(['ddcli-cache 1', method, url.href, sorted])).digest('hex')
}

/** Reads a regular file of this user, not through a link, up to `limit` bytes; undefined when there is none. */
async function readOwn(file: string, limit: number): Promise<Buffer | undefined> {
  let handle: fs.FileHandle
  try {
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
  } catch {
    return undefined
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile() || !ownedByMe(stat.uid) || stat.size > limit) return undefined
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) return undefined
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}

/** The stored answer and its age, when there is one no older than `ttlMs`; a stale or damaged entry is a miss. */
export async function readEntry(dir: string, name: string, ttlMs: number, now: number): Promise<{answer: CachedAnswer, body: Buffer, ageMs: number} | undefined> {
  const file = path.join(dir, name)
  let ageMs: number
  try {
    ageMs = now - (await fs.lstat(file)).mtimeMs
  } catch {
    return undefined
  }
  // A time ahead of the clock (by more than the file system's rounding) is not trusted as fresh.
  if (ageMs > ttlMs || ageMs < -2000) return undefined
  const data = await readOwn(file, CACHE_LIMITS.entryBytes + 64 * 1024)
  if (!data || data.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined
  const end = data.indexOf(0x0a, MAGIC.length)
  if (end === -1) return undefined
  try {
    const head = JSON.parse(data.subarray(MAGIC.length, end).toString('utf8')) as CachedAnswer
    if (!Number.isInteger(head.status) || !Array.isArray(head.rawHeaders) || head.rawHeaders.some((h) => typeof h !== 'string')) return undefined
    if (typeof head.statusText !== 'string' || typeof head.httpVersion !== 'string') return undefined
    return {answer: head, body: data.subarray(end + 1), ageMs: Math.max(0, ageMs)}
  } catch {
    return undefined
  }
}

/** Stores an answer: a temporary 0600 file renamed over the entry, then the oldest entries evicted past the bound. */
export async function writeEntry(dir: string, name: string, answer: CachedAnswer, body: Buffer): Promise<void> {
  const head = JSON.stringify({status: answer.status, statusText: answer.statusText, httpVersion: answer.httpVersion, rawHeaders: answer.rawHeaders})
  const temp = path.join(dir, `.tmp-${randomBytes(8).toString('hex')}`)
  try {
    await fs.writeFile(temp, Buffer.concat([Buffer.from(`${MAGIC}${head}\n`), body]), {mode: 0o600, flag: 'wx'})
    await fs.rename(temp, path.join(dir, name))
  } catch (error: unknown) {
    await fs.rm(temp, {force: true})
    throw error
  }
  await evict(dir, CACHE_LIMITS.totalBytes)
}

/**
 * Removes the oldest entries until all fit in `totalBytes`, and temporary files a killed run left (older than a
 * minute). Entries another run removes meanwhile are skipped.
 */
export async function evict(dir: string, totalBytes: number): Promise<void> {
  const now = Date.now()
  const entries: Array<{file: string, size: number, mtimeMs: number}> = []
  for (const name of await fs.readdir(dir)) {
    const file = path.join(dir, name)
    try {
      const stat = await fs.lstat(file)
      if (name.startsWith('.tmp-') && now - stat.mtimeMs > 60_000) await fs.rm(file, {force: true})
      else if (ENTRY_NAME.test(name) && stat.isFile()) entries.push({file, size: stat.size, mtimeMs: stat.mtimeMs})
    } catch {
      // Gone already.
    }
  }
  let total = entries.reduce((sum, entry) => sum + entry.size, 0)
  entries.sort((a, b) => a.mtimeMs - b.mtimeMs)
  for (const entry of entries) {
    if (total <= totalBytes) break
    await fs.rm(entry.file, {force: true})
    total -= entry.size
  }
}
