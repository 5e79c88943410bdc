import {DATE_TIME, INT32, MAX_DEPTH, SURROGATE_PAIRS, branchIndex, codePoints, TYPE_ARRAY, TYPE_BOOLEAN, TYPE_INTEGER, TYPE_NULL, TYPE_NUMBER, TYPE_OBJECT, TYPE_STRING, UUID, compileSchema, type Node, type Schema, type SchemaFile} from './check.js'
import {VERDICT_ERROR, VERDICT_WARNING} from './verdicts.js'

/**
 * The source of an operation's verdict function, written at build time (scripts/verdicts.mjs): a function
 * expression `(function () { ...; return verdict })` whose `verdict(value)` says, without building any message, what
 * checkBody would find in the value (VERDICT_*). It is the checker's own compiled nodes written out as code, one
 * function per node, so a cold process runs a few comparisons per value where the checker interprets its nodes (a
 * 200-widget dashboard, cold: about 13 ms checked, about 4 ms judged from its code cache). A body that is not clean is then checked by
 * checkBody for its report; test/spec/verdict.test.ts holds the two to the same answer on every recorded body.
 */
export function verdictSource(file: SchemaFile): string {
  const {root, node: compile} = compileSchema(file)
  const ids = new Map<Node, number>()
  const pending: Node[] = []
  const constants: string[] = []
  const id = (node: Node): number => {
    let found = ids.get(node)
    if (found === undefined) {
      found = ids.size
      ids.set(node, found)
      pending.push(node)
    }
    return found
  }
  // One constant per distinct value: the specs repeat their enums (`["center", "left", "right"]`) in many schemas.
  const named = new Map<string, string>()
  const constant = (value: unknown): string => {
    const text = JSON.stringify(value)
    let name = named.get(text)
    if (name === undefined) {
      name = `c${named.size}`
      named.set(text, name)
      constants.push(`const ${name} = ${text}`)
    }
    return name
  }
  const functions: string[] = []
  id(root)
  while (pending.length > 0) {
    const node = pending.shift()!
    functions.push(`function n${ids.get(node)}(v, d, m) {\n${nodeBody(node, id, constant, compile).join('\n')}\n}`)
  }
  return `(function () {
'use strict'
const E = ${VERDICT_ERROR}, W = ${VERDICT_WARNING}
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
const DATE_TIME = ${DATE_TIME.toString()}
const UUID = ${UUID.toString()}
const SURROGATE_PAIRS = ${SURROGATE_PAIRS.toString()}
${codePoints.toString()}
${constants.join('\n')}
${functions.join('\n')}
function verdict(value) { return n0(value, 0, false) }
// Every node's function, for the build to compile them all into the code cache it writes.
verdict.nodes = [${[...ids.values()].map((n) => `n${n}`).join(', ')}]
return verdict
})`
}

/** A JavaScript string literal. */
const str = (text: string) => JSON.stringify(text)

/**
 * A bound as a number literal. The spec's value is written into code: anything but a finite number (a string, which
 * the checker would compare by coercion, or text that is code) fails the build rather than judge differently.
 */
function bound(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`verdicts: a bound of ${JSON.stringify(value)} is not a number`)
  return String(value)
}

/** The test of a value's type, as check() makes it (kindMatches). */
function kindTest(kind: number, v: string): string | undefined {
  switch (kind) {
    case TYPE_OBJECT: return `isObject(${v})`
    case TYPE_ARRAY: return `Array.isArray(${v})`
    case TYPE_STRING: return `typeof ${v} === 'string'`
    case TYPE_NUMBER: return `typeof ${v} === 'number'`
    case TYPE_INTEGER: return `Number.isInteger(${v})`
    case TYPE_BOOLEAN: return `typeof ${v} === 'boolean'`
    case TYPE_NULL: return `${v} === null`
    default: return undefined
  }
}

