import {closest, cutShort} from '../closest.js'

/** One node of a request body schema in the compact form scripts/spec-schemas.mjs writes (OpenAPI 3.0 keywords). */
export interface Schema {
  $ref?: string
  type?: string
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
  items?: Schema
  enum?: unknown[]
  nullable?: boolean
  readOnly?: boolean
  oneOf?: Schema[]
  anyOf?: Schema[]
  allOf?: Schema[]
  discriminator?: {propertyName: string, mapping?: Record<string, string>}
  minimum?: number
  maximum?: number
  exclusiveMinimum?: boolean
  exclusiveMaximum?: boolean
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  format?: string
}

/** An operation's request body schema and the definitions it refers to by name. */
export interface SchemaFile {
  body: Schema
  defs: Record<string, Schema>
}

/** One finding: where (a JSON pointer), what the spec expects there, what was given, and a close name if any. */
export interface Finding {
  /** `unknown`: a property name the schema does not list; `value`: a value the schema does not allow. */
  kind?: 'unknown'
  pointer: string
  expected: string
  given: string
  suggestion?: string
}

/** Errors break the spec (the request is not sent); warnings name properties the spec does not know (it is). */
export interface CheckResult {
  errors: Finding[]
  warnings: Finding[]
}

/** A result being gathered; `probe`: stop at the first error and build no text for it (warnings are kept whole). */
interface Gathering extends CheckResult {
  probe?: boolean
}

const PROBED: Finding = {pointer: '', expected: '', given: ''}

export const TYPE_ANY = 0
export const TYPE_OBJECT = 1
export const TYPE_ARRAY = 2
export const TYPE_STRING = 3
export const TYPE_NUMBER = 4
export const TYPE_INTEGER = 5
export const TYPE_BOOLEAN = 6
export const TYPE_NULL = 7
const TYPE_CODES: Record<string, number> = {object: TYPE_OBJECT, array: TYPE_ARRAY, string: TYPE_STRING, number: TYPE_NUMBER, integer: TYPE_INTEGER, boolean: TYPE_BOOLEAN, null: TYPE_NULL}

export const INT32 = 2 ** 31
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** A surrogate pair: one character (code point) in two UTF-16 units. */
export const SURROGATE_PAIRS = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g

/**
 * A string's length in characters (code points), as minLength and maxLength count it: `[...text].length` without
 * building an array of every character (for a 2 MiB string field, 2 million strings and an array to hold them).
 * A lone surrogate counts as one, as the string iterator gives it. Its source is written into every verdict function
 * (src/spec/verdict-source.ts), beside SURROGATE_PAIRS: it uses nothing else.
 */
export function codePoints(text: string): number {
  const pairs = text.match(SURROGATE_PAIRS)
  return pairs === null ? text.length : text.length - pairs.length
}
const ENUM_SHOWN = 8
/**
 * How many keys deep a value is checked: deeper is refused with one finding. The checker recurses, and a dashboard's
 * group widgets nest without end in the schema: 500 nested groups overflowed the stack ("unexpected error", exit 1).
 */
export const MAX_DEPTH = 256

/**
 * Checks a parsed JSON body against an operation's schema with OpenAPI 3.0 semantics: `nullable`, `readOnly`
 * properties never required of a request, `discriminator` (with or without a mapping), and `oneOf` read as `anyOf`
 * (the specs' branches overlap: Datadog accepts a body that several of them describe).
 */
export function checkBody(file: SchemaFile, value: unknown): CheckResult {
  const result: CheckResult = {errors: [], warnings: []}
  const checker = new Checker(file.defs)
  checker.check(checker.node(file.body), value, result)
  return result
}

/**
 * An operation's schema compiled into the checker's nodes, for scripts/verdicts.mjs, which writes a checking
 * function from them (src/spec/verdict-source.ts): `node` compiles any schema of the file, such as a discriminator's
 * target, as the checker does.
 */
export function compileSchema(file: SchemaFile): {root: Node, node: (schema: Schema) => Node} {
  const checker = new Checker(file.defs)
  return {root: checker.node(file.body), node: (schema) => checker.node(schema)}
}

