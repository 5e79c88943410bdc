import {fileURLToPath} from 'node:url'
import {setFlagsFromString} from 'node:v8'
import {Script} from 'node:vm'
import {readRegular} from './regular-file.js'

/** What a verdict function answers (src/spec/verdict-source.ts): what checkBody would find in a value. */
export type Verdict = (value: unknown) => number
/** An error: the request is refused. */
export const VERDICT_ERROR = 0
/** Warnings only (properties the spec does not name): the request is sent. */
export const VERDICT_WARNING = 1
/** Nothing to report. */
export const VERDICT_CLEAN = 2

/** `DDV2`, little-endian: the first four bytes of a .verdict file. */
const VERDICT_MAGIC = 0x32564444

/**
 * `DDVL`: a .verdict file that names another operation's (the same schema). After it, as in a verdict file, the length
 * of the key it was written under and that key, then the key it names, `version/operationId`, all ASCII: a link is a
 * file too, and one copied over another operation's would judge that operation's bodies with a verdict for another
 * schema.
 */
const LINK_MAGIC = 0x4c564444

/** What every .verdict file starts with: its magic, the length of the key it was written under, the key (holdsKey). */
function keyed(magic: number, key: string): Buffer {
  const name = Buffer.from(key, 'latin1')
  const header = Buffer.alloc(8)
  header.writeUInt32LE(magic, 0)
  header.writeUInt32LE(name.length, 4)
  return Buffer.concat([header, name])
}

/** The bytes of the .verdict file of `key` that names `target`'s. */
export function verdictLink(key: string, target: string): Buffer {
  return Buffer.concat([keyed(LINK_MAGIC, key), Buffer.from(target, 'latin1')])
}

/**
 * A .verdict file's bytes: VERDICT_MAGIC, the length of the key it was written under (`version/operationId`), the key
 * (ASCII), the source's byte length, the source (ASCII), then V8's code cache for it, if any (scripts/verdicts.mjs
 * caches the large ones only). The key tells a file put under another operation's name (swapped, copied over) from
 * the operation's own: read as another's, it is no verdict, and the checker judges alone.
 */
export function verdictFile(key: string, source: Buffer, cache: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32LE(source.length, 0)
  return Buffer.concat([keyed(VERDICT_MAGIC, key), length, source, cache])
}

const NAME = /^v\d\/[A-Za-z0-9_-]+$/

/** Whether a .verdict file (a verdict or a link) says, after its magic, that it was written for `key`. */
function holdsKey(bytes: Buffer, key: string): boolean {
  return bytes.length >= 8 + key.length && bytes.readUInt32LE(4) === key.length && bytes.subarray(8, 8 + key.length).toString('latin1') === key
}

/**
 * The verdict function of an operation, written at build (scripts/verdicts.mjs) beside this module, or undefined when
 * there is none (no JSON body schema, a build without them, a damaged file): the checker then judges alone. A file
 * may name another operation's (the same schema); the one it names holds its own source, so a code cache in it can
 * only ever be used for that source; V8 checks its own version, flags and checksum (as bin/launch.js reads its
 * caches) and compiles from the source when the cache does not fit.
 */
export function loadVerdict(version: string, operationId: string, dir?: URL, loaded?: Map<string, Verdict | undefined>): Verdict | undefined {
  const key = `${version}/${operationId}`
  if (loaded?.has(key)) return loaded.get(key)
  const {verdict, from} = readVerdict(key, dir, loaded)
  loaded?.set(key, verdict)
  // Under the key of the file that held its source too: a batch's CreateDashboard and UpdateDashboard lines (one
  // file names the other's) share one read and one compile.
  if (from !== undefined) loaded?.set(from, verdict)
  return verdict
}

/**
 * loadVerdict without `loaded`'s bookkeeping: the function, with `from`, the key of another operation whose file held
 * it (a link's target, which a later operation may name itself or link to); nothing when there is none.
 */
function readVerdict(key: string, dir: URL | undefined, loaded: Map<string, Verdict | undefined> | undefined): {verdict?: Verdict, from?: string} {
  if (!NAME.test(key)) return {}
  let filename = ''
  let bytes: Buffer | undefined
  let from: string | undefined
  try {
    // Beside this module unless a test says where; the single executable has none (and no file URL for this module).
    const base = dir ?? new URL('./verdicts/', import.meta.url)
    const read = (name: string) => readRegular(filename = fileURLToPath(new URL(`./${name}.verdict`, base)))
    bytes = read(key)
    // One link at most: a link to a link is a broken build.
    if (bytes && bytes.length >= 4 && bytes.readUInt32LE(0) === LINK_MAGIC) {
      // A link written for another operation (copied over this one's) is none, as a verdict file would be.
      if (!holdsKey(bytes, key)) return {}
      const target = bytes.subarray(8 + key.length).toString('latin1')
      if (!NAME.test(target)) return {}
      if (loaded?.has(target)) return {verdict: loaded.get(target)}
      from = target
      bytes = read(target)
    }
  } catch {
    return {}
  }
  if (!bytes || bytes.length < 8 || bytes.readUInt32LE(0) !== VERDICT_MAGIC) return {}
  // The file must be the one written for the operation read (or the link's target): a swapped file is none.
  const own = from ?? key
  const start = 8 + own.length + 4
  if (!holdsKey(bytes, own) || bytes.length < start) return {}
  if (bytes.readUInt32LE(start - 4) > bytes.length - start) return {}
  const end = start + bytes.readUInt32LE(start - 4)
  // ASCII (esbuild writes any other character as an escape): read as Latin-1, which V8 keeps one byte per character.
  const source = bytes.subarray(start, end).toString('latin1')
  const cachedData = bytes.subarray(end)
  try {
    // V8 checks the cache's checksum only with this flag: the twin of bin/launch.js's withCacheChecksums (not imported
    // from there, as src/spec/regular-file.ts says why).
    setFlagsFromString('--verify-snapshot-checksum')
    let script
    try {
      script = new Script(source, {filename, ...(cachedData.length > 0 ? {cachedData} : {})})
    } finally {
      setFlagsFromString('--no-verify-snapshot-checksum')
    }
    const verdict = (script.runInThisContext() as () => unknown)()
    return typeof verdict === 'function' ? {verdict: verdict as Verdict, from} : {}
  } catch {
    return {}
  }
}