/** Whether a value passes a leaf node (leafPasses in check.ts), as an expression. */
function leafTest(node: Node, v: string, constant: (value: unknown) => string): string {
  const parts: string[] = []
  const kind = kindTest(node.kind, v)
  if (kind) parts.push(kind)
  if (node.enum !== undefined) parts.push(`${constant(node.enum)}.includes(${v})`)
  const passes = parts.length === 0 ? 'true' : parts.join(' && ')
  return node.nullable ? `(${v} === null || (${passes}))` : `(${passes})`
}

/**
 * The statements that judge a child value `x` at depth d + 1 into `s`, or return E. A leaf past the depth limit is
 * checked by check(), which lets a nullable one's null pass before it looks at the depth: so does this.
 */
function childCheck(child: Node, x: string, id: (node: Node) => number, constant: (value: unknown) => string): string {
  if (child.leaf) return `if (!(${child.nullable ? `${x} === null || ` : ''}(d < ${MAX_DEPTH} && ${leafTest(child, x, constant)}))) return E`
  return `s = n${id(child)}(${x}, d + 1, false); if (s === E) return E; if (s < r) r = s`
}

/** The body of one node's function: check() and the methods it calls, for this node, in their order. */
type Compile = (schema: Schema) => Node

function nodeBody(node: Node, id: (node: Node) => number, constant: (value: unknown) => string, compile: Compile): string[] {
  const out: string[] = []
  if (node.nullable) out.push('if (v === null) return 2')
  out.push(`if (d > ${MAX_DEPTH}) return E`)
  const kind = kindTest(node.kind, 'v')
  if (kind) out.push(`if (!(${kind})) return E`)
  out.push('let r = 2, s')
  for (const part of node.allOf ?? []) out.push(`s = n${id(part)}(v, d, true); if (s === E) return E; if (s < r) r = s`)
  if (node.branches) out.push(...branchesCheck(node, id, compile))
  if (node.enum !== undefined) out.push(`if (!${constant(node.enum)}.includes(v)) return E`)
  const schema = node.schema
  // Arrays: checkArray, whatever the node's type says.
  const array: string[] = []
  if (schema.minItems !== undefined) array.push(`if (v.length < ${bound(schema.minItems)}) return E`)
  if (schema.maxItems !== undefined) array.push(`if (v.length > ${bound(schema.maxItems)}) return E`)
  if (node.items) array.push(`for (let i = 0; i < v.length; i++) { const x = v[i]; ${childCheck(node.items, 'x', id, constant)} }`)
  const object = node.branches ? [] : objectCheck(node, id, constant, compile)
  if (array.length > 0) out.push(`if (Array.isArray(v)) {\n${array.join('\n')}\n}`)
  if (object.length > 0) out.push(`if (!m && v !== null && typeof v === 'object' && !Array.isArray(v)) {\n${object.join('\n')}\n}`)
  if (node.bounded) {
    const numeric: string[] = []
    if (schema.minimum !== undefined) numeric.push(`if (v ${schema.exclusiveMinimum ? '<=' : '<'} ${bound(schema.minimum)}) return E`)
    if (schema.maximum !== undefined) numeric.push(`if (v ${schema.exclusiveMaximum ? '>=' : '>'} ${bound(schema.maximum)}) return E`)
    if (schema.format === 'int32') numeric.push(`if (v < ${-INT32} || v >= ${INT32}) return E`)
    if (numeric.length > 0) out.push(`if (typeof v === 'number') {\n${numeric.join('\n')}\n}`)
    const text: string[] = []
    if (schema.minLength !== undefined || schema.maxLength !== undefined) {
      text.push('const length = codePoints(v)')
      if (schema.minLength !== undefined) text.push(`if (length < ${bound(schema.minLength)}) return E`)
      if (schema.maxLength !== undefined) text.push(`if (length > ${bound(schema.maxLength)}) return E`)
    }
    if (schema.format === 'date-time') text.push('if (!DATE_TIME.test(v)) return E')
    if (schema.format === 'uuid') text.push('if (!UUID.test(v)) return E')
    if (text.length > 0) out.push(`if (typeof v === 'string') {\n${text.join('\n')}\n}`)
  }
  out.push('return r')
  return out
}

