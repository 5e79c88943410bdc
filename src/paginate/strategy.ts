import type {Pagination} from '../spec/index.js'

/** Where a pagination parameter lives: a literal query key (`page[cursor]`) or a path in the JSON body. */
export type ParamLocation = {in: 'query', name: string} | {in: 'body', path: string[]}

/** How to walk a list: from the operation's x-pagination, or by following what the response offers. */
export type Strategy =
  | {kind: 'cursor', cursor: ParamLocation, cursorPath: string[], limit?: ParamLocation, limitDefault?: number, limitMax?: number, results: string[]}
  | {kind: 'offset', offset: ParamLocation, limit: ParamLocation, limitDefault?: number, limitMax?: number, results: string[]}
  | {kind: 'page', page: ParamLocation, limit: ParamLocation, limitDefault?: number, limitMax?: number, pageStart: number, results: string[]}
  | {kind: 'follow'}

/** `body.page.cursor` is a path in the request body; anything else a query key, written as in the spec. */
export function paramLocation(spec: string): ParamLocation {
  return spec.startsWith('body.') ? {in: 'body', path: spec.slice(5).split('.')} : {in: 'query', name: spec}
}

const path = (dotted: unknown) => (typeof dotted === 'string' && dotted !== '' ? dotted.split('.') : [])

/** The strategy of an operation's x-pagination; undefined when it names none of the three styles. */
export function strategyOf(pagination: Pagination): Strategy | undefined {
  const p = pagination
  const limit = typeof p.limitParam === 'string' ? paramLocation(p.limitParam) : undefined
  const limitDefault = typeof p.limitDefault === 'number' ? p.limitDefault : undefined
  const limitMax = typeof p.limitMax === 'number' && p.limitMax >= 1 ? p.limitMax : undefined
  const results = path(p.resultsPath)
  if (typeof p.cursorParam === 'string' && typeof p.cursorPath === 'string') {
    return {kind: 'cursor', cursor: paramLocation(p.cursorParam), cursorPath: path(p.cursorPath), limit, limitDefault, limitMax, results}
  }
  if (typeof p.pageOffsetParam === 'string' && limit) {
    return {kind: 'offset', offset: paramLocation(p.pageOffsetParam), limit, limitDefault, limitMax, results}
  }
  if (typeof p.pageParam === 'string' && limit) {
    return {kind: 'page', page: paramLocation(p.pageParam), limit, limitDefault, limitMax, pageStart: typeof p.pageStart === 'number' ? p.pageStart : 0, results}
  }
  return undefined
}

/** The value at a dotted path of a parsed JSON value. */
export function valueAt(value: unknown, keys: readonly string[]): unknown {
  let at = value
  for (const key of keys) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, key)) return undefined
    at = (at as Record<string, unknown>)[key]
  }
  return at
}

/** The cursor of the next page in a response, as Datadog writes it in lists the index does not know. */
export type Follow = {kind: 'cursor', cursor: string} | {kind: 'link', href: string}

/** What a page of an unknown list offers to go on: `meta.page.after`, `meta.pagination.next_cursor`, or `links.next`. */
export function followOf(page: unknown): Follow | undefined {
  for (const keys of [['meta', 'page', 'after'], ['meta', 'pagination', 'next_cursor']]) {
    const cursor = valueAt(page, keys)
    if (typeof cursor === 'string' && cursor !== '') return {kind: 'cursor', cursor}
  }
  const next = valueAt(page, ['links', 'next'])
  return typeof next === 'string' && next !== '' ? {kind: 'link', href: next} : undefined
}

/** Where the items of a page of an unknown list are: `data` when it is an array, else the body when it is one. */
export function followResults(page: unknown): string[] | undefined {
  if (Array.isArray(valueAt(page, ['data']))) return ['data']
  return Array.isArray(page) ? [] : undefined
}

/** How to resume from where a walk stopped, as the -f flag to add (`-f 'page[cursor]=abc'`). */
export function resumeFlag(location: ParamLocation, value: string | number): string {
  const key = location.in === 'query' ? location.name : location.path.map((k, i) => (i === 0 ? k : `[${k}]`)).join('')
  return `-f '${`${key}=${value}`.replace(/'/g, `'\\''`)}'`
}
