import {cutShort} from '../closest.js'
import {isStdinPath} from './body-read.js'

/** One `-f key=value` (typed: false) or `-F key=value` (typed: true) flag, split but not yet converted. */
export type FieldSpec = {key: string, raw: string, typed: boolean}

/** A field's value after `-F` conversion; `-f` values are strings, but `key[]` alone and `-F key=[]` are an empty array. */
export type FieldValue = string | number | boolean | null | readonly never[]

/** A field with its final value, in the order the flags were given. */
export type ResolvedField = {key: string, value: FieldValue}

/** Where an `@` value is read from: `@path` is a file, `@-` is stdin. */
export type FieldSource = {kind: 'file', path: string} | {kind: 'stdin'}

/** Bad field input; the message says how to fix it and never contains a field's value. */
export class FieldError extends Error {
  override name = 'FieldError'
}

/** Splits `key=value` on the first `=`; the key is kept exactly as given. `key[]` alone (as with gh) is `-F key=[]`. */
export function parseFieldArg(arg: string, typed: boolean): FieldSpec {
  const at = arg.indexOf('=')
  if (at === -1 && arg.length > 2 && arg.endsWith('[]')) return {key: arg.slice(0, -2), raw: '[]', typed: true}
  if (at === -1) throw new FieldError(`field "${arg}" has no "=": write key=value, or key[] for an empty array`)
  if (at === 0) throw new FieldError('field key is empty (the argument starts with "="): write key=value')
  return {key: arg.slice(0, at), raw: arg.slice(at + 1), typed}
}

// JSON's number grammar: no hex, no `+`, no leading zeros (`012` stays a string, unlike gh api's Atoi, so ids and
// zip codes keep their digits), but fractions and exponents are numbers (gh api converts integers only).
const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/**
 * Converts `-F` values (`true`/`false`/`null`, JSON-syntax numbers, `@path`/`@-` read as a string) in order;
 * `-f` values stay strings. Reader errors propagate unchanged.
 */
export async function resolveFieldValues(
  specs: readonly FieldSpec[],
  readSource: (source: FieldSource) => Promise<string>,
): Promise<ResolvedField[]> {
  // `@-` and stdin's device paths alike: a second read of stdin found it ended and waited for nothing, and the call
  // exited 0 without a word or a request.
  const stdinKeys = specs.filter((spec) => spec.typed && spec.raw.startsWith('@') && isStdinPath(spec.raw.slice(1))).map((spec) => spec.key)
  // Checked before reading anything so a second @- never finds stdin already consumed.
  if (stdinKeys.length > 1) {
    throw new FieldError(`fields "${stdinKeys[0]}" and "${stdinKeys[1]}" both read stdin (@-): stdin can be read once, use @path for the others`)
  }
  const resolved: ResolvedField[] = []
  for (const spec of specs) {
    resolved.push({key: spec.key, value: spec.typed ? await typedValue(spec, readSource) : spec.raw})
  }
  return resolved
}

async function typedValue(spec: FieldSpec, readSource: (source: FieldSource) => Promise<string>): Promise<FieldValue> {
  const {key, raw} = spec
  if (raw.startsWith('@')) {
    const path = raw.slice(1)
    if (path === '') throw new FieldError(`field "${key}" has "@" without a path: write @path or @- for stdin, or use -f for a literal @`)
    return readSource(path === '-' ? {kind: 'stdin'} : {kind: 'file', path})
  }
  if (raw === 'true') return true
  if (raw === 'false') return false
  if (raw === 'null') return null
  if (raw === '[]') return []
  if (!jsonNumber.test(raw)) return raw
  const number = Number(raw)
  // A JS number would silently change 64-bit ids (trace ids) or turn 1e999 into null in the JSON body.
  if (!Number.isFinite(number) || (/^-?\d+$/.test(raw) && !Number.isSafeInteger(number))) {
    throw new FieldError(`field "${key}" is a number too large to send exactly: use -f to send it as a string`)
  }
  return number
}

/** Query parameters for GET/HEAD/DELETE/OPTIONS: keys literal (`filter[query]`), values stringified, repeats kept. */
export function fieldsToQuery(fields: readonly ResolvedField[]): Array<[string, string]> {
  return fields.filter(({value}) => !Array.isArray(value)).map(({key, value}) => [key, String(value)])
}

/** Appends encoded query parameters to a path, after any query string it already has. */
export function appendQuery(path: string, query: ReadonlyArray<readonly [string, string]>): string {
  if (query.length === 0) return path
  const encoded = query.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')
  if (!path.includes('?')) return `${path}?${encoded}`
  return path.endsWith('?') || path.endsWith('&') ? `${path}${encoded}` : `${path}&${encoded}`
}

