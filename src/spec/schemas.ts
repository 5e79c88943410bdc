import {readFileSync} from 'node:fs'
import type {SchemaFile} from './check.js'

/**
 * The request body schema of one operation (scripts/spec-schemas.mjs writes one file per operation beside this
 * module, in src/ and in dist/), or undefined when its body is not JSON. Only this operation's file is read.
 */
export async function loadSchema(version: string, operationId: string): Promise<SchemaFile | undefined> {
  // Both come from the generated route table; checked anyway, as they name a file.
  if (!/^v\d$/.test(version) || !/^[A-Za-z0-9_-]+$/.test(operationId)) return undefined
  let text: string
  try {
    // Synchronous: the call waits for it, and one read costs less than fs/promises' four trips to the thread pool.
    text = readFileSync(new URL(`./schemas/${version}/${operationId}.json`, import.meta.url), 'utf8')
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return JSON.parse(text) as SchemaFile
}