/** A short, single-line form of a given value. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (value !== null && typeof value === 'object') return 'an object'
  // JSON.parse reads 1e400 as Infinity, which JSON.stringify would show as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return `a number too large to hold (read as ${value})`
  const text = JSON.stringify(value)
  if (text.length <= 60) return text
  // Never part of a word: a configured key is masked only whole.
  return typeof value === 'string' ? `${JSON.stringify(cutShort(value, 55))} (${codePoints(value)} characters)` : cutShort(text, 60)
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * A schema node compiled once, on first use, into one fixed shape: $refs resolved, allOf parts' object keywords
 * merged, oneOf/anyOf branches flattened and indexed by the property they pin (a widget's `type`), required names
 * without the readOnly ones. Checking a large body then reads the same few fields of the same shape on every value.
 */
export interface Node {
  schema: Schema
  type: string | undefined
  /** The type as a number the checker compares without a call (TYPE_ANY when the schema names none). */
  kind: number
  nullable: boolean
  enum: unknown[] | undefined
  allOf: Node[] | undefined
  branches: Node[] | undefined
  discriminator: Schema['discriminator']
  /** The branches to try by the value of the property most of them pin (BranchIndex); null when none pins one. */
  index: BranchIndex | null | undefined
  /** Properties this node pins to one enum value. */
  pins: Array<[string, unknown]>
  properties: Map<string, Schema>
  /** Properties' compiled nodes, by name, as first reached. */
  children: Map<string, Node>
  required: string[]
  closed: boolean
  open: Schema | undefined
  named: boolean
  items: Node | undefined
  /** Any bound or format to check on a number, string or array. */
  bounded: boolean
  /**
   * A node that asks of its value a type and at most an enum, and nothing of what is inside it: the checker tests
   * such a value in place (leafPasses) and calls check() only to report it. Most values of a large body are these.
   */
  leaf: boolean
}

/**
 * The branches of a oneOf or anyOf by the value of `tag`, the property most of them pin to one value (a widget's
 * `type`, a query's `data_source`): those that pin it to that value and those that do not pin it, in their order.
 * `exact` lists the values whose branches pin nothing else, so they need no more test.
 */
export interface BranchIndex {
  tag: string
  byValue: Map<unknown, Node[]>
  /** The branches for a value no branch pins the tag to. */
  unpinned: Node[]
  exact: Set<unknown>
}

class Checker {
  private readonly nodes = new Map<Schema, Node>()
  /** The JSON pointer of the value being checked, as keys; a finding's pointer is built from it only when needed. */
  private readonly path: Array<string | number> = []

  /**
   * Did-you-means already worked out, by the candidates and the given value: a body of 100,000 widgets that share one
   * typo (`"type": "timeserie"`) computed the same edit distances 100,000 times (35 s; about 1 s with this).
   */
  private readonly suggestions = new Map<string, {suggestion?: string}>()
  /** tagProblem's pinned values, per oneOf (its branches array). */
  private readonly pinnedBy = new Map<Node[], Map<string, unknown[]>>()

  constructor(private readonly defs: Record<string, Schema>) {}

  suggest(given: unknown, allowed: readonly string[]): {suggestion?: string} {
    if (typeof given !== 'string' || given.length > 200 || allowed.length > 1000) return suggest(given, allowed)
    const key = `${given}\u0000${allowed.join('\u0000')}`
    let found = this.suggestions.get(key)
    if (found === undefined) {
      found = suggest(given, allowed)
      if (this.suggestions.size < 10_000) this.suggestions.set(key, found)
    }
    return found
  }

  resolve(schema: Schema, depth = 0): Schema {
    if (schema.$ref === undefined) return schema
    const target = this.defs[schema.$ref]
    if (!target || depth > 32) return {}
    return this.resolve(target, depth + 1)
  }

