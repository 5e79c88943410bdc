import {asset} from './assets.js'

/**
 * The request body schemas in the single executable: one asset, schemas.pack (scripts/exe.mjs), instead of
 * dist/spec/schemas/<version>/<operationId>.json. It is a JSON index `{"v1/CreateMonitor": [offset, length], ...}`,
 * a line break, then each file's bytes deflated (raw) on their own at their offset after that line break, so a check
 * inflates only its own operation's file. Read on the first body checked, never while the snapshot is built.
 */
export const SCHEMA_PACK = 'schemas.pack'

type Pack = {index: Record<string, [number, number]>, data: Buffer}
let pack: Pack | undefined

/** The text of a schema file as the npm install has it; throws ENOENT like readFile when the operation has none. */
export function seaSchemaText(version: string, operationId: string): string {
  pack ??= readPack(asset(SCHEMA_PACK))
  return schemaFromPack(pack, `${version}/${operationId}`)
}

/** A pack of files (`version/operationId` and bytes), as scripts/exe.mjs writes it. */
export function packSchemas(files: Iterable<[key: string, bytes: Buffer]>): Buffer {
  const {deflateRawSync} = process.getBuiltinModule('node:zlib')
  const index: Record<string, [number, number]> = {}
  const parts: Buffer[] = []
  let offset = 0
  for (const [key, bytes] of files) {
    const deflated = deflateRawSync(bytes, {level: 9})
    index[key] = [offset, deflated.length]
    parts.push(deflated)
    offset += deflated.length
  }
  return Buffer.concat([Buffer.from(`${JSON.stringify(index)}\n`), ...parts])
}

/** The index and data of a pack's bytes. */
export function readPack(bytes: Buffer): Pack {
  const end = bytes.indexOf(10)
  if (end < 0) throw new Error(`${SCHEMA_PACK} has no index: the executable is broken, rebuild it`)
  return {index: JSON.parse(bytes.subarray(0, end).toString('utf8')) as Pack['index'], data: bytes.subarray(end + 1)}
}

/** One file's text from a pack; throws ENOENT when the pack has no such key. */
export function schemaFromPack(from: Pack, key: string): string {
  if (!Object.hasOwn(from.index, key)) throw Object.assign(new Error(`no schema for ${key} in the executable`), {code: 'ENOENT'})
  const [offset, length] = from.index[key]!
  return process.getBuiltinModule('node:zlib').inflateRawSync(from.data.subarray(offset, offset + length)).toString('utf8')
}
