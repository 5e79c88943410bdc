import {loadTarget} from '../credentials/load.js'
import type {Env, IO} from '../io.js'
import {loadOperations} from '../spec/index.js'
import {loadExtras} from '../spec/details.js'
import {operationName, v2IdSet} from './names.js'
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
  apiUrl?: string
  profile?: string
  json: boolean
}

/** Runs `ddcli api show`: resolves the operation(s), then prints their details as text or JSON. */
export async function runApiShow(options: ApiShowOptions, deps: {io: IO, env: Env}): Promise<void> {
  const {site, apiUrl} = loadTarget({site: options.site, apiUrl: options.apiUrl, profile: options.profile}, deps.env)
  const ops = await loadOperations()
  const v2Ids = v2IdSet(ops)
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