  /** The compiled node of a schema (children are compiled when first reached, so recursion is no problem). */
  node(raw: Schema): Node {
    let node = this.nodes.get(raw)
    if (node) return node
    const schema = this.resolve(raw)
    node = this.nodes.get(schema)
    if (node) {
      this.nodes.set(raw, node)
      return node
    }
    const properties = new Map<string, Schema>()
    const required = new Set<string>()
    const view = {closed: false, open: undefined as Schema | undefined, named: false}
    const merge = (part: Schema, depth: number) => {
      for (const name in part.properties ?? {}) {
        properties.set(name, part.properties![name]!)
        view.named = true
      }
      for (const name of part.required ?? []) required.add(name)
      if (part.additionalProperties === false) view.closed = true
      else if (isObject(part.additionalProperties)) view.open = part.additionalProperties
      else if (part.additionalProperties === true) view.open = {}
      if (depth < 8) for (const inner of part.allOf ?? []) merge(this.resolve(inner), depth + 1)
    }
    merge(schema, 0)
    const pins: Array<[string, unknown]> = []
    for (const name in schema.properties ?? {}) {
      const values = this.resolve(schema.properties![name]!).enum
      if (values?.length === 1) pins.push([name, values[0]])
    }
    node = {
      schema, type: schema.type, kind: schema.type === undefined ? TYPE_ANY : (Object.hasOwn(TYPE_CODES, schema.type) ? TYPE_CODES[schema.type]! : TYPE_ANY), nullable: schema.nullable === true || (schema.enum?.includes(null) ?? false), enum: schema.enum,
      allOf: undefined, branches: undefined, discriminator: schema.discriminator, index: undefined, pins, properties, children: new Map(),
      // A readOnly property is required of responses only (OpenAPI 3.0).
      required: [...required].filter((name) => !(properties.has(name) && this.resolve(properties.get(name)!).readOnly)),
      closed: view.closed, open: view.open, named: view.named, items: undefined,
      bounded: schema.minimum !== undefined || schema.maximum !== undefined || schema.minLength !== undefined || schema.maxLength !== undefined
        || schema.minItems !== undefined || schema.maxItems !== undefined || schema.format !== undefined,
      leaf: false,
    }
    this.nodes.set(raw, node)
    this.nodes.set(schema, node)
    if (schema.allOf) node.allOf = schema.allOf.map((part) => this.node(part))
    if (schema.items) node.items = this.node(schema.items)
    const branches = schema.oneOf ?? schema.anyOf
    if (branches) node.branches = this.flatten(branches, 0)
    node.leaf = node.kind !== TYPE_OBJECT && node.kind !== TYPE_ARRAY && !node.allOf && !node.branches && !node.bounded && !node.items
      && !node.named && !node.closed && !node.open && node.required.length === 0 && !node.discriminator
    return node
  }

  /** Branches with a oneOf or anyOf of bare branches replaced by those (a topology map widget is one of two shapes). */
  flatten(branches: Schema[], depth: number): Node[] {
    return branches.flatMap((branch) => {
      const schema = this.resolve(branch)
      const inner = schema.oneOf ?? schema.anyOf
      const bare = !schema.properties && !schema.type && !schema.enum && !schema.allOf && !schema.discriminator
      return inner && bare && depth < 4 ? this.flatten(inner, depth + 1) : [this.node(branch)]
    })
  }

  pointer(extra?: string): string {
    const keys = extra === undefined ? this.path : [...this.path, extra]
    let text = ''
    for (const key of keys) {
      const part = String(key)
      text += `/${part.includes('~') || part.includes('/') ? part.replace(/~/g, '~0').replace(/\//g, '~1') : part}`
    }
    return text
  }

  /** Records an error at the current pointer (or a child of it); a probe records only that there is one. */
  fail(out: Gathering, finding: () => Omit<Finding, 'pointer'>, child?: string): void {
    out.errors.push(out.probe ? PROBED : {pointer: this.pointer(child), ...finding()})
  }

  /** `merged`: an allOf part, whose object keywords the parent checks once over all its parts. */
  check(node: Node, value: unknown, out: Gathering, merged = false): void {
    if (value === null && node.nullable) return
    if (this.path.length > MAX_DEPTH) {
      this.fail(out, () => ({expected: `at most ${MAX_DEPTH} levels of nesting`, given: 'more'}))
      return
    }
    if (node.kind !== TYPE_ANY && !kindMatches(node.kind, value)) {
      this.fail(out, () => ({expected: this.describe(node.schema), given: shown(value)}))
      return
    }
    const allOf = node.allOf
    if (allOf) for (let i = 0; i < allOf.length; i++) this.check(allOf[i]!, value, out, true)
    if (node.branches) this.checkBranches(node, value, out)
    const allowed = node.enum
    if (allowed && !allowed.includes(value)) {
      this.fail(out, () => ({expected: `one of ${enumList(allowed)}`, given: shown(value), ...this.suggest(value, allowed.filter((v): v is string => typeof v === 'string'))}))
      return
    }
    if (typeof value === 'object' && value !== null) {
      if (Array.isArray(value)) this.checkArray(node, value, out)
      else if (!node.branches && !merged) this.checkObject(node, value as Record<string, unknown>, out)
    } else if (node.bounded) {
      if (typeof value === 'number') this.checkNumber(node.schema, value, out)
      else if (typeof value === 'string') this.checkString(node.schema, value, out)
    }
  }

