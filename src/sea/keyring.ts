import {createHash} from 'node:crypto'
import fs from 'node:fs'
import {isAbsolute, join} from 'node:path'
import {asset} from './assets.js'

/**
 * @napi-rs/keyring for the single executable. A native module loads only from a file (dlopen), so its file, an asset
 * of the executable, is written once to a private folder, <cache>/ddcli/native (XDG_CACHE_HOME or ~/.cache), under a
 * name made of its hash, and loaded from there. Before the load: the folder is a real folder (no link) of this user
 * that nobody else can enter (0700), and the file is a regular file of this user that nobody else can write and that
 * holds exactly the asset's bytes. Only this user (or root) can then change it before dlopen. Anything else throws,
 * and keychain.ts reports it like a missing module: `auth set-*` stores in the 0600 config file with its usual note.
 */
export function loadSeaKeyring(): unknown {
  const module = {exports: {}}
  process.dlopen(module, privateNativeFile(asset('keyring.node'), 'keyring', process.env))
  return module.exports
}

/**
 * The path of a file holding exactly `bytes` in the private native folder, written there when missing or different;
 * throws when the folder or the file is not private to this user (see loadSeaKeyring).
 */
export function privateNativeFile(bytes: Buffer, name: string, env: NodeJS.ProcessEnv): string {
  const hash = createHash('sha256').update(bytes).digest('hex')
  const dir = nativeDir(env)
  fs.mkdirSync(dir, {recursive: true, mode: 0o700})
  checkPrivate(dir, 0o077, (stat) => stat.isDirectory())
  const file = join(dir, `${name}-${hash.slice(0, 32)}.node`)
  if (!holds(file, hash)) {
    const temporary = `${file}.${process.pid}.tmp`
    fs.rmSync(temporary, {force: true})
    fs.writeFileSync(temporary, bytes, {mode: 0o600, flag: 'wx'})
    fs.renameSync(temporary, file)
  }
  checkPrivate(file, 0o022, (stat) => stat.isFile())
  if (!holds(file, hash)) throw new Error(`${file} does not hold the native module this executable carries`)
  return file
}

/** Where the native file goes: an absolute XDG_CACHE_HOME, else ~/.cache. */
function nativeDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(env.HOME ?? '', '.cache')
  if (!isAbsolute(base)) throw new Error('no absolute HOME or XDG_CACHE_HOME for the keychain module')
  return join(base, 'ddcli', 'native')
}

/** Throws unless `path` (not followed if a link) is of this user and has none of the `forbidden` mode bits. */
function checkPrivate(path: string, forbidden: number, kind: (stat: fs.Stats) => boolean): void {
  const stat = fs.lstatSync(path)
  if (!kind(stat)) throw new Error(`${path} is not what the keychain module needs (a link, or another kind of file)`)
  if (stat.uid !== process.getuid!()) throw new Error(`${path} belongs to another user`)
  if ((stat.mode & forbidden) !== 0) throw new Error(`${path} is open to other users (mode ${(stat.mode & 0o777).toString(8)})`)
}

/** Whether the regular file at `path` holds bytes of this sha256. */
function holds(path: string, hash: string): boolean {
  try {
    if (!fs.lstatSync(path).isFile()) return false
    return createHash('sha256').update(fs.readFileSync(path)).digest('hex') === hash
  } catch {
    return false
  }
}
