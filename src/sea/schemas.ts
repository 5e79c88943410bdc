import {asset} from './assets.js'

/**
 * The request body schemas in the single executable: one asset, schemas.pack (scripts/exe.mjs), instead of
 * dist/spec/schemas/<version>/<operationId>.json. It is a JSON index `{"v1/CreateMonitor": [offset, length], ...}`,
 * a line break, then each file's text deflated (raw) on its own at its offset after that line break, so a check
 * inflates only its own operation's file. Read on the first body checked, never while the snapshot is built.
 */
export const SCHEMA_PACK = 'schemas.pack'

let pack: {index: Record<string, [number, number]>, data: Buffer} | undefined

/** The text of a schema file as the npm install has it; throws ENOENT like readFile when the operation has none. */
export function seaSchemaText(version: string, operationId: string): string {
  pack ??= readPack(asset(SCHEMA_PACK))
  const key = `${version}/${operationId}`
  if (!Object.hasOwn(pack.index, key)) throw Object.assign(new Error(`no schema for ${key} in the executable`), {code: 'ENOENT'})
  const [offset, length] = pack.index[key]!
  return process.getBuiltinModule('node:zlib').inflateRawSync(pack.data.subarray(offset, offset + length)).toString('utf8')
}

/** The index and data of a pack's bytes. */
function readPack(bytes: Buffer): {index: Record<string, [number, number]>, data: Buffer} {
  const end = bytes.indexOf(10)
  if (end < 0) throw new Error(`${SCHEMA_PACK} has no index: the executable is broken, rebuild it`)
  return {index: JSON.parse(bytes.subarray(0, end).toString('utf8')) as Record<string, [number, number]>, data: bytes.subarray(end + 1)}
}
