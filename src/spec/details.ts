import type {Operation} from './types.js'

/** A top-level field of an operation's JSON request body (`data.type` one level down for JSON:API bodies). */
export interface BodyField {
  name: string
  type: string
  required: boolean
}

/** What `api show` tells beyond the index: the spec tag, the body's fields, and an example body as compact JSON. */
export interface OperationExtras {
  tag?: string
  fields: readonly BodyField[]
  example?: string
}

type Compact = Record<string, {t?: string, f?: Array<[string, string, 0 | 1]>, e?: string}>

let loading: Promise<Compact> | undefined

/** The extras of one operation; the module (about 200 KB) is imported on first use only, never on the call path. */
export async function loadExtras(op: Operation): Promise<OperationExtras> {
  loading ??= import('./details.generated.js').then((m) => JSON.parse(m.DETAILS_JSON) as Compact)
  const entry = (await loading)[`${op.version}:${op.operationId}`] ?? {}
  return {
    ...(entry.t ? {tag: entry.t} : {}),
    fields: (entry.f ?? []).map(([name, type, required]) => ({name, type, required: required === 1})),
    ...(entry.e ? {example: entry.e} : {}),
  }
}

const kebab = (text: string) => text.toLowerCase().replace(/[^a-z0-9\s-]/g, '').trim().replace(/[\s-]+/g, '-')

/** `https://docs.datadoghq.com/api/latest/monitors/#create-a-monitor`: Datadog's page for the tag, anchored at the summary. */
export function docsUrl(op: Operation, tag: string | undefined): string | undefined {
  if (!tag) return undefined
  const anchor = op.summary.endsWith('…') ? '' : `#${kebab(op.summary)}`
  return `https://docs.datadoghq.com/api/latest/${kebab(tag)}/${anchor}`
}
