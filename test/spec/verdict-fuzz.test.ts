import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {minifyVerdict} from '../../scripts/verdict-minify.mjs'
import {MAX_DEPTH, checkBody, type Schema, type SchemaFile} from '../../src/spec/check.js'
import {verdictSource} from '../../src/spec/verdict-source.js'
import {VERDICT_CLEAN, VERDICT_ERROR, VERDICT_WARNING} from '../../src/spec/verdicts.js'
import {seededRandom} from '../helpers/random.js'

// A seeded differential fuzz of the verdict functions (src/spec/verdict-source.ts) against the checker: values built
// from each schema, then broken at random places in the ways the checker tells apart (bounds, formats, surrogates,
// prototype-named keys, -0, 1e400, huge integers, big arrays, another branch's tag). The recorded bodies
// (verdict.test.ts) reach only the shapes Datadog's traffic has, and the shipped schemas use no allOf, anyOf or
// discriminator; random schemas that use every keyword the checker reads hold the generator to it for those too, in
// the minified form the build writes. Deterministic: a disagreement names its seed and replays.

type Verdict = (value: unknown) => number
type Json = unknown

/** An own property, as JSON.parse makes one: `__proto__` included. */
function setOwn<T extends object>(target: T, key: string, value: unknown): T {
  return Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true})
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/** What the checker finds, in the verdict's terms. */
function expected(file: SchemaFile, value: unknown): number {
  const result = checkBody(file, value)
  if (result.errors.length > 0) return VERDICT_ERROR
  return result.warnings.length > 0 ? VERDICT_WARNING : VERDICT_CLEAN
}

const compile = (source: string): Verdict => new Function(`return ${source}`)()() as Verdict

/** A value that roughly fits a schema (every branch, bound and format gets its turn over many draws). */
function valueFrom(file: SchemaFile, rand: () => number): (schema: Schema) => Json {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const resolve = (schema: Schema | undefined, depth = 0): Schema => {
    if (schema?.$ref === undefined || depth > 30) return schema ?? {}
    return resolve(Object.hasOwn(file.defs, schema.$ref) ? file.defs[schema.$ref] : {}, depth + 1)
  }
  const text = (min: number, max: number): string => {
    const length = min + Math.floor(rand() * (Math.min(max, min + 6) - min + 1))
    let out = ''
    for (let i = 0; i < length; i++) out += pick(['a', 'z', ' ', '_', 'é', '\u{1F600}'])
    return out
  }
  const make = (raw: Schema, depth: number): Json => {
    const schema = resolve(raw)
    if (depth > 12) return pick([null, 1, 'a', {}])
    if (schema.nullable && rand() < 0.08) return null
    if (schema.enum && rand() < 0.95) return structuredClone(pick(schema.enum))
    let value: Json
    const branches = schema.oneOf ?? schema.anyOf
    if (branches) {
      const discriminator = schema.discriminator
      const tags = discriminator ? [...Object.keys(discriminator.mapping ?? {}), ...branches.flatMap((branch) => (branch.$ref ? [branch.$ref] : []))] : []
      if (discriminator && tags.length > 0 && rand() < 0.8) {
        const tag = pick(tags)
        const target = discriminator.mapping && Object.hasOwn(discriminator.mapping, tag) ? discriminator.mapping[tag]! : tag
        const made = make({$ref: target}, depth + 1)
        value = setOwn(isObject(made) ? made : {}, discriminator.propertyName, tag)
      } else value = make(pick(branches), depth + 1)
    }
    for (const part of schema.allOf ?? []) {
      const made = make(part, depth + 1)
      if (value === undefined) value = made
      else if (isObject(value) && isObject(made)) Object.assign(value, made)
    }
    const type = schema.type ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined)
    if (type === 'object' || (isObject(value) && schema.properties)) {
      const object = isObject(value) ? value : {}
      for (const name of Object.keys(schema.properties ?? {})) {
        if (schema.required?.includes(name) || rand() < 0.5) setOwn(object, name, make(schema.properties![name]!, depth + 1))
      }
      const extra = schema.additionalProperties
      if (extra && rand() < 0.4) setOwn(object, pick(['k', '__proto__', 'constructor', 'x/y~z']), typeof extra === 'object' ? make(extra, depth + 1) : 1)
      return object
    }
    if (value !== undefined) return value
    switch (type) {
      case 'array': {
        const min = schema.minItems ?? 0
        const length = depth > 8 ? min : min + Math.floor(rand() * (Math.min(schema.maxItems ?? min + 3, min + 3) - min + 1))
        return Array.from({length}, () => make(schema.items ?? {}, depth + 1))
      }
      case 'string':
        if (schema.format === 'date-time') return pick(['2026-01-31T12:00:00Z', '2026-01-31', '2026-01-31T12:00:00.5+01:00', '2026-01-31 12:00'])
        if (schema.format === 'uuid') return pick(['00000000-0000-0000-0000-000000000000', 'ABCDEF01-2345-6789-abcd-ef0123456789'])
        return text(schema.minLength ?? 0, schema.maxLength ?? (schema.minLength ?? 0) + 6)
      case 'integer': case 'number': {
        const low = schema.minimum ?? -5
        const span = Math.max(1, Math.min((schema.maximum ?? low + 10) - low, 20))
        const drawn = low + rand() * span
        return type === 'integer' ? Math.ceil(drawn) : drawn
      }
      case 'boolean': return rand() < 0.5
      case 'null': return null
      default: return pick([1, 'a', true, null, {}, []])
    }
  }
  return (schema) => make(schema, 0)
}

