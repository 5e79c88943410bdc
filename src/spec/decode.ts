import {templateParams} from './match.js'
import type {ApiVersion, Operation, Pagination, Param, ServerOverride, ServerVariable} from './types.js'

type Extras = {q?: string[]; qr?: string[]; ct?: number; pg?: number; u?: number | true; d?: 1; x?: string; sv?: number}
type Row = [id: string, method: string, path: string, summary: string, security: number, extras?: Extras]
type CompactServer = {u: string; v: Record<string, {d: string; e?: string[]}>}
interface Compact {
  t: {sec: string[][][]; ct: string[][]; pg: Pagination[]; un: string[]; sv: CompactServer[]}
  v1: Row[]
  v2: Row[]
}

const NONE: readonly never[] = []

function server(compact: CompactServer): ServerOverride {
  const variables: Record<string, ServerVariable> = {}
  for (const [name, v] of Object.entries(compact.v)) variables[name] = v.e ? {default: v.d, enum: v.e} : {default: v.d}
  return {url: compact.u, variables}
}

function queryParams(names: readonly string[], required: readonly string[]): Param[] {
  const out: Param[] = []
  for (let i = 0; i < names.length; i++) out.push({name: names[i]!, required: required.includes(names[i]!)})
  return out
}

/** Expands the compact JSON written by scripts/gen-spec.mjs (its format is described there) into operations. */
export function decodeOperations(json: string): Operation[] {
  // Plain indexed loops: this runs once per process, in cold code, where destructuring the rows measured ~5 ms slower.
  const compact = JSON.parse(json) as Compact
  const t = compact.t
  const servers = t.sv.map(server)
  const ops: Operation[] = []
  for (const version of ['v1', 'v2'] as const satisfies readonly ApiVersion[]) {
    const rows = compact[version]
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!
      const x = row[5] ?? {}
      const path = row[2]
      const op: Operation = {
        version,
        operationId: row[0],
        method: row[1],
        path,
        summary: row[3],
        pathParams: path.includes('{') ? templateParams(path) : NONE,
        queryParams: x.q ? queryParams(x.q, x.qr ?? NONE) : NONE,
        security: t.sec[row[4]]!,
        deprecated: x.d === 1,
        requestContentTypes: x.ct === undefined ? NONE : t.ct[x.ct]!,
      }
      if (x.sv !== undefined) op.server = servers[x.sv]!
      if (x.pg !== undefined) op.pagination = t.pg[x.pg]!
      if (x.u !== undefined) op.unstable = x.u === true ? true : t.un[x.u]!
      if (x.x !== undefined) op.sunset = x.x
      ops.push(op)
    }
  }
  return ops
}
