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

  it('finds nothing for an unknown id', () => {
    expect(findRouteById('NoSuchOperation')).toBeUndefined()
  })
})