  describe(schema: Schema): string {
    const nullable = schema.nullable ? ' or null' : ''
    if (schema.enum) return `one of ${enumList(schema.enum)}${nullable}`
    if (schema.type === 'array') {
      const items = schema.items ? this.resolve(schema.items) : undefined
      return `an array${items?.type ? ` of ${items.type}` : ''}${nullable}`
    }
    return `${schema.type === 'integer' || schema.type === 'array' || schema.type === 'object' ? 'an' : 'a'} ${schema.type ?? 'value'}${schema.format ? ` (${schema.format})` : ''}${nullable}`
  }

  checkNumber(schema: Schema, value: number, out: Gathering): void {
    const given = String(value)
    if (schema.minimum !== undefined && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)) {
      this.fail(out, () => ({expected: `${schema.exclusiveMinimum ? 'more than' : 'at least'} ${schema.minimum}`, given}))
    }
    if (schema.maximum !== undefined && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)) {
      this.fail(out, () => ({expected: `${schema.exclusiveMaximum ? 'less than' : 'at most'} ${schema.maximum}`, given}))
    }
    if (schema.format === 'int32' && (value < -INT32 || value >= INT32)) {
      this.fail(out, () => ({expected: `an int32 (${-INT32} to ${INT32 - 1})`, given}))
    }
  }

  checkString(schema: Schema, value: string, out: Gathering): void {
    const length = schema.minLength !== undefined || schema.maxLength !== undefined ? codePoints(value) : 0
    if (schema.minLength !== undefined && length < schema.minLength) {
      this.fail(out, () => ({expected: `at least ${schema.minLength} character${schema.minLength === 1 ? '' : 's'}`, given: shown(value)}))
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      this.fail(out, () => ({expected: `at most ${schema.maxLength} characters`, given: `${length} characters`}))
    }
    if (schema.format === 'date-time' && !DATE_TIME.test(value)) {
      this.fail(out, () => ({expected: 'a date-time such as "2026-01-31T12:00:00Z"', given: shown(value)}))
    }
    if (schema.format === 'uuid' && !UUID.test(value)) {
      this.fail(out, () => ({expected: 'a UUID such as "00000000-0000-0000-0000-000000000000"', given: shown(value)}))
    }
  }

  checkArray(node: Node, value: unknown[], out: Gathering): void {
    const schema = node.schema
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      this.fail(out, () => ({expected: `at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`, given: shown(value)}))
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      this.fail(out, () => ({expected: `at most ${schema.maxItems} item${schema.maxItems === 1 ? '' : 's'}`, given: shown(value)}))
    }
    const items = node.items
    if (!items) return
    const path = this.path
    const inPlace = items.leaf && path.length < MAX_DEPTH
    for (let index = 0; index < value.length; index++) {
      if (out.probe && out.errors.length > 0) return
      if (inPlace && leafPasses(items, value[index])) continue
      path.push(index)
      this.check(items, value[index], out)
      path.pop()
    }
  }

  checkObject(node: Node, value: Record<string, unknown>, out: Gathering): void {
    const required = node.required
    for (let i = 0; i < required.length; i++) {
      const name = required[i]!
      if (Object.hasOwn(value, name)) continue
      const child = node.properties.get(name)
      this.fail(out, () => ({expected: `${child ? this.describe(this.resolve(child)) : 'a value'} (required)`, given: 'nothing'}), name)
    }
    const path = this.path
    const names = Object.keys(value)
    for (let i = 0; i < names.length; i++) {
      if (out.probe && out.errors.length > 0) return
      const name = names[i]!
      let child = node.children.get(name)
      if (child === undefined) {
        const property = node.properties.get(name) ?? node.open
        if (property) {
          child = this.node(property)
          node.children.set(name, child)
        }
      }
      if (child) {
        const item = value[name]
        if (child.leaf && leafPasses(child, item) && path.length < MAX_DEPTH) continue
        path.push(name)
        this.check(child, item, out)
        path.pop()
        continue
      }
      if (!node.closed && !node.named) continue
      if (out.probe && node.closed) {
        out.errors.push(PROBED)
        return
      }
      const known = [...node.properties.keys()]
      const finding: Finding = {kind: 'unknown', pointer: this.pointer(name), expected: propertyList(known), given: JSON.stringify(name), ...this.suggest(name, known.filter((k) => !Object.hasOwn(value, k)))}
      if (node.closed) out.errors.push(finding)
      else out.warnings.push(finding)
    }
  }

  /**
   * oneOf and anyOf: the value passes when a branch passes (its warnings are kept). Otherwise the problems reported
   * are those of the branch the discriminator names, else of the closest branch: one whose enum-valued properties
   * (a `type: "timeseries"`) all match, with the fewest errors.
   */
  checkBranches(node: Node, value: unknown, out: Gathering): void {
    const chosen = this.discriminated(node, value, out)
    if (chosen === null) return
    const all = chosen ? [chosen] : node.branches!
    // A branch whose pinned values (`type: "note"`) the value contradicts cannot pass: the rest are tried as probes
    // (stopping at the first error, with no text built); only when none passes are they checked again for the report.
    const candidates = all.length > 1 ? this.candidates(node, all, value) : all
    const probe: Gathering = {errors: [], warnings: [], probe: true}
    for (let i = 0; i < candidates.length; i++) {
      this.check(candidates[i]!, value, probe)
      if (probe.errors.length === 0) {
        for (let w = 0; w < probe.warnings.length; w++) out.warnings.push(probe.warnings[w]!)
        return
      }
      probe.errors.length = 0
      probe.warnings.length = 0
    }
    if (out.probe) {
      out.errors.push(PROBED)
      return
    }
    let best: {result: CheckResult, score: number} | undefined
    for (const branch of all) {
      const mismatch = tagMismatch(branch, value)
      if (mismatch > 0 && all.length > 1 && best) continue
      const result: CheckResult = {errors: [], warnings: []}
      this.check(branch, value, result)
      const wrongType = branch.kind !== TYPE_ANY && !kindMatches(branch.kind, value) ? 1 : 0
      const score = wrongType * 1e6 + mismatch * 1000 + result.errors.length
      if (!best || score < best.score) best = {result, score}
    }
    // Every branch disagrees on a tag property: name the property and every value the branches allow.
    const tag = all.length > 1 ? this.tagProblem(all, value) : undefined
    if (tag) out.errors.push(tag)
    else if (best) out.errors.push(...best.result.errors)
  }

  /**
   * The branches whose pinned values the value does not contradict. Where every branch pins the same property (a
   * widget's `type`), they are looked up by its value in an index built once per oneOf.
   */
  candidates(node: Node, all: Node[], value: unknown): Node[] {
    if (node.index === undefined) node.index = branchIndex(all)
    const index = node.index
    if (index && isObject(value) && Object.hasOwn(value, index.tag)) {
      const tag = value[index.tag]
      const byTag = index.byValue.get(tag) ?? index.unpinned
      return index.exact.has(tag) ? byTag : keepMatching(byTag, value)
    }
    return keepMatching(all, value)
  }

  /** The branch a discriminator names, undefined without one, null when the discriminator's problem was reported. */
  discriminated(node: Node, value: unknown, out: Gathering): Node | undefined | null {
    const property = node.discriminator?.propertyName
    if (!property || !isObject(value)) return undefined
    // The value's own property only: a propertyName such as `constructor` must not read Object.prototype's.
    const tag = Object.hasOwn(value, property) ? value[property] : undefined
    const branches = node.schema.oneOf ?? node.schema.anyOf ?? []
    const names = new Set(branches.flatMap((branch) => (branch.$ref ? [branch.$ref] : [])))
    const mapping = node.discriminator?.mapping ?? {}
    const allowed = Object.keys(mapping).length > 0 ? Object.keys(mapping) : [...names]
    // Own keys only: a tag of `constructor` or `__proto__` must not find Object.prototype's members in the mapping.
    const target = typeof tag === 'string' ? (Object.hasOwn(mapping, tag) ? mapping[tag] : (names.has(tag) ? tag : undefined)) : undefined
    if (target !== undefined) return this.node({$ref: target})
    this.fail(out, () => ({expected: `one of ${enumList(allowed)}${tag === undefined ? ' (required)' : ''}`, given: shown(tag), ...this.suggest(tag, allowed)}), property)
    return null
  }

  /** A property most branches pin to one value (`type`), when the value's matches none: one finding listing them. */
  tagProblem(branches: Node[], value: unknown): Finding | undefined {
    if (!isObject(value)) return undefined
    let pinned = this.pinnedBy.get(branches)
    if (!pinned) {
      pinned = new Map<string, unknown[]>()
      for (const branch of branches) for (const [name, only] of branch.pins) pinned.set(name, [...(pinned.get(name) ?? []), only])
      this.pinnedBy.set(branches, pinned)
    }
    for (const [name, allowed] of pinned) {
      const given = Object.hasOwn(value, name) ? value[name] : undefined
      if (allowed.length * 2 < branches.length || allowed.includes(given)) continue
      return {pointer: this.pointer(name), expected: `one of ${enumList([...new Set(allowed)])}`, given: shown(given), ...this.suggest(given, allowed.filter((v): v is string => typeof v === 'string'))}
    }
    return undefined
  }
}

