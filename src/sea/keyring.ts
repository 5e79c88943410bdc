import {createHash, randomBytes} from 'node:crypto'
import fs from 'node:fs'
import {dirname, isAbsolute, join} from 'node:path'
import {asset} from './assets.js'

/**
 * @napi-rs/keyring for the single executable. A native module loads only from a file (dlopen), so its file, an asset
 * of the executable, is written once to a private folder, <cache>/ddcli/native (XDG_CACHE_HOME or ~/.cache), under a
 * name made of its hash, and loaded from there. Before the load: the folder is a real folder of this user that nobody
 * else can enter (0700), every folder above it belongs to this user or root and no one else can write it (save a
 * sticky one such as /tmp, where others cannot move what is not theirs), and the file is a regular file of this user,
 * with no other name, that nobody else can write and that holds exactly the asset's bytes. A path is checked by what
 * it resolves to and loaded by that same resolved path, so only this user (or root) can change what is loaded
 * between the check and dlopen: with a folder above it that another user could write, that user could move the
 * checked folder away and put one holding their own code in its place. Anything else throws, and keychain.ts
 * reports it like a missing module: `auth set-*` stores in the 0600 config file with its usual note.
 */
export function loadSeaKeyring(): unknown {
  const module = {exports: {}}
  process.dlopen(module, privateNativeFile(asset('keyring.node'), 'keyring', process.env))
  return module.exports
}

/**
 * The path of a file holding exactly `bytes` in the private native folder, written there when missing or different;
 * throws when the folder, a folder above it or the file is not private to this user (see loadSeaKeyring).
 */
export function privateNativeFile(bytes: Buffer, name: string, env: NodeJS.ProcessEnv): string {
  const hash = createHash('sha256').update(bytes).digest('hex')
  const dir = privateDir(env)
  const file = join(dir, `${name}-${hash.slice(0, 32)}.node`)
  if (problem(file, hash) !== undefined) {
    // A random name: two runs writing at once never share (or remove) each other's temporary file.
    const temporary = join(dir, `.${name}-${randomBytes(8).toString('hex')}.tmp`)
    try {
      fs.writeFileSync(temporary, bytes, {mode: 0o600, flag: 'wx'})
      fs.renameSync(temporary, file)
    } catch (error: unknown) {
      // A full disk or a failed rename: no partial copy is left behind (one per run would fill the disk further).
      fs.rmSync(temporary, {force: true})
      throw error
    }
    const left = problem(file, hash)
    if (left !== undefined) throw new Error(left)
  }
  return file
}

/** The native folder, created 0700 when missing, as the path it resolves to; throws unless it is private. */
function privateDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(env.HOME ?? '', '.cache')
  if (!isAbsolute(base)) throw new Error('no absolute HOME or XDG_CACHE_HOME for the keychain module')
  const path = join(base, 'ddcli', 'native')
  fs.mkdirSync(path, {recursive: true, mode: 0o700})
  // A link as the folder itself is refused; links above it (a home under /usr/home) are resolved, then checked.
  const kind = fs.lstatSync(path)
  if (!kind.isDirectory()) throw new Error(`${path} is not what the keychain module needs (a link, or another kind of file)`)
  const dir = fs.realpathSync(path)
  checkOwner(dir, fs.statSync(dir), 0o077)
  for (let above = dirname(dir); ; above = dirname(above)) {
    const stat = fs.statSync(above)
    // Others may write a sticky folder (/tmp): they cannot move or remove what is not theirs there.
    checkOwner(above, stat, (stat.mode & 0o1000) !== 0 ? 0 : 0o022)
    if (above === dirname(above)) break
  }
  return dir
}

/** Throws unless `stat` (of `path`) belongs to this user (or root, for what is above) and has no `forbidden` mode bit. */
function checkOwner(path: string, stat: fs.Stats, forbidden: number): void {
  const uid = process.getuid!()
  if (stat.uid !== uid && (forbidden === 0o077 || stat.uid !== 0)) throw new Error(`${path} belongs to another user`)
  if ((stat.mode & forbidden) !== 0) throw new Error(`${path} is open to other users (mode ${(stat.mode & 0o777).toString(8)})`)
}

/**
 * Why the file at `path` cannot be loaded as the module of this sha256, or undefined when it can: it is opened
 * without following a link or blocking on a fifo, and checked and read on that one descriptor.
 */
function problem(path: string, hash: string): string | undefined {
  let fd: number
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK)
  } catch (error: unknown) {
    return `${path} cannot be opened (${(error as NodeJS.ErrnoException).code ?? String(error)})`
  }
  try {
    const stat = fs.fstatSync(fd)
    if (!stat.isFile()) return `${path} is not what the keychain module needs (a link, or another kind of file)`
    if (stat.uid !== process.getuid!()) return `${path} belongs to another user`
    if ((stat.mode & 0o022) !== 0) return `${path} is open to other users (mode ${(stat.mode & 0o777).toString(8)})`
    // Another name for the same file, made before this folder was private, would be another way to change it.
    if (stat.nlink !== 1) return `${path} has other names (hard links)`
    if (createHash('sha256').update(fs.readFileSync(fd)).digest('hex') !== hash) return `${path} does not hold the native module this executable carries`
    return undefined
  } finally {
    fs.closeSync(fd)
  }
}
