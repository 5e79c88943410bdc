import {describe, expect, it} from 'vitest'
import {checksContentType} from '../../src/call/validate.js'
import {MAX_DEPTH, checkBody, type SchemaFile} from '../../src/spec/check.js'
import {findRoute} from '../../src/spec/routes.js'
import {loadSchema} from '../../src/spec/schemas.js'
import {verdictSource} from '../../src/spec/verdict-source.js'
import {VERDICT_CLEAN, VERDICT_ERROR, VERDICT_WARNING} from '../../src/spec/verdicts.js'
import {haveCassettes, loadInteractions} from '../helpers/har.js'

// The verdict functions written at build (src/spec/verdict-source.ts) must say what the checker finds, on every
// recorded body and on wrong versions of them: a verdict of "clean" where the checker finds a problem would send a
// body the check refuses. Each recorded body is judged as recorded and after a set of mutations that break it in the
// ways the checker tells apart (a missing required key, a wrong type, an unknown property, a wrong enum value, null).

type Verdict = (value: unknown) => number

const compiled = new Map<string, {file: SchemaFile, verdict: Verdict}>()

async function judge(version: string, operationId: string): Promise<{file: SchemaFile, verdict: Verdict} | undefined> {
  const key = `${version}/${operationId}`
  if (!compiled.has(key)) {
    const file = await loadSchema(version, operationId)
    if (!file) return undefined
    compiled.set(key, {file, verdict: new Function(`return ${verdictSource(file)}`)()() as Verdict})
  }
  return compiled.get(key)
}

/** The checker's answer in the verdict's terms. */
function expected(file: SchemaFile, value: unknown): number {
  const result = checkBody(file, value)
  if (result.errors.length > 0) return VERDICT_ERROR
  return result.warnings.length > 0 ? VERDICT_WARNING : VERDICT_CLEAN
}

/** Wrong versions of a body: each object and array changed in one way at a time, up to `limit` versions. */
function* mutations(body: unknown, limit: number): Generator<unknown> {
  const paths: Array<Array<string | number>> = []
  const walk = (value: unknown, path: Array<string | number>) => {
    if (paths.length > 200 || value === null || typeof value !== 'object') return
    paths.push(path)
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]))
    else for (const [key, item] of Object.entries(value)) walk(item, [...path, key])
  }
  walk(body, [])
  let made = 0
  type Container = Record<string, unknown> | unknown[]
  const at = (root: unknown, path: Array<string | number>) => path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], root) as Container
  for (const path of paths) {
    const original = at(body, path)
    const keys = Array.isArray(original) ? [] : Object.keys(original as object)
    type Change = (target: Record<string, unknown>) => void
    const changes: Array<(target: Container) => void> = [
      (target) => { if (!Array.isArray(target)) target.unknown_property_xyz = 1 },
      ...keys.slice(0, 3).flatMap((key): Change[] => [
        (target) => { delete target[key] },
        (target) => { target[key] = typeof target[key] === 'string' ? 42 : 'wrong' },
        (target) => { target[key] = null },
        (target) => { if (typeof target[key] === 'string') target[key] = `${target[key]}x` },
        (target) => { target[`${key}s`] = target[key] },
      ]).map((change) => (target: Container) => { if (!Array.isArray(target)) change(target) }),
      // The properties oneOf branches are told apart by (a widget's type, a query's data_source): a value none pins.
      ...keys.filter((key) => key === 'type' || key === 'data_source').map((key) => (target: Container) => { if (!Array.isArray(target)) target[key] = `${String(target[key])}x` }),
      (target) => { if (Array.isArray(target)) target.push({}) },
      (target) => { if (Array.isArray(target)) target.length = 0 },
    ]
    for (const change of changes) {
      if (made++ >= limit) return
      const copy = structuredClone(body)
      change(at(copy, path))
      yield copy
    }
  }
}

describe('the verdict functions written at build', () => {
  it.skipIf(!haveCassettes())('say what the checker finds on every recorded body and on wrong versions of it', async () => {
    const disagreements: string[] = []
    let judged = 0
    for (const interaction of loadInteractions()) {
      const body = interaction.requestBody
      if (!body?.length || (interaction.requestContentType !== undefined && !checksContentType(interaction.requestContentType))) continue
      const op = findRoute(interaction.method, interaction.target.replace(/\?.*$/s, ''))
      if (!op) continue
      const found = await judge(op.version, op.operationId)
      if (!found) continue
      let value: unknown
      try {
        value = JSON.parse(body.toString('utf8'))
      } catch {
        continue
      }
      for (const version of [value, ...mutations(value, 40)]) {
        judged++
        const want = expected(found.file, version)
        const got = found.verdict(version)
        if (got !== want) disagreements.push(`${interaction.id} ${op.operationId}: verdict ${got}, checker ${want}: ${JSON.stringify(version).slice(0, 300)}`)
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([])
    expect(judged).toBeGreaterThan(20_000)
  }, 300_000)

  it('refuses nesting deeper than the checker reads, as the checker does', async () => {
    const {file, verdict} = (await judge('v1', 'CreateDashboard'))!
    let group: Record<string, unknown> = {type: 'note', content: 'x'}
    for (let i = 0; i < MAX_DEPTH; i++) group = {type: 'group', layout_type: 'ordered', widgets: [{definition: group}]}
    const body = {title: 't', layout_type: 'ordered', widgets: [{definition: group}]}
    expect(verdict(body)).toBe(expected(file, body))
    expect(verdict(body)).toBe(VERDICT_ERROR)
  })

  it('takes a key named like an Object.prototype member as any other', async () => {
    const {file, verdict} = (await judge('v1', 'CreateMonitor'))!
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const body = JSON.parse(`{"type": "metric alert", "query": "avg(last_5m):avg:cpu{*} > 1", "${key}": 1}`)
      expect(verdict(body)).toBe(expected(file, body))
    }
  })
})
