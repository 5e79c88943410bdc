import {closest} from '../closest.js'

/** One node of a request body schema in the compact form scripts/spec-schemas.mjs writes (OpenAPI 3.0 keywords). */
export interface Schema {
  $ref?: string
  type?: string
  description?: string
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

const INT32 = 2 ** 31
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ENUM_SHOWN = 8

/**
 * Checks a parsed JSON body against an operation's schema with OpenAPI 3.0 semantics: `nullable`, `readOnly`
 * properties never required of a request, `discriminator` (with or without a mapping), and `oneOf` read as `anyOf`
 * (the specs' branches overlap: Datadog accepts a body that several of them describe).
 */
export function checkBody(file: SchemaFile, value: unknown): CheckResult {
  const result: CheckResult = {errors: [], warnings: []}
  new Checker(file.defs).check(file.body, value, '', result)
  return result
}

/** The JSON pointer of a child (RFC 6901 escapes). */
export function childPointer(pointer: string, key: string | number): string {
  const text = String(key)
  return `${pointer}/${text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text}`
}

/** A short, single-line form of a given value. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (value !== null && typeof value === 'object') return 'an object'
  const text = JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

interface View {
  properties: Map<string, Schema>
  required: Set<string>
  closed: boolean
  open: Schema | undefined
  named: boolean
}

class Checker {
  private readonly views = new WeakMap<Schema, View>()
  private readonly pinned = new WeakMap<Schema, Array<[string, unknown]>>()
  private readonly flat = new WeakMap<Schema[], Schema[]>()
  private readonly indexes = new WeakMap<Schema[], {tag: string, byValue: Map<unknown, Schema[]>} | null>()

  constructor(private readonly defs: Record<string, Schema>) {}

  resolve(schema: Schema, depth = 0): Schema {
    if (schema.$ref === undefined) return schema
    const target = this.defs[schema.$ref]
    if (!target || depth > 32) return {}
    return this.resolve(target, depth + 1)
  }

  /** Records an error; a probe records only that there is one. */
  fail(out: Gathering, finding: () => Finding): void {
    out.errors.push(out.probe ? PROBED : finding())
  }

  /** `merged`: an allOf part, whose object keywords the parent checks once over all its parts. */
  check(node: Schema, value: unknown, pointer: string, out: Gathering, merged = false): void {
    if (out.probe && out.errors.length > 0) return
    const schema = this.resolve(node)
    if (value === null && (schema.nullable || (schema.enum?.includes(null) ?? false))) return
    if (schema.type !== undefined && !this.typeMatches(schema, value)) {
      this.fail(out, () => ({pointer, expected: this.describe(schema), given: shown(value)}))
      return
    }
    for (const part of schema.allOf ?? []) this.check(part, value, pointer, out, true)
    const branches = schema.oneOf ?? schema.anyOf
    if (branches) this.checkBranches(schema, branches, value, pointer, out)
    const allowed = schema.enum
    if (allowed && !allowed.includes(value)) {
      this.fail(out, () => {
        const suggestion = typeof value === 'string' ? closest(value, allowed.filter((v): v is string => typeof v === 'string'), 1)[0] : undefined
        return {pointer, expected: `one of ${enumList(allowed)}`, given: shown(value), ...(suggestion ? {suggestion: JSON.stringify(suggestion)} : {})}
      })
      return
    }
    if (typeof value === 'number') this.checkNumber(schema, value, pointer, out)
    else if (typeof value === 'string') this.checkString(schema, value, pointer, out)
    else if (Array.isArray(value)) this.checkArray(schema, value, pointer, out)
    else if (isObject(value) && !branches && !merged) this.checkObject(schema, value, pointer, out)
  }

