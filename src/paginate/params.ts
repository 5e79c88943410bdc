import type {ParamLocation} from './strategy.js'

/** One page's request: the URL, and the JSON body when the list takes one (cursors in `body.page.cursor`). */
export interface PageRequest {
  url: URL
  body?: Record<string, unknown>
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '))
  } catch {
    return part
  }
}

/** A query parameter by its decoded key (`page[cursor]` matches `page%5Bcursor%5D`); the last one wins. */
function queryValue(url: URL, name: string): string | undefined {
  let value: string | undefined
  for (const pair of url.search.slice(1).split('&')) {
    const eq = pair.indexOf('=')
    if (decode(eq === -1 ? pair : pair.slice(0, eq)) === name) value = eq === -1 ? '' : decode(pair.slice(eq + 1))
  }
  return value
}

/**
 * The URL with one query parameter set: replaced where it was (every copy), appended otherwise. The rest of the
 * query string is kept byte for byte, unlike URLSearchParams, which would re-encode it.
 */
function withQuery(url: URL, name: string, value: string): URL {
  const encoded = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`
  const pairs = url.search === '' ? [] : url.search.slice(1).split('&')
  let done = false
  const out: string[] = []
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    if (decode(eq === -1 ? pair : pair.slice(0, eq)) !== name) out.push(pair)
    else if (!done) {
      out.push(encoded)
      done = true
    }
  }
  if (!done) out.push(encoded)
  const next = new URL(url.href)
  next.search = `?${out.join('&')}`
  return next
}

/** A parameter's current value in the request, as a string or number; undefined when not set. */
export function paramValue(request: PageRequest, location: ParamLocation): string | number | undefined {
  if (location.in === 'query') return queryValue(request.url, location.name)
  let at: unknown = request.body
  for (const key of location.path) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined
    at = (at as Record<string, unknown>)[key]
  }
  return typeof at === 'string' || typeof at === 'number' ? at : undefined
}

/** The request with one parameter set; body objects on the way are created (copies: the input is not changed). */
export function withParam(request: PageRequest, location: ParamLocation, value: string | number): PageRequest {
  if (location.in === 'query') return {...request, url: withQuery(request.url, location.name, String(value))}
  const root: Record<string, unknown> = {...request.body}
  let node = root
  location.path.forEach((key, i) => {
    if (i === location.path.length - 1) {
      node[key] = value
      return
    }
    const child = node[key]
    const copy: Record<string, unknown> = typeof child === 'object' && child !== null && !Array.isArray(child) ? {...child as Record<string, unknown>} : {}
    node[key] = copy
    node = copy
  })
  return {...request, body: root}
}
