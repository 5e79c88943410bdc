import {loadTarget} from '../credentials/load.js'
import type {Env, IO} from '../io.js'
import {loadOperations, type Operation} from '../spec/index.js'
import {loadExtras} from '../spec/details.js'
import {operationName, v2IdSet} from './names.js'
import {operationDetail} from './detail.js'
import {writeJson} from './list.js'
import {showText} from './render-show.js'
import {resolveOperations} from './resolve.js'
import {chalkAt} from '../output/color.js'
import {UsageError} from '../errors.js'
import {damagedSchemaLine} from '../call/validate.js'

/** What `ddcli api show` was asked. */
export interface ApiShowOptions {
  target: string
  path?: string
  site?: string
  apiUrl?: string
  profile?: string
  json: boolean
  /** Print the request body's schema as an outline instead (with --json: the schema itself). */
  schema?: boolean
}

/** Runs `ddcli api show`: resolves the operation(s), then prints their details as text or JSON. */
export async function runApiShow(options: ApiShowOptions, deps: {io: IO, env: Env, schemas?: URL}): Promise<void> {
  const {site, apiUrl} = loadTarget({site: options.site, apiUrl: options.apiUrl, profile: options.profile}, deps.env)
  const ops = await loadOperations()
  const v2Ids = v2IdSet(ops)
  if (options.schema) {
    await showSchemas(resolveOperations(ops, options.target, options.path).map((op) => ({op, name: operationName(op, v2Ids)})), options.json, deps.io, deps.schemas)
    return
  }
  const targetFlags = [['--site', options.site], ['--api-url', options.apiUrl], ['--profile', options.profile]].flatMap(([flag, value]) => (value ? [flag!, value] : []))
  const details = await Promise.all(resolveOperations(ops, options.target, options.path).map(async (op) => operationDetail(op, site.value, {
    apiUrl: apiUrl.origin === 'default' ? undefined : apiUrl,
    name: operationName(op, v2Ids),
    extras: await loadExtras(op),
    targetFlags,
  })))
  if (options.json) {
    await writeJson(details, deps.io)
    return
  }
  const chalk = await chalkAt(deps.io.colorOut)
  deps.io.stdout.write(details.map((detail) => showText(detail, chalk)).join('\n'))
}

/**
 * `api show --schema`: each operation's request body schema (loaded per operation, from `dir` if given: tests), as an
 * outline or as JSON. A schema file that is there but is not one (cut short, a folder, a fifo) is a damaged install,
 * said as the body check says it (src/call/validate.ts), before anything is printed.
 */
async function showSchemas(ops: Array<{op: Operation, name: string}>, json: boolean, io: IO, dir?: URL): Promise<void> {
  const [{loadSchema}, {schemaOutline}] = await Promise.all([import('../spec/schemas.js'), import('./render-schema.js')])
  const files = await Promise.all(ops.map(async ({op, name}) => {
    try {
      return {name, file: await loadSchema(op.version, op.operationId, dir)}
    } catch {
      throw new UsageError(damagedSchemaLine(name))
    }
  }))
  if (json) {
    await writeJson(files.map(({name, file}) => ({name, ...(file ? {schema: file.body, definitions: file.defs} : {schema: null})})), io)
    return
  }
  io.stdout.write(files.map(({name, file}) => (file ? schemaOutline(name, file) : `${name} takes no JSON request body\n`)).join('\n'))
}