  typeMatches(schema: Schema, value: unknown): boolean {
    const type = typeOf(value)
    return schema.type === type || (schema.type === 'number' && type === 'integer')
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

  checkNumber(schema: Schema, value: number, pointer: string, out: Gathering): void {
    const given = shown(value)
    if (schema.minimum !== undefined && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)) {
      this.fail(out, () => ({pointer, expected: `${schema.exclusiveMinimum ? 'more than' : 'at least'} ${schema.minimum}`, given}))
    }
    if (schema.maximum !== undefined && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)) {
      this.fail(out, () => ({pointer, expected: `${schema.exclusiveMaximum ? 'less than' : 'at most'} ${schema.maximum}`, given}))
    }
    if (schema.format === 'int32' && (value < -INT32 || value >= INT32)) {
      this.fail(out, () => ({pointer, expected: `an int32 (${-INT32} to ${INT32 - 1})`, given}))
    }
  }

  checkString(schema: Schema, value: string, pointer: string, out: Gathering): void {
    const length = schema.minLength !== undefined || schema.maxLength !== undefined ? [...value].length : 0
    if (schema.minLength !== undefined && length < schema.minLength) {
      this.fail(out, () => ({pointer, expected: `at least ${schema.minLength} character${schema.minLength === 1 ? '' : 's'}`, given: shown(value)}))
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      this.fail(out, () => ({pointer, expected: `at most ${schema.maxLength} characters`, given: `${length} characters`}))
    }
    if (schema.format === 'date-time' && !DATE_TIME.test(value)) {
      this.fail(out, () => ({pointer, expected: 'a date-time such as "2026-01-31T12:00:00Z"', given: shown(value)}))
    }
    if (schema.format === 'uuid' && !UUID.test(value)) {
      this.fail(out, () => ({pointer, expected: 'a UUID such as "00000000-0000-0000-0000-000000000000"', given: shown(value)}))
    }
  }

  checkArray(schema: Schema, value: unknown[], pointer: string, out: Gathering): void {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      this.fail(out, () => ({pointer, expected: `at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`, given: shown(value)}))
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      this.fail(out, () => ({pointer, expected: `at most ${schema.maxItems} item${schema.maxItems === 1 ? '' : 's'}`, given: shown(value)}))
    }
    if (!schema.items) return
    for (let index = 0; index < value.length && !(out.probe && out.errors.length > 0); index++) this.check(schema.items, value[index], `${pointer}/${index}`, out)
  }

  /** Properties, required names and the additionalProperties rule of an object schema with its allOf parts merged. */
  objectView(schema: Schema): View {
    let view = this.views.get(schema)
    if (!view) this.views.set(schema, view = this.mergeView(schema))
    return view
  }

  mergeView(schema: Schema, view = {properties: new Map<string, Schema>(), required: new Set<string>(), closed: false, open: undefined as Schema | undefined, named: false}, depth = 0): typeof view {
    for (const [name, child] of Object.entries(schema.properties ?? {})) {
      view.properties.set(name, child)
      view.named = true
    }
    for (const name of schema.required ?? []) view.required.add(name)
    if (schema.additionalProperties === false) view.closed = true
    else if (isObject(schema.additionalProperties)) view.open = schema.additionalProperties
    else if (schema.additionalProperties === true) view.open = {}
    if (depth < 8) for (const part of schema.allOf ?? []) this.mergeView(this.resolve(part), view, depth + 1)
    return view
  }

  checkObject(schema: Schema, value: Record<string, unknown>, pointer: string, out: Gathering): void {
    const view = this.objectView(schema)
    for (const name of view.required) {
      const child = view.properties.get(name)
      const resolved = child ? this.resolve(child) : undefined
      // A readOnly property is required of responses only (OpenAPI 3.0).
      if (Object.hasOwn(value, name) || resolved?.readOnly) continue
      this.fail(out, () => ({pointer: childPointer(pointer, name), expected: `${resolved ? this.describe(resolved) : 'a value'} (required)`, given: 'nothing'}))
    }
    for (const name in value) {
      if (!Object.hasOwn(value, name)) continue
      const child = value[name]
      if (out.probe && out.errors.length > 0) return
      const at = childPointer(pointer, name)
      const property = view.properties.get(name)
      if (property) {
        this.check(property, child, at, out)
        continue
      }
      if (view.open) {
        this.check(view.open, child, at, out)
        continue
      }
      if (!view.closed && !view.named) continue
      if (out.probe && view.closed) {
        out.errors.push(PROBED)
        return
      }
      const known = [...view.properties.keys()]
      const suggestion = closest(name, known.filter((k) => !Object.hasOwn(value, k)), 1)[0]
      const finding: Finding = {kind: 'unknown', pointer: at, expected: propertyList(known), given: JSON.stringify(name), ...(suggestion ? {suggestion: JSON.stringify(suggestion)} : {})}
      if (view.closed) out.errors.push(finding)
      else out.warnings.push(finding)
    }
  }

  /**
   * oneOf and anyOf: the value passes when a branch passes (its warnings are kept). Otherwise the problems reported
   * are those of the branch the discriminator names, else of the closest branch: one whose enum-valued properties
   * (a `type: "timeseries"`) all match, with the fewest errors.
   */
  checkBranches(schema: Schema, branches: Schema[], value: unknown, pointer: string, out: Gathering): void {
    const chosen = this.discriminated(schema, branches, value, pointer, out)
    if (chosen === null) return
    const all = chosen ? [chosen] : this.flatten(branches)
    // A branch whose pinned values (`type: "note"`) the value contradicts cannot pass: the rest are tried as probes
    // (stopping at the first error, with no text built); only when none passes are they checked again for the report.
    const candidates = all.length > 1 ? this.candidates(all, value) : all
    for (const branch of candidates) {
      const probe: Gathering = {errors: [], warnings: [], probe: true}
      this.check(branch, value, pointer, probe)
      if (probe.errors.length === 0) {
        out.warnings.push(...probe.warnings)
        return
      }
    }
    if (out.probe) {
      out.errors.push(PROBED)
      return
    }
    let best: {result: CheckResult, score: number} | undefined
    for (const branch of all) {
      const mismatch = this.tagMismatch(branch, value)
      if (mismatch > 0 && all.length > 1 && best) continue
      const result: CheckResult = {errors: [], warnings: []}
      this.check(branch, value, pointer, result)
      const resolved = this.resolve(branch)
      const wrongType = resolved.type !== undefined && !this.typeMatches(resolved, value) ? 1 : 0
      const score = wrongType * 1e6 + mismatch * 1000 + result.errors.length
      if (!best || score < best.score) best = {result, score}
    }
    // Every branch disagrees on a tag property: name the property and every value the branches allow.
    const tag = all.length > 1 ? this.tagProblem(all, value, pointer) : undefined
    if (tag) out.errors.push(tag)
    else if (best) out.errors.push(...best.result.errors)
  }

  /** Branches with a oneOf or anyOf of bare branches replaced by those (a topology map widget is one of two shapes). */
  flatten(branches: Schema[], depth = 0): Schema[] {
    let found = this.flat.get(branches)
    if (!found) this.flat.set(branches, found = this.flattenNow(branches, depth))
    return found
  }

  flattenNow(branches: Schema[], depth: number): Schema[] {
    return branches.flatMap((branch) => {
      const schema = this.resolve(branch)
      const inner = schema.oneOf ?? schema.anyOf
      const bare = !schema.properties && !schema.type && !schema.enum && !schema.allOf && !schema.discriminator
      return inner && bare && depth < 4 ? this.flatten(inner, depth + 1) : [branch]
    })
  }

  /** The branch a discriminator names, undefined without one, null when the discriminator's problem was reported. */
  discriminated(schema: Schema, branches: Schema[], value: unknown, pointer: string, out: Gathering): Schema | undefined | null {
    const property = schema.discriminator?.propertyName
    if (!property || !isObject(value)) return undefined
    const tag = value[property]
    const names = new Map<string, Schema>()
    for (const branch of branches) if (branch.$ref) names.set(branch.$ref, branch)
    const mapping = schema.discriminator?.mapping ?? {}
    const allowed = Object.keys(mapping).length > 0 ? Object.keys(mapping) : [...names.keys()]
    const target = typeof tag === 'string' ? (mapping[tag] ?? (names.has(tag) ? tag : undefined)) : undefined
    if (target !== undefined) return {$ref: target}
    this.fail(out, () => ({pointer: childPointer(pointer, property), expected: `one of ${enumList(allowed)}${tag === undefined ? ' (required)' : ''}`, given: shown(tag), ...suggest(tag, allowed)}))
    return null
  }

  /**
   * The branches whose pinned values the value does not contradict. Where every branch pins the same property (a
   * widget's `type`), they are looked up by its value in an index built once per oneOf.
   */
  candidates(all: Schema[], value: unknown): Schema[] {
    let index = this.indexes.get(all)
    if (index === undefined) {
      const names = this.pins(all[0]!).map(([name]) => name).filter((name) => all.every((branch) => this.pins(branch).some(([pinned]) => pinned === name)))
      const tag = names[0]
      index = tag === undefined ? null : {tag, byValue: new Map()}
      if (index) {
        for (const branch of all) {
          const pinned = this.pins(branch).find(([name]) => name === tag)![1]
          index.byValue.set(pinned, [...(index.byValue.get(pinned) ?? []), branch])
        }
      }
      this.indexes.set(all, index)
    }
    const byTag = index && isObject(value) && Object.hasOwn(value, index.tag) ? (index.byValue.get(value[index.tag]) ?? []) : all
    return byTag.filter((branch) => this.tagMismatch(branch, value) === 0)
  }

  /** How many single-valued enum properties of an object branch the value contradicts (a cheap first filter). */
  tagMismatch(branch: Schema, value: unknown): number {
    if (!isObject(value)) return 0
    let count = 0
    for (const [name, pinned] of this.pins(branch)) if (Object.hasOwn(value, name) && value[name] !== pinned) count++
    return count
  }

  /** The properties a branch pins to a single enum value (`type: "note"`), computed once per branch. */
  pins(branch: Schema): Array<[string, unknown]> {
    let found = this.pinned.get(branch)
    if (!found) {
      found = []
      for (const [name, child] of Object.entries(this.resolve(branch).properties ?? {})) {
        const values = this.resolve(child).enum
        if (values?.length === 1) found.push([name, values[0]])
      }
      this.pinned.set(branch, found)
    }
    return found
  }

  /** A property most branches pin to one value (`type`), when the value's matches none: one finding listing them. */
  tagProblem(branches: Schema[], value: unknown, pointer: string): Finding | undefined {
    if (!isObject(value)) return undefined
    const pinned = new Map<string, unknown[]>()
    for (const branch of branches) {
      for (const [name, child] of Object.entries(this.resolve(branch).properties ?? {})) {
        const values = this.resolve(child).enum
        if (values?.length === 1) pinned.set(name, [...(pinned.get(name) ?? []), values[0]])
      }
    }
    for (const [name, allowed] of pinned) {
      if (allowed.length * 2 < branches.length || allowed.includes(value[name])) continue
      const given = value[name]
      const suggestion = typeof given === 'string' ? closest(given, allowed.filter((v): v is string => typeof v === 'string'), 1)[0] : undefined
      return {pointer: childPointer(pointer, name), expected: `one of ${enumList([...new Set(allowed)])}`, given: shown(given), ...(suggestion ? {suggestion: JSON.stringify(suggestion)} : {})}
    }
    return undefined
  }
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
