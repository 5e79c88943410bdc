import {METHODS} from '../http/request.js'
import type {Operation} from '../spec/index.js'
import {pathSegments} from '../spec/suggest.js'

const isParam = (segment: string) => segment.startsWith('{') && segment.endsWith('}')

/** Candidates that start with `word`: case-sensitively if any do, else case-insensitively; sorted, no duplicates. */
export function byPrefix(values: Iterable<string>, word: string): string[] {
  const all = [...new Set(values)]
  let found = all.filter((value) => value.startsWith(word))
  if (found.length === 0) found = all.filter((value) => value.toLowerCase().startsWith(word.toLowerCase()))
  return found.sort()
}

/**
 * HTTP methods and operationIds for the first argument of ddcli call. `v1:`/`v2:` forms only once the word starts
 * with one, since plain ids already resolve (to v2 when both specs have the id).
 */
export function operationCandidates(ops: readonly Operation[], word: string): string[] {
  const version = /^(v[12]):/i.exec(word)?.[1]?.toLowerCase()
  if (version) return byPrefix(ops.filter((op) => op.version === version).map((op) => `${version}:${op.operationId}`), word)
  return byPrefix([...METHODS, ...ops.map((op) => op.operationId)], word)
}

/**
 * Path candidates one segment at a time: `/api/v1/mon` gives `/api/v1/monitor` (a whole path) and `/api/v1/monitor/`
 * (longer paths go on). Typed segments match a template's literal or any `{param}`; a `{param}` segment is offered as
 * written until the user types a value, which is then kept (unless a literal fits). Only paths taking `method`, if given.
 */
export function pathCandidates(ops: readonly Operation[], word: string, method?: string): string[] {
  if (word !== '' && !word.startsWith('/')) return []
  const typed = word.split('/').slice(1)
  const done = typed.slice(0, -1)
  const partial = typed.at(-1) ?? ''
  const base = word.slice(0, word.length - partial.length) || '/'
  const verb = method?.toUpperCase()
  const out = new Set<string>()
  // Values typed for a `{param}`; offered only when no literal segment fits, or `sea` would hide `search`.
  const typedValues = new Set<string>()
  for (const op of ops) {
    if (verb !== undefined && op.method !== verb) continue
    const template = pathSegments(op.path)
    if (template.length === 0) {
      if (word === '' || word === '/') out.add('/')
      continue
    }
    if (template.length <= done.length) continue
    if (!done.every((segment, i) => segment === template[i] || (isParam(template[i]!) && segment !== ''))) continue
    const next = template[done.length]!
    const more = template.length > done.length + 1 ? '/' : ''
    if (isParam(next) && partial !== '' && !partial.startsWith('{')) typedValues.add(`${base}${partial}${more}`)
    else if (next.startsWith(partial)) out.add(`${base}${next}${more}`)
  }
  return [...(out.size > 0 ? out : typedValues)].sort()
}