/** checkObject: required names, then each property by name, else the schema's additionalProperties. */
function objectCheck(node: Node, id: (node: Node) => number, constant: (value: unknown) => string, compile: Compile): string[] {
  const out = node.required.map((name) => `if (!Object.hasOwn(v, ${str(name)})) return E`)
  let unknown: string
  if (node.open) unknown = childCheck(compile(node.open), 'x', id, constant)
  else if (node.closed) unknown = 'return E'
  else if (node.named) unknown = 'if (r > W) r = W'
  else unknown = ''
  if (node.properties.size === 0 && unknown === '') return out
  const cases = [...node.properties.keys()].map((name) => `case ${str(name)}: { ${childCheck(compile(node.properties.get(name)!), 'x', id, constant)}; break }`)
  out.push(`const keys = Object.keys(v)
for (let k = 0; k < keys.length; k++) {
const x = v[keys[k]]
switch (keys[k]) {
${cases.join('\n')}
default: { ${unknown} }
}
}`)
  return out
}

/** checkBranches: the discriminator's branch, else the first branch the value's pinned properties do not rule out. */
function branchesCheck(node: Node, id: (node: Node) => number, compile: Compile): string[] {
  const out: string[] = []
  const property = node.discriminator?.propertyName
  const all = node.branches!
  // The branches in `list` the value's pinned properties allow (tagMismatch 0, as candidates() filters them), tried
  // in order until one passes; `known` is a pinned property already matched.
  const tries = (list: Node[], known?: string) => list.map((branch) => {
    const pins = all.length > 1 ? branch.pins.filter(([name]) => name !== known).map(([name, pinned]) => {
      const mismatch = pinned !== null && typeof pinned === 'object' ? 'true' : `v[${str(name)}] !== ${JSON.stringify(pinned)}`
      return ` && !(o && Object.hasOwn(v, ${str(name)}) && ${mismatch})`
    }).join('') : ''
    return `if (true${pins}) { s = n${id(branch)}(v, d, false); if (s !== E) break b }`
  }).join('\n')
  // Where most branches pin one property (a widget's `type`), its value picks them: a switch, not a test per branch.
  const index = all.length > 1 ? branchIndex(all) : null
  const primitive = (value: unknown) => value === null || typeof value !== 'object'
  const anyBranch = index
    ? `b: {
if (o && Object.hasOwn(v, ${str(index.tag)})) {
switch (v[${str(index.tag)}]) {
${[...index.byValue].filter(([value]) => primitive(value)).map(([value, list]) => `case ${JSON.stringify(value)}: {\n${tries(list, index.tag)}\nbreak\n}`).join('\n')}
default: {\n${tries(index.unpinned, index.tag)}\n}
}
} else {\n${tries(all)}\n}
return E
}
if (s < r) r = s`
    : `b: {\n${tries(all)}\nreturn E\n}\nif (s < r) r = s`
  if (!property) {
    out.push('{', 'const o = isObject(v)', anyBranch, '}')
    return out
  }
  const raw = node.schema.oneOf ?? node.schema.anyOf ?? []
  const names = new Set(raw.flatMap((branch) => (branch.$ref ? [branch.$ref] : [])))
  const mapping = node.discriminator?.mapping ?? {}
  const targets = new Map<string, string>()
  for (const name of names) targets.set(name, name)
  for (const [value, target] of Object.entries(mapping)) targets.set(value, target)
  const cases = [...targets].map(([value, target]) => `case ${str(value)}: s = n${id(compile({$ref: target}))}(v, d, false); break`)
  out.push(`if (isObject(v)) {
switch (v[${str(property)}]) {
${cases.join('\n')}
default: return E
}
if (s === E) return E
if (s < r) r = s
} else {
const o = false
${anyBranch}
}`)
  return out
}
