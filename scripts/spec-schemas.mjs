// The request body schemas of the operations, one JSON file per operation, written by scripts/gen-spec.mjs into
// src/spec/schemas/<version>/<operationId>.json and read by src/spec/schemas.ts. A call reads only its own file.
// Format: {"body": schema, "defs": {name: schema}}: the application/json requestBody schema with only the keywords
// the checker (src/spec/check.ts) reads, each `#/components/schemas/Name` $ref kept as {"$ref": "Name"} and Name's
// schema in defs (only the definitions the body reaches), so recursive schemas (a group widget holds widgets) stay
// finite. Overrides (scripts/schema-overrides.mjs) patch known spec defects, each with the reason.
import {OVERRIDES} from './schema-overrides.mjs'

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
// Keywords copied as they are (descriptions are left out: a call parses its file, and api show has its own text).
// `pattern` is left out: the specs' patterns are written for other regex engines and
// Datadog's own clients do not enforce them.
const KEEP = ['type', 'required', 'enum', 'nullable', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'readOnly']
// Formats that say something checkable; the rest (double, binary, ...) say nothing a JSON value can break.
const FORMATS = new Set(['int32', 'int64', 'date-time', 'uuid'])
function refName(ref) {
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref)
  if (!match) throw new Error(`gen-spec: unsupported schema $ref ${ref}`)
  return decodeURIComponent(match[1])
}

/** The compact form of one schema node; `reach` collects the names of the definitions it refers to. */
function compact(node, reach) {
  if (node === true || node === undefined) return {}
  if (node.$ref) {
    const name = refName(node.$ref)
    reach(name)
    return {$ref: name}
  }
  const out = {}
  for (const key of KEEP) if (node[key] !== undefined) out[key] = node[key]
  if (node.format && FORMATS.has(node.format)) out.format = node.format
  if (node.properties) out.properties = Object.fromEntries(Object.entries(node.properties).map(([name, child]) => [name, compact(child, reach)]))
  if (node.items) out.items = compact(node.items, reach)
  for (const key of ['oneOf', 'anyOf', 'allOf']) if (node[key]) out[key] = node[key].map((child) => compact(child, reach))
  if (node.additionalProperties === false) out.additionalProperties = false
  else if (node.additionalProperties && typeof node.additionalProperties === 'object') out.additionalProperties = compact(node.additionalProperties, reach)
  else if (node.additionalProperties === true) out.additionalProperties = true
  if (node.discriminator) {
    const mapping = Object.fromEntries(Object.entries(node.discriminator.mapping ?? {}).map(([value, ref]) => [value, refName(ref)]))
    out.discriminator = {propertyName: node.discriminator.propertyName, ...(Object.keys(mapping).length ? {mapping} : {})}
  }
  return out
}

/** `{[version/operationId]: {body, defs}}` for every operation with an application/json request body schema. */
export function schemaFiles(specs) {
  const files = {}
  for (const {version, doc} of specs) {
    const components = doc.components?.schemas ?? {}
    const resolve = (node) => (node?.$ref ? resolve(node.$ref.replace(/^#\//, '').split('/').reduce((at, key) => at?.[key], doc)) : node)
    for (const item of Object.values(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method]
        const content = resolve(op?.requestBody)?.content ?? {}
        const type = Object.keys(content).find((name) => /^application\/json\b/i.test(name))
        const schema = type && content[type].schema
        if (!schema) continue
        const defs = {}
        const queue = []
        const reach = (name) => {
          if (name in defs) return
          if (!components[name]) throw new Error(`gen-spec: ${op.operationId} refers to the missing schema ${name}`)
          defs[name] = null
          queue.push(name)
        }
        const body = compact(schema, reach)
        while (queue.length > 0) {
          const name = queue.shift()
          defs[name] = compact(components[name], reach)
        }
        const key = `${version}/${op.operationId}`
        const file = {body, defs: Object.fromEntries(Object.keys(defs).sort().map((name) => [name, defs[name]]))}
        for (const override of OVERRIDES.filter((o) => o.operations.includes(key))) override.apply(file)
        files[key] = file
      }
    }
  }
  for (const override of OVERRIDES) {
    for (const key of override.operations) if (!files[key]) throw new Error(`gen-spec: schema override for ${key}, which has no JSON request body; review scripts/schema-overrides.mjs`)
  }
  return files
}