/** Values that sit on the checker's edges. */
const EDGES = (): Json[] => [null, -0, 0, 1, -1, 0.5, 1.5, Infinity, -Infinity, 2 ** 53 + 2, 2 ** 31, -(2 ** 31), 2 ** 31 - 1, -(2 ** 31) - 1,
  '', 'a', 'note', '\ud800', '\udc00a', '\u{1F600}', '\u{1F600}\u{1F600}', 'x'.repeat(300), '2026-01-31T12:00:00Z', '2026-13-99T99:99', '00000000-0000-0000-0000-000000000000',
  'g0000000-0000-0000-0000-000000000000', true, false, [], {}, [null], JSON.parse('{"__proto__": {"type": "note"}}'), JSON.parse('{"constructor": "A", "toString": 1}')]

/** One random change somewhere in a value: a key dropped or added, a value replaced, a string or array one off. */
function mutate(value: Json, rand: () => number, names: readonly string[], enums: readonly Json[]): Json {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const spots: Array<[Json, Record<string | number, Json>, string | number]> = []
  const root: Record<string, Json> = {value}
  const walk = (item: Json, parent: Record<string | number, Json>, key: string | number) => {
    spots.push([item, parent, key])
    if (spots.length > 300 || item === null || typeof item !== 'object') return
    if (Array.isArray(item)) item.forEach((inner, i) => walk(inner, item as unknown as Record<number, Json>, i))
    else for (const name of Object.keys(item)) walk((item as Record<string, Json>)[name], item as Record<string, Json>, name)
  }
  walk(value, root, 'value')
  const [item, parent, key] = pick(spots)
  const draw = rand()
  if (draw < 0.3) parent[key] = pick(EDGES())
  else if (draw < 0.4 && typeof item === 'string') parent[key] = rand() < 0.5 ? item.slice(0, -1) : item + pick(['a', '\u{1F600}', '\ud800'])
  else if (draw < 0.5 && typeof item === 'number') parent[key] = item + pick([1, -1, 0.5, -0.5, 1e-9])
  else if (draw < 0.6 && Array.isArray(item)) {
    const how = rand()
    if (how < 0.3) item.push(structuredClone(item[0] ?? {}))
    else if (how < 0.5) item.pop()
    else if (how < 0.7) for (let i = 0; i < 120; i++) item.push(structuredClone(item[0] ?? 1))
    else item.length = 0
  } else if (draw < 0.9 && isObject(item)) {
    const keys = Object.keys(item)
    const how = rand()
    if (how < 0.25 && keys.length > 0) delete item[pick(keys)]
    else if (how < 0.5) setOwn(item, pick([...names, '__proto__', 'constructor', 'toString', 'unknown_xyz']), pick(EDGES()))
    else if (how < 0.75 && keys.length > 0) item[pick(keys)] = structuredClone(pick(enums))
    else if (keys.length > 0) item[pick(keys)] = pick(EDGES())
  } else parent[key] = pick(EDGES())
  return root.value
}

