import type {Schema, SchemaFile} from '../spec/check.js'

const ENUM_SHOWN = 12
const MAX_DEPTH = 24

/**
 * A request body schema as an indented outline, one property a line: `name*: type` (`*` required), enums, nullable,
 * bounds, formats, oneOf branches (`- Name: ...`). A named definition is spelled out the first time only; later
 * uses (and recursion: a group widget holds widgets) say `(Name, above)`.
 */
export function schemaOutline(title: string, file: SchemaFile): string {
  const lines = [`${title} request body (application/json; * required)`]
  const shown = new Set<string>()
  const walk = (node: Schema, label: string, indent: string, depth: number): void => {
    const name = node.$ref
    const schema = resolve(file, node)
    const summary = describe(file, schema)
    if (name !== undefined && shown.has(name)) {
      lines.push(`${indent}${label}${summary} (${name}, above)`)
      return
    }
    if (name !== undefined) shown.add(name)
    lines.push(`${indent}${label}${summary}${name !== undefined && hasChildren(file, schema) && !label.includes(name) ? ` (${name})` : ''}`)
    if (depth >= MAX_DEPTH) return
    const inner = indent + '  '
    const items = schema.type === 'array' && schema.items ? schema.items : undefined
    if (items) {
      const child = resolve(file, items)
      if (hasChildren(file, child)) walk(items, '[]: ', inner, depth + 1)
      return
    }
    const branches = schema.oneOf ?? schema.anyOf
    if (branches) for (const branch of branches) walk(branch, `- ${branch.$ref ? `${branch.$ref}: ` : ''}`, inner, depth + 1)
    for (const part of schema.allOf ?? []) walk(part, '& ', inner, depth + 1)
    const required = new Set(schema.required ?? [])
    for (const [property, child] of Object.entries(schema.properties ?? {})) {
      if (resolve(file, child).readOnly) continue
      walk(child, `${property}${required.has(property) ? '*' : ''}: `, inner, depth + 1)
    }
  }
  walk(file.body, 'body: ', '', 0)
  return `${lines.join('\n')}\n`
}

function resolve(file: SchemaFile, node: Schema, depth = 0): Schema {
  if (node.$ref === undefined || depth > 32) return node
  return resolve(file, file.defs[node.$ref] ?? {}, depth + 1)
}

function hasChildren(file: SchemaFile, schema: Schema): boolean {
  if (schema.type === 'array' && schema.items) return hasChildren(file, resolve(file, schema.items))
  return Boolean(schema.properties || schema.oneOf || schema.anyOf || schema.allOf)
}

/** `string, one of "a" | "b", nullable`, `integer (int64), 1..5`, `array of object, at most 100 items`, `one of 41 shapes`. */
function describe(file: SchemaFile, schema: Schema): string {
  const parts: string[] = []
  const branches = schema.oneOf ?? schema.anyOf
  if (branches) parts.push(`one of ${branches.length} shapes`)
  else if (schema.type === 'array') {
    const items = schema.items ? resolve(file, schema.items) : undefined
    parts.push(`array of ${items ? describe(file, items).split(', ')[0] : 'any'}`)
  } else parts.push(`${schema.type ?? (schema.properties ? 'object' : 'any')}${schema.format ? ` (${schema.format})` : ''}`)
  if (schema.enum) parts.push(`one of ${schema.enum.slice(0, ENUM_SHOWN).map((v) => JSON.stringify(v)).join(' | ')}${schema.enum.length > ENUM_SHOWN ? ` | ... (${schema.enum.length})` : ''}`)
  if (schema.minimum !== undefined || schema.maximum !== undefined) parts.push(`${schema.minimum ?? ''}..${schema.maximum ?? ''}`)
  if (schema.minLength !== undefined) parts.push(`at least ${schema.minLength} characters`)
  if (schema.maxLength !== undefined) parts.push(`at most ${schema.maxLength} characters`)
  if (schema.minItems !== undefined) parts.push(`at least ${schema.minItems} items`)
  if (schema.maxItems !== undefined) parts.push(`at most ${schema.maxItems} items`)
  if (schema.additionalProperties === false) parts.push('no other properties')
  if (schema.nullable) parts.push('nullable')
  return parts.join(', ')
}
