import {loadSite} from '../credentials/load.js'
import type {Env, IO} from '../io.js'
import {loadOperations} from '../spec/index.js'
import {operationDetail} from './detail.js'
import {writeJson} from './list.js'
import {showText} from './render-show.js'
import {resolveOperations} from './resolve.js'
import {chalkAt} from '../output/color.js'

/** What `ddcli api show` was asked. */
export interface ApiShowOptions {
  target: string
  path?: string
  site?: string
  json: boolean
}

/** Runs `ddcli api show`: resolves the operation(s), then prints their details as text or JSON. */
export async function runApiShow(options: ApiShowOptions, deps: {io: IO, env: Env}): Promise<void> {
  const site = loadSite({site: options.site}, deps.env).value
  const ops = await loadOperations()
  const details = resolveOperations(ops, options.target, options.path).map((op) => operationDetail(op, site))
  if (options.json) {
    await writeJson(details, deps.io)
    return
  }
  const chalk = await chalkAt(deps.io.colorOut)
  deps.io.stdout.write(details.map((detail) => showText(detail, chalk)).join('\n'))
}