type Node = Record<string, unknown>

/**
 * JSON body for POST/PUT/PATCH: `a[b]=v` nests, `a[]=v` appends, and `a[][b]=v` sets b in the last object of a,
 * starting a new object when that one cannot take the field (b already set). Objects have a null prototype so
 * a `__proto__` key is plain data.
 */
export function fieldsToBody(fields: readonly ResolvedField[]): Record<string, unknown> {
  const root: Node = Object.create(null)
  const origins = new WeakMap<Node, Map<string, string>>()
  for (const {key, value} of fields) place(root, keyPath(key), value, key, origins)
  return root
}

/** Deepest nesting of a body key (`a[b][c]` is 3 levels): deeper is a typo or an attack, not a Datadog payload. */
export const MAX_KEY_DEPTH = 32

/** A key as shown in a message: at most 60 characters, never cut inside a word (a secret is masked only whole). */
function shown(key: string): string {
  return cutShort(key, 60)
}

// Segments of `a[b][]`: ['a', 'b', ''], where '' means "append to an array".
function keyPath(key: string): string[] {
  if (key.split('[').length - 1 > MAX_KEY_DEPTH) {
    throw new FieldError(`field "${shown(key)}" nests more than ${MAX_KEY_DEPTH} levels; flatten it, or send the body with --input FILE`)
  }
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key)
  if (!match?.[1]) {
    throw new FieldError(`field "${key}" has malformed brackets: write name, name[key], name[] or combinations like name[][key]`)
  }
  const segments = [match[1], ...[...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '')]
  if (segments.some((segment, i) => segment === '' && segments[i + 1] === '')) {
    throw new FieldError(`field "${key}" puts an array directly in an array, which is not supported: use name[][key] for a list of objects`)
  }
  return segments
}

function place(root: Node, segments: string[], value: FieldValue, key: string, origins: WeakMap<Node, Map<string, string>>): void {
  let node = root
  const claim = (name: string): void => {
    const owners = origins.get(node) ?? new Map<string, string>()
    origins.set(node, owners)
    if (!owners.has(name)) owners.set(name, key)
  }
  const conflict = (name: string, upTo: number, kind: string): FieldError => {
    const other = origins.get(node)?.get(name) ?? name
    const where = render(segments.slice(0, upTo + 1))
    // The same key again can only collide at its own leaf.
    if (other === key) {
      return new FieldError(`field "${key}" is given twice: give each key once, or use ${where}[] for a list`)
    }
    return new FieldError(`field "${key}" conflicts with "${other}": ${where} is already ${kind}; drop one of them or rename one`)
  }
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i] ?? ''
    const next = segments[i + 1]
    const present = Object.hasOwn(node, name)
    const existing = node[name]
    if (next === undefined) {
      // `key[]` alone after `key[]=v`: the array is already there.
      if (present && Array.isArray(value) && value.length === 0 && Array.isArray(existing)) return
      if (present) throw conflict(name, i, kindOf(existing))
      node[name] = value
      claim(name)
      return
    }
    if (next === '') {
      if (present && !Array.isArray(existing)) throw conflict(name, i, kindOf(existing))
      const list: unknown[] = Array.isArray(existing) ? existing : []
      if (!present) node[name] = list
      claim(name)
      const rest = segments.slice(i + 2)
      if (rest.length === 0) {
        list.push(value)
        return
      }
      const last = list.at(-1)
      let element: Node
      if (isNode(last) && fits(last, rest)) {
        element = last
      } else {
        element = Object.create(null)
        list.push(element)
      }
      node = element
      i += 1
      continue
    }
    if (present && !isNode(existing)) throw conflict(name, i, kindOf(existing))
    const child: Node = isNode(existing) ? existing : Object.create(null)
    if (!present) node[name] = child
    claim(name)
    node = child
  }
}

// Whether `segments` can be set inside `node` without overwriting or re-typing anything already there.
function fits(node: Node, segments: string[]): boolean {
  const [name = '', next, ...rest] = segments
  if (!Object.hasOwn(node, name)) return true
  const existing = node[name]
  if (next === undefined) return false
  if (next === '') return Array.isArray(existing)
  return isNode(existing) && fits(existing, [next, ...rest])
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

function render(segments: string[]): string {
  return segments.map((segment, i) => (i === 0 ? segment : `[${segment}]`)).join('')
}