/** Judges `count` values of a schema with both; returns the disagreements (at most a few) and how many were judged. */
function differ(file: SchemaFile, verdict: Verdict, seed: number, count: number): {found: string[], judged: number, answers: number[]} {
  const rand = seededRandom(seed)
  const make = valueFrom(file, rand)
  const schemas = Object.values(file.defs)
  const names = schemas.flatMap((schema) => Object.keys(schema.properties ?? {}))
  const enums = schemas.flatMap((schema) => schema.enum ?? []).slice(0, 200)
  const found: string[] = []
  const answers = [0, 0, 0]
  let judged = 0
  for (let i = 0; i < count; i++) {
    let value = make(file.body)
    const changes = Math.floor(rand() * 3)
    for (let k = 0; k < changes; k++) value = mutate(value, rand, names.length > 0 ? names : ['a'], enums.length > 0 ? enums : ['a'])
    let want: number
    try {
      want = expected(file, value)
    } catch {
      // A schema that refers to itself through allOf or oneOf alone recurses without end in both: not a shape the
      // specs have (the shipped ones never throw, below).
      continue
    }
    judged++
    answers[want]!++
    const got = verdict(value)
    if (got !== want && found.length < 3) found.push(`seed ${seed} value ${i}: verdict ${got}, checker ${want}: ${JSON.stringify(value)?.slice(0, 300)}`)
  }
  return {found, judged, answers}
}

/** A random schema using every keyword the checker reads, with names that collide with Object.prototype's. */
function randomSchema(rand: () => number): SchemaFile {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const names = ['type', 'kind', 'name', 'a', 'b', '__proto__', 'constructor', 'toString', 'x/y', 'x~y', 'é', 'data_source']
  const tags = ['note', 'group', 'constructor', '__proto__', 'A', 'B', 'hasOwnProperty', '']
  const defNames = ['A', 'B', 'C', 'D', 'E', 'F']
  const scalar = (): Schema => {
    const type = pick(['string', 'integer', 'number', 'boolean', 'null', undefined, 'string', 'integer'])
    const schema: Schema = type === undefined ? {} : {type}
    if (type === 'string') {
      if (rand() < 0.3) schema.minLength = pick([0, 1, 2, 3])
      if (rand() < 0.3) schema.maxLength = pick([0, 1, 2, 5])
      if (rand() < 0.15) schema.format = pick(['date-time', 'uuid', 'email'])
      if (rand() < 0.25) schema.enum = pick([['a', 'b'], ['note'], ['x', null], ['\u{1F600}', 'é'], ['constructor']])
    }
    if (type === 'integer' || type === 'number') {
      if (rand() < 0.4) schema.minimum = pick([0, -1, 1, 0.5, -(2 ** 31), 1e21])
      if (rand() < 0.4) schema.maximum = pick([0, 10, 2 ** 31 - 1, 1.5, 1e21])
      if (rand() < 0.3) schema.exclusiveMinimum = rand() < 0.5
      if (rand() < 0.3) schema.exclusiveMaximum = rand() < 0.5
      if (rand() < 0.2) schema.format = pick(['int32', 'int64', 'double'])
      if (rand() < 0.2) schema.enum = pick([[0, 1], [1], [-1, 2.5], [0, null]])
    }
    if (type === undefined && rand() < 0.3) schema.enum = pick([[1, 'a', null, true], [{}], [[1]], ['note']])
    if (rand() < 0.2) schema.nullable = true
    if (rand() < 0.1) schema.readOnly = true
    return schema
  }
  const make = (depth: number): Schema => {
    const draw = rand()
    if (depth > 3 || draw < 0.25) return rand() < 0.3 ? {$ref: pick(defNames)} : scalar()
    if (draw < 0.5) {
      const schema: Schema = {properties: {}}
      if (rand() < 0.85) schema.type = 'object'
      for (let i = Math.floor(rand() * 4); i > 0; i--) setOwn(schema.properties!, pick(names), make(depth + 1))
      if (rand() < 0.3) schema.properties!.type = {type: 'string', enum: [pick(tags)]}
      if (rand() < 0.5) schema.required = [...new Set([...Object.keys(schema.properties!).slice(0, 2), ...(rand() < 0.2 ? [pick(names)] : [])])]
      if (rand() < 0.2) delete schema.properties
      const extra = rand()
      if (extra < 0.25) schema.additionalProperties = false
      else if (extra < 0.35) schema.additionalProperties = true
      else if (extra < 0.5) schema.additionalProperties = make(depth + 1)
      if (rand() < 0.15) schema.nullable = true
      if (rand() < 0.1) schema.readOnly = true
      return schema
    }
    if (draw < 0.6) {
      const schema: Schema = {items: make(depth + 1)}
      if (rand() < 0.9) schema.type = 'array'
      if (rand() < 0.3) schema.minItems = pick([0, 1, 2])
      if (rand() < 0.3) schema.maxItems = pick([0, 1, 3])
      if (rand() < 0.15) schema.nullable = true
      return schema
    }
    if (draw < 0.75) {
      const schema: Schema = {allOf: Array.from({length: 1 + Math.floor(rand() * 3)}, () => make(depth + 1))}
      if (rand() < 0.4) schema.type = 'object'
      if (rand() < 0.3) schema.properties = setOwn({}, pick(names), make(depth + 1))
      if (rand() < 0.3) schema.required = [pick(names)]
      if (rand() < 0.4) schema.additionalProperties = pick([false, true, {type: 'string'}])
      if (rand() < 0.15) schema.nullable = true
      return schema
    }
    const branches = Array.from({length: 1 + Math.floor(rand() * 4)}, () => (rand() < 0.5 ? {$ref: pick(defNames)} : make(depth + 1)))
    const schema: Schema = rand() < 0.5 ? {oneOf: branches} : {anyOf: branches}
    if (rand() < 0.35) {
      // Property names a value may lack as its own: the checker must not read Object.prototype's for them.
      schema.discriminator = {propertyName: pick(['type', 'kind', 'constructor', 'toString'])}
      if (rand() < 0.6) {
        const mapping: Record<string, string> = {}
        for (let i = 1 + Math.floor(rand() * 3); i > 0; i--) setOwn(mapping, pick(tags), pick(defNames))
        schema.discriminator.mapping = mapping
      }
    }
    if (rand() < 0.2) schema.type = pick(['object', 'array', 'string'])
    if (rand() < 0.2) schema.properties = setOwn({}, pick(names), make(depth + 1))
    if (rand() < 0.15) schema.nullable = true
    if (rand() < 0.1) schema.enum = pick([['a', 'note'], [1, null]])
    return schema
  }
  const defs: Record<string, Schema> = {}
  for (const name of defNames) if (rand() < 0.85) defs[name] = make(1)
  return {body: rand() < 0.5 ? {$ref: pick(defNames)} : make(0), defs}
}