/** Whether a value passes a leaf node (Node.leaf): check() would find nothing in it. */
function leafPasses(node: Node, value: unknown): boolean {
  if (value === null && node.nullable) return true
  if (node.kind !== TYPE_ANY && !kindMatches(node.kind, value)) return false
  return node.enum === undefined || node.enum.includes(value)
}

function kindMatches(kind: number, value: unknown): boolean {
  switch (kind) {
    case TYPE_OBJECT: return value !== null && typeof value === 'object' && !Array.isArray(value)
    case TYPE_ARRAY: return Array.isArray(value)
    case TYPE_STRING: return typeof value === 'string'
    case TYPE_NUMBER: return typeof value === 'number'
    case TYPE_INTEGER: return Number.isInteger(value)
    case TYPE_BOOLEAN: return typeof value === 'boolean'
    case TYPE_NULL: return value === null
    default: return true
  }
}

/** How many single-valued enum properties of an object branch the value contradicts (a cheap first filter). */
function tagMismatch(branch: Node, value: unknown): number {
  if (!isObject(value)) return 0
  let count = 0
  const pins = branch.pins
  for (let i = 0; i < pins.length; i++) {
    const name = pins[i]![0]
    if (Object.hasOwn(value, name) && value[name] !== pins[i]![1]) count++
  }
  return count
}

