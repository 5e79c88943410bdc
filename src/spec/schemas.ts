import {fileURLToPath} from 'node:url'
import type {SchemaFile} from './check.js'
import {readRegular} from './regular-file.js'

/**
 * The request body schema of one operation (scripts/spec-schemas.mjs writes one file per operation beside this
 * module, in src/ and in dist/), or undefined when its body is not JSON. Only this operation's file is read, from
 * `dir` if given (tests). A file that is there but is not one (cut short, a folder, a fifo) throws: a damaged install.
 */
export async function loadSchema(version: string, operationId: string, dir?: URL): Promise<SchemaFile | undefined> {
  // Both come from the generated route table; checked anyway, as they name a file.
  if (!/^v\d$/.test(version) || !/^[A-Za-z0-9_-]+$/.test(operationId)) return undefined
  let bytes: Buffer | undefined
  try {
    // Synchronous: the call waits for it, and one read costs less than fs/promises' four trips to the thread pool.
    bytes = readRegular(fileURLToPath(new URL(`./${version}/${operationId}.json`, dir ?? new URL('./schemas/', import.meta.url))))
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  if (bytes === undefined) throw new Error(`the schema file of ${operationId} is not a file`)
  const file = JSON.parse(bytes.toString('utf8')) as Partial<SchemaFile> | null
  const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value)
  if (!isObject(file) || !isObject(file!.body) || !isObject(file!.defs)) throw new Error(`the schema file of ${operationId} is not a schema`)
  if (!refsResolve(file as SchemaFile)) throw new Error(`the schema file of ${operationId} names a definition it does not hold`)
  return file as SchemaFile
}

/**
 * Whether every `$ref` in a schema file names one of its definitions. The checker reads a `$ref` it cannot resolve as
 * a schema that allows anything (src/spec/check.ts), so a file that lost a definition would pass, there, bodies its
 * operation refuses: read only when the verdict function found an error or there is none, such a file is a damaged
 * install. Every generated file passes (test/spec/schemas.test.ts).
 */
function refsResolve(file: SchemaFile): boolean {
  const pending: unknown[] = [file.body, file.defs]
  while (pending.length > 0) {
    const node = pending.pop()
    if (typeof node !== 'object' || node === null) continue
    const ref = (node as {$ref?: unknown}).$ref
    if (typeof ref === 'string' && !Object.hasOwn(file.defs, ref)) return false
    for (const value of Array.isArray(node) ? node : Object.values(node)) pending.push(value)
  }
  return true
}