const schemasDir = new URL('../../src/spec/schemas/', import.meta.url)

describe('the verdict functions, fuzzed against the checker', () => {
  it('agree with it on values made from every shipped schema and broken at random', () => {
    const found: string[] = []
    const answers = [0, 0, 0]
    let judged = 0
    let seed = 1
    for (const version of readdirSync(schemasDir).sort()) {
      for (const name of readdirSync(new URL(`${version}/`, schemasDir)).sort()) {
        const file = JSON.parse(readFileSync(new URL(`${version}/${name}`, schemasDir), 'utf8')) as SchemaFile
        const run = differ(file, compile(verdictSource(file)), seed++, 24)
        // The shipped schemas never make the checker throw: every value drawn was judged.
        expect(run.judged, name).toBe(24)
        judged += run.judged
        for (let i = 0; i < 3; i++) answers[i]! += run.answers[i]!
        found.push(...run.found.map((line) => `${version}/${name} ${line}`))
      }
    }
    expect(found.slice(0, 5)).toEqual([])
    expect(judged).toBeGreaterThan(10_000)
    // Each answer is well represented, or the fuzz would prove little.
    expect(Math.min(...answers)).toBeGreaterThan(judged / 50)
  }, 120_000)

  it('agree with it on random schemas that use allOf, anyOf, discriminators, bounds and formats, minified as the build writes them', () => {
    const found: string[] = []
    const answers = [0, 0, 0]
    let judged = 0
    for (let seed = 1; seed <= 200; seed++) {
      const file = randomSchema(seededRandom(seed * 7_919))
      const source = verdictSource(file)
      const run = differ(file, compile(seed % 2 === 0 ? minifyVerdict(source, `seed ${seed}`) : source), seed, 40)
      judged += run.judged
      for (let i = 0; i < 3; i++) answers[i]! += run.answers[i]!
      found.push(...run.found.map((line) => `${line} schema ${JSON.stringify(file).slice(0, 400)}`))
    }
    expect(found.slice(0, 3)).toEqual([])
    expect(judged).toBeGreaterThan(6_000)
    expect(Math.min(...answers)).toBeGreaterThan(judged / 200)
  }, 120_000)

  // allOf parts' object keywords merge into the parent: the random schemas seldom reach these, so each is here.
  const merged: Record<string, Schema> = {
    closedAndOpen: {type: 'object', additionalProperties: false, allOf: [{type: 'object', properties: {a: {type: 'string'}}, additionalProperties: {type: 'integer'}}]},
    requiredInPart: {type: 'object', properties: {b: {type: 'string'}}, allOf: [{required: ['a'], properties: {a: {type: 'string', readOnly: true}}}, {required: ['b']}]},
    closedInPart: {allOf: [{type: 'object', properties: {a: {type: 'string'}}}, {additionalProperties: false}]},
    nestedParts: {allOf: [{allOf: [{properties: {a: {type: 'integer', minimum: 1}}, required: ['a']}]}, {properties: {b: {type: 'string', nullable: true, enum: ['x']}}}]},
    partsAndBranches: {allOf: [{required: ['a']}], oneOf: [{type: 'object', properties: {t: {type: 'string', enum: ['x']}}, additionalProperties: false}, {type: 'object', properties: {t: {type: 'string', enum: ['y']}, a: {}}}]},
  }
  it.each(Object.keys(merged).map((name) => ({name})))('agree with it on the allOf merge $name', ({name}) => {
    const file: SchemaFile = {body: merged[name]!, defs: {}}
    const verdicts = [compile(verdictSource(file)), compile(minifyVerdict(verdictSource(file), name))]
    const values: Json[] = [{}, {a: 'x'}, {a: 1}, {a: 'x', b: 'y'}, {b: 'y'}, {a: 'x', z: 1}, {a: 'x', z: 'y'}, {a: 2, b: null}, {a: 0}, {a: 'x', b: 'x'},
      {t: 'x'}, {t: 'y'}, {t: 'y', a: 1}, {t: 'x', a: 1}, {t: 'z', a: 1}, JSON.parse('{"a": "x", "__proto__": 1}'), null, [], 'a']
    for (const value of values) for (const verdict of verdicts) expect([JSON.stringify(value), verdict(value)]).toEqual([JSON.stringify(value), expected(file, value)])
  })

  it.each(['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'])('are not written for a %s that is not a number (the spec\'s value becomes code)', (keyword) => {
    const body = {type: keyword.endsWith('Items') ? 'array' : keyword.endsWith('Length') ? 'string' : 'number', [keyword]: '0) || globalThis.owned || (0'} as unknown as Schema
    expect(() => verdictSource({body, defs: {}})).toThrow(/is not a number/)
    expect(() => verdictSource({body: {...body, [keyword]: 3}, defs: {}})).not.toThrow()
  })

  it.each([
    {name: 'a nullable null', leaf: {n: null}},
    {name: 'a string where a nullable string goes', leaf: {n: 'x'}},
    {name: 'a null item of nullable items', leaf: {l: [null]}},
    {name: 'a string item', leaf: {l: ['x']}},
    {name: 'an unknown property', leaf: {zzz: 1}},
    {name: 'nothing', leaf: {}},
  ])('agree with it on $name at every depth around the limit', ({leaf}) => {
    const file: SchemaFile = {body: {$ref: 'S'}, defs: {S: {type: 'object', properties: {a: {$ref: 'S'}, n: {type: 'string', nullable: true}, l: {type: 'array', items: {type: 'string', nullable: true}}}}}}
    const verdict = compile(verdictSource(file))
    const answers: string[] = []
    const wanted: string[] = []
    for (let depth = MAX_DEPTH - 3; depth <= MAX_DEPTH + 2; depth++) {
      let value: Json = structuredClone(leaf)
      for (let i = 0; i < depth; i++) value = {a: value}
      answers.push(`${depth}: ${verdict(value)}`)
      wanted.push(`${depth}: ${expected(file, value)}`)
    }
    expect(answers).toEqual(wanted)
  })
})