/** The branches the value does not contradict (tagMismatch 0), in their order. */
function keepMatching(branches: Node[], value: unknown): Node[] {
  const kept: Node[] = []
  for (let i = 0; i < branches.length; i++) if (tagMismatch(branches[i]!, value) === 0) kept.push(branches[i]!)
  return kept
}

/** The index of a oneOf's branches by the property most of them pin (BranchIndex), or null when at most one pins any. */
export function branchIndex(all: Node[]): BranchIndex | null {
  const counts = new Map<string, number>()
  for (const branch of all) for (const [name] of branch.pins) counts.set(name, (counts.get(name) ?? 0) + 1)
  let tag: string | undefined
  for (const [name, count] of counts) if (count >= 2 && (tag === undefined || count > counts.get(tag)!)) tag = name
  if (tag === undefined) return null
  const pinned = all.map((branch) => branch.pins.find(([name]) => name === tag))
  const unpinned = all.filter((_, i) => pinned[i] === undefined)
  const index: BranchIndex = {tag, byValue: new Map(), unpinned, exact: new Set()}
  for (const pin of pinned) if (pin && !index.byValue.has(pin[1])) index.byValue.set(pin[1], all.filter((_, i) => pinned[i] === undefined || pinned[i]![1] === pin[1]))
  for (const [value, branches] of index.byValue) if (branches.every((branch) => branch.pins.length === (branch.pins.some(([name]) => name === tag) ? 1 : 0))) index.exact.add(value)
  return index
}

function suggest(given: unknown, allowed: readonly string[]): {suggestion?: string} {
  const close = typeof given === 'string' ? closest(given, allowed, 1)[0] : undefined
  return close === undefined ? {} : {suggestion: JSON.stringify(close)}
}

function enumList(values: readonly unknown[]): string {
  const shownValues = values.slice(0, ENUM_SHOWN).map((v) => JSON.stringify(v)).join(', ')
  return values.length > ENUM_SHOWN ? `${shownValues}, ... (${values.length})` : shownValues
}

function propertyList(names: readonly string[]): string {
  return names.length > ENUM_SHOWN ? `${names.slice(0, ENUM_SHOWN).join(', ')}, ... (${names.length})` : names.join(', ')
}
