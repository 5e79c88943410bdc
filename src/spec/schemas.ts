import {fileURLToPath} from 'node:url'
import type {Schema, SchemaFile} from './check.js'
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
 * Whether every reference in a schema file names one of its definitions. The checker reads a `$ref` it cannot resolve
 * (missing, not a string, or a loop of references) as a schema that allows anything (src/spec/check.ts resolve), so
 * a file that lost a definition would pass, there, bodies its operation refuses: read only when the verdict function
 * found an error or there is none, such a file is a damaged install. Only the places the checker reads schemas from
 * are walked (a `$ref` inside an enum's values is data), with a discriminator's mapping, which names definitions too.
 * Every generated file passes (test/spec/schemas.test.ts).
 */
function refsResolve(file: SchemaFile): boolean {
  const defs = file.defs
  const resolves = (ref: unknown): boolean => {
    // A chain of references must end at a schema: the checker gives up on one longer than 32, or a loop.
    for (let seen = 0; seen <= 32; seen++) {
      if (typeof ref !== 'string' || !Object.hasOwn(defs, ref)) return false
      const target = defs[ref] as unknown
      if (typeof target !== 'object' || target === null || !Object.hasOwn(target, '$ref')) return true
      ref = (target as Schema).$ref
    }
    return false
  }
  const pending: unknown[] = [file.body, ...Object.values(defs)]
  while (pending.length > 0) {
    const node = pending.pop()
    if (typeof node !== 'object' || node === null || Array.isArray(node)) continue
    const schema = node as Schema
    if (Object.hasOwn(schema, '$ref') && !resolves(schema.$ref)) return false
    const mapping = schema.discriminator?.mapping
    if (typeof mapping === 'object' && mapping !== null && !Object.values(mapping).every((ref) => resolves(ref))) return false
    if (typeof schema.properties === 'object' && schema.properties !== null) pending.push(...Object.values(schema.properties))
    pending.push(schema.additionalProperties, schema.items)
    for (const branches of [schema.allOf, schema.anyOf, schema.oneOf]) if (Array.isArray(branches)) pending.push(...branches)
  }
  return true
}
