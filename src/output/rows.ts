import {compactJson, JsonNumber} from './exact-json.js'

// How a JSON value becomes rows and columns for -o table, csv and tsv: which list a body holds, what a row shows
// of an item, which columns to pick, and how a value reads in a cell.

type Obj = Record<string, unknown>

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber)

/**
 * The value at a dotted path. A key may itself hold dots (`http.status_code`, as Datadog's attributes often do, and as
 * a header shows it): each level tries the nested key first (`http` then `status_code`), then longer dotted keys.
 */
function at(value: unknown, keys: readonly string[]): unknown {
  if (keys.length === 0) return value
  if (!isObject(value)) return undefined
  for (let n = 1; n <= keys.length; n++) {
    const key = n === 1 ? keys[0]! : keys.slice(0, n).join('.')
    if (!Object.hasOwn(value, key)) continue
    const found = at(value[key], keys.slice(n))
    if (found !== undefined) return found
  }
  return undefined
}

/**
 * The list a body holds, or undefined when it holds none: the list field the spec names for the operation
 * (`resultsPath` of its x-pagination, e.g. `data`, `dashboards`), the body itself when it is an array, a JSON:API
 * `data` array, or (`guess`, for a whole body) the only property that is an array of objects in an object without an
 * `id` (`{"monitors":[...],"metadata":{...}}`; a dashboard, with an id and its widgets, stays one object).
 */
export function listOf(value: unknown, resultsPath?: readonly string[], guess = false): unknown[] | undefined {
  if (resultsPath && resultsPath.length > 0) {
    const found = at(value, resultsPath)
    if (Array.isArray(found)) return found
  }
  if (Array.isArray(value)) return value
  if (!isObject(value)) return undefined
  if (Array.isArray(value.data)) return value.data
  if (!guess || 'id' in value) return undefined
  const lists = Object.values(value).filter((item): item is unknown[] => Array.isArray(item) && (item.length === 0 || isObject(item[0])))
  return lists.length === 1 ? lists[0] : undefined
}

/**
 * What a row shows of an item: a JSON:API resource as `id`, `type` and its attributes side by side; any other object
 * as it is; anything else as one `value`.
 */
export function rowView(item: unknown): Obj {
  if (!isObject(item)) return {value: item}
  if (isObject(item.attributes) && (Object.hasOwn(item, 'id') || Object.hasOwn(item, 'type'))) {
    // Defined, not assigned, and checked with hasOwn: an attribute named `__proto__`, `constructor` or `toString` is
    // a column like any other, not the view's prototype or a key it seems to have already.
    const view: Obj = {}
    const put = (key: string, value: unknown) => Object.defineProperty(view, key, {value, enumerable: true, writable: true, configurable: true})
    if (Object.hasOwn(item, 'id')) put('id', item.id)
    if (Object.hasOwn(item, 'type')) put('type', item.type)
    for (const [key, value] of Object.entries(item.attributes)) if (!Object.hasOwn(view, key)) put(key, value)
    return view
  }
  return item
}

/** A single object as a row: a JSON:API document's `data` resource, or the object itself. */
export function objectView(value: Obj): Obj {
  return isObject(value.data) ? rowView(value.data) : rowView(value)
}

/** A column path (`name`, `attributes.email`, `creator.handle`): looked up in the row's view, then in the raw item. */
export function cellValue(view: Obj, item: unknown, path: readonly string[]): unknown {
  const fromView = at(view, path)
  return fromView === undefined ? at(item, path) : fromView
}

const isScalar = (value: unknown) => value === null || value instanceof JsonNumber || typeof value !== 'object'

/**
 * Columns from the keys of the first rows, in the order first seen: `id` and `type` first, then keys whose values are
 * scalars, then the others (shown as compact JSON); at most `limit`. Also returns how many there were in all.
 */
export function chooseColumns(views: readonly Obj[], limit = Infinity): {columns: string[], total: number} {
  const keys: string[] = []
  const nested = new Set<string>()
  for (const view of views) {
    for (const [key, value] of Object.entries(view)) {
      if (!keys.includes(key)) keys.push(key)
      if (!isScalar(value)) nested.add(key)
    }
  }
  const first = ['id', 'type'].filter((key) => keys.includes(key) && !nested.has(key))
  const ordered = [...first, ...keys.filter((key) => !first.includes(key) && !nested.has(key)), ...keys.filter((key) => !first.includes(key) && nested.has(key))]
  return {columns: ordered.slice(0, limit), total: ordered.length}
}

/** How a value reads in a cell: nothing for null or absent, strings as they are, numbers as written, else compact JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (value instanceof JsonNumber) return value.text
  if (typeof value !== 'object') return String(value)
  return compactJson(value)
}
