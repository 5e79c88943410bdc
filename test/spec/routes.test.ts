import {isDeepStrictEqual} from 'node:util'
import {describe, expect, it} from 'vitest'
import {findOperationById, findOperationByRequest, loadOperations, type Operation} from '../../src/spec/index.js'
import {findRoute, findRouteById, MAX_ID_LENGTH, MAX_SEGMENTS, type RouteOperation} from '../../src/spec/routes.js'
import {ROUTES} from '../../src/spec/routes.generated.js'

// The route table must answer exactly as the full index does, for every operation of both specs.
const ops = await loadOperations()

/** The fields a call reads, from either source. */
function callFacts(op: RouteOperation | Operation | undefined) {
  if (!op) return undefined
  const {version, operationId, method, path, pathParams, security, server, unstable, deprecated, sunset} = op
  const jsonBody = 'requestContentTypes' in op ? op.requestContentTypes.some((type) => /json/i.test(type)) : Boolean(op.jsonBody)
  return {version, operationId, method, path, pathParams, security, server, unstable: Boolean(unstable), deprecated, sunset, jsonBody}
}

const concrete = (template: string) => template.replace(/\{([^}]+)\}/g, (_, name: string) => `${name}-1`)

describe('the route table', () => {
  it(`finds each of the ${ops.length} operations by method and concrete path as the index does`, () => {
    for (const op of ops) {
      const path = concrete(op.path)
      expect(callFacts(findRoute(op.method, path)), `${op.method} ${path}`).toEqual(callFacts(findOperationByRequest(ops, op.method, path)))
    }
  }, 120_000)

  it('finds each operation by its id (and every seventh by its kebab-case and v1:/v2: prefixed id) as the index does', () => {
    ops.forEach((op, i) => {
      const kebab = op.operationId.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()
      for (const name of i % 7 === 0 ? [op.operationId, kebab, `${op.version}:${op.operationId}`] : [op.operationId]) {
        expect(callFacts(findRouteById(name)), name).toEqual(callFacts(findOperationById(ops, name)))
      }
    })
  }, 120_000)

  it.each([
    {name: 'a path no operation has', method: 'GET', path: '/api/v1/no-such-thing'},
    {name: 'a known path with a method it does not take', method: 'DELETE', path: '/api/v1/validate'},
    {name: 'a path deeper than any template', method: 'GET', path: '/api/v1/validate/a/b/c/d/e/f/g'},
  ])('finds nothing for $name, as the index does', ({method, path}) => {
    expect(findRoute(method, path)).toBeUndefined()
    expect(findOperationByRequest(ops, method, path)).toBeUndefined()
  })

  it.each([
    {name: 'a literal segment over a parameter', method: 'GET', path: '/api/v1/monitor/search', id: 'SearchMonitors'},
    {name: 'a trailing slash', method: 'get', path: '/api/v1/validate/', id: 'Validate'},
    {name: 'a query string', method: 'GET', path: '/api/v1/validate?x=1', id: 'Validate'},
  ])('reads $name as the index does', ({method, path, id}) => {
    expect(findRoute(method, path)?.operationId).toBe(id)
    expect(findOperationByRequest(ops, method, path)?.operationId).toBe(id)
  })

  it('has clean templates (`/`, or `/`-led segments, none empty), which findRoute splits without pathSegments', () => {
    const unclean = ROUTES.split('\n').map((line) => line.split(' ')[2]!).filter((path) => path !== '/' && !/^(\/[^/?#\s]+)+$/.test(path))
    expect(unclean).toEqual([])
  })

  it('stays within the bounds findRoute and findRouteById assume, and finds nothing beyond them', () => {
    const rows = ROUTES.split('\n').map((line) => line.split(' '))
    expect(Math.max(...rows.map((row) => row[3]!.length))).toBeLessThan(MAX_ID_LENGTH)
    expect(Math.max(...rows.map((row) => row[2]!.split('/').length - 1))).toBeLessThan(MAX_SEGMENTS)
    expect(findRouteById('x'.repeat(100_000))).toBeUndefined()
    expect(findRouteById('Validate'.repeat(20))).toBeUndefined()
    expect(findRoute('GET', '/a'.repeat(60_000))).toBeUndefined()
  })

  it.each(['Vali(date', 'Validate$', '.*', '[a-z]+', 'v1:', 'v3:Validate', ''])('finds nothing for the id %j, which holds regex syntax or nothing', (name) => {
    expect(findRouteById(name)).toBeUndefined()
  })

  /** What `run` returns, and the milliseconds it took. */
  const timed = (run: () => unknown) => {
    const start = performance.now()
    const result = run()
    return {result, ms: performance.now() - start}
  }

  // Quadratic or worse work on input this size takes minutes (and a synchronous loop holds off even SIGTERM).
  it.each([
    {name: 'a path of 60,000 slashes between two words', run: () => findRoute('GET', `x${'/'.repeat(60_000)}x`)},
    {name: 'a path of 60,000 empty segments after /api', run: () => findRoute('GET', `/api${'/'.repeat(60_000)}v1`)},
    {name: 'an id of 20 million letters', run: () => findRouteById('x'.repeat(20_000_000))},
  ])('answers at once for $name', ({run}) => {
    const {result, ms} = timed(run)
    expect(result).toBeUndefined()
    expect(ms).toBeLessThan(1500)
  })

  it.each([
    {name: 'edge slashes', method: 'GET', path: '///api/v1/validate///'},
    {name: 'an empty segment inside', method: 'GET', path: '/api//v1/validate'},
    {name: 'only slashes', method: 'GET', path: '////'},
    {name: 'an origin and edge slashes', method: 'get', path: 'https://api.datadoghq.com//api/v1/monitor/1//'},
  ])('reads a path with $name as the index does', ({method, path}) => {
    expect(callFacts(findRoute(method, path))).toEqual(callFacts(findOperationByRequest(ops, method, path)))
  })

  it('answers as the index does for 8,000 generated near-misses of real paths and ids', () => {
    // A small deterministic generator: the same inputs on every run, so a difference is reproducible.
    let seed = 7
    const pick = <T>(items: readonly T[]): T => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7f_ff_ff_ff
      return items[seed % items.length]!
    }
    const odd = ['', '%2F', '.', ' ', 'x y', '{id}', '\u212A', '\u0131', '\u00DF', '[', '(', '.*', '\\', '$', 'API', 'search']
    const pathEdits: ((path: string) => string)[] = [
      (path) => path.replace(/\{[^}]+\}/g, () => pick(['1', 'abc', ...odd])),
      (path) => `${path}${pick(['/', '//', '?x=/a/b', '#f', '/?'])}`,
      (path) => path.replace(/\//g, pick(['//', '/./', '%2F'])),
      (path) => `${pick(['https://api.datadoghq.com', 'api.datadoghq.com', ''])}${path.toUpperCase()}`,
      (path) => path.replace(/[a-z]/, (letter) => pick([letter.toUpperCase(), '\u212A', '\u0131', '.', '['])),
      (path) => path.split('/').slice(0, -1).join('/'),
    ]
    const idEdits: ((id: string, version: string) => string)[] = [
      (id) => id.replace(/([a-z0-9])([A-Z])/g, `$1${pick(['-', '_', ' ', '\t', '\u00A0', '\u200B'])}$2`).toLowerCase(),
      (id) => [...id].join('-').toUpperCase(),
      (id, version) => `${pick(['v1:', 'V2:', ` ${version}:`, 'v3:', 'v1::'])}${id}`,
      (id) => id.replace(/[kK]/, '\u212A').replace(/i/, '\u0131').replace(/I/, '\u0130').replace(/s/, '\u017F'),
      (id) => id.replace(/[A-Za-z]/, () => pick(['.', '*', '+', '?', '^', '$', '{', '(', '|', '[', '\\', '/', '.*'])),
      (id) => `${id.slice(0, 3 + (id.length % 5))}${pick(['', 's', '$', '\n', '\u2028'])}`,
      (id) => id.replace(/[A-Za-z]/g, (letter) => String.fromCodePoint(letter.codePointAt(0)! + 0xfe_e0)),
    ]
    const methods = ['get', 'Post', 'PATCH', 'delete', 'PUT', 'HEAD', 'OPTIONS']
    const differences: string[] = []
    let found = 0
    for (let i = 0; i < 4000; i++) {
      const op = pick(ops)
      const method = i % 3 === 0 ? pick(methods) : op.method
      const path = pick(pathEdits)(op.path)
      const route = callFacts(findRoute(method, path))
      if (route) found++
      if (!isDeepStrictEqual(route, callFacts(findOperationByRequest(ops, method, path)))) differences.push(`${method} ${JSON.stringify(path)}`)
      const name = pick(idEdits)(op.operationId, op.version)
      const byId = callFacts(findRouteById(name))
      if (byId) found++
      if (!isDeepStrictEqual(byId, callFacts(findOperationById(ops, name)))) differences.push(JSON.stringify(name))
    }
    expect(differences).toEqual([])
    // Near-misses, not only misses: a good share of them are operations.
    expect(found).toBeGreaterThan(2000)
  }, 120_000)

  it('finds nothing for an unknown id', () => {
    expect(findRouteById('NoSuchOperation')).toBeUndefined()
  })
})
