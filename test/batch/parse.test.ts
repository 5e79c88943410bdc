import {describe, expect, it} from 'vitest'
import {isFailure, parseRequestLine} from '../../src/batch/parse.js'

describe('parseRequestLine', () => {
  it.each([
    {name: 'a method and path', text: '{"method":"get","path":"/api/v1/validate"}', expected: {method: 'GET', path: '/api/v1/validate', hasId: false, hasBody: false}},
    {name: 'an id of any JSON type', text: '{"id":{"a":1},"method":"GET","path":"/x"}', expected: {id: {a: 1}, hasId: true}},
    {name: 'an operation with params as numbers', text: '{"operation":"GetMonitor","params":{"monitor_id":5}}', expected: {operation: 'GetMonitor', params: {monitor_id: '5'}}},
    {name: 'query lists as repeated parameters', text: '{"method":"GET","path":"/x","query":{"tag":["a","b"],"n":1,"f":false}}', expected: {query: [['tag', 'a'], ['tag', 'b'], ['n', '1'], ['f', 'false']]}},
    {name: 'an explicit null body', text: '{"method":"POST","path":"/x","body":null}', expected: {hasBody: true, body: null}},
    {name: 'request headers', text: '{"method":"GET","path":"/x","headers":{"X-A":" b "}}', expected: {headers: [['X-A', 'b']]}},
  ])('accepts $name', ({text, expected}) => {
    const parsed = parseRequestLine(text)
    expect(isFailure(parsed)).toBe(false)
    expect(parsed).toMatchObject(expected)
  })

  it.each([
    {name: 'text that is not JSON', text: 'GET /x', error: /not valid JSON.*one JSON object per line/},
    {name: 'a JSON array', text: '[1]', error: /must be a JSON object/},
    {name: 'a JSON string', text: '"x"', error: /must be a JSON object/},
    {name: 'a misspelt key', text: '{"id":1,"method":"GET","path":"/x","querry":{}}', error: /unknown key "querry"/, id: 1},
    {name: 'a method without a path', text: '{"id":2,"method":"GET"}', error: /needs "method" and "path"/, id: 2},
    {name: 'an operation and a path', text: '{"operation":"GetMonitor","path":"/x"}', error: /not both/},
    {name: 'an empty operation', text: '{"operation":" "}', error: /operationId/},
    {name: 'an unknown method', text: '{"method":"FETCH","path":"/x"}', error: /unknown method "FETCH"/},
    {name: 'a GET with a body', text: '{"method":"GET","path":"/x","body":{}}', error: /GET requests cannot have a body/},
    {name: 'params that are not an object', text: '{"operation":"GetMonitor","params":[1]}', error: /"params" must be an object/},
    {name: 'a nested param value', text: '{"operation":"GetMonitor","params":{"monitor_id":{"a":1}}}', error: /"params.monitor_id" must be a string/},
    {name: 'a null query value', text: '{"method":"GET","path":"/x","query":{"a":null}}', error: /"query.a" must be/},
    {name: 'a header value with a line break', text: '{"method":"GET","path":"/x","headers":{"X-A":"a\\nb"}}', error: /"headers.X-A".*line break/},
    {name: 'a header name with a space', text: '{"method":"GET","path":"/x","headers":{"X A":"b"}}', error: /"headers.X A"/},
    {name: 'a body number beyond 2^53 that JSON.parse would round', text: '{"id":1,"method":"POST","path":"/x","body":{"event_id":7196891744473044042}}', error: /7196891744473044042 is too large to keep exactly; write it as a string/, id: 1},
    {name: 'a body number that overflows to Infinity (sent as null)', text: '{"method":"POST","path":"/x","body":[1e999]}', error: /1e999 is too large/},
    {name: 'a query number beyond 2^53', text: '{"method":"GET","path":"/x","query":{"n":-9007199254740993}}', error: /-9007199254740993 is too large/},
    {name: 'an id beyond 2^53 (the result could not be matched to it)', text: '{"id":12345678901234567891,"method":"GET","path":"/x"}', error: /12345678901234567891 is too large/},
    {name: 'a Content-Length header, which ddcli sets itself', text: '{"method":"POST","path":"/x","body":{},"headers":{"Content-Length":"5"}}', error: /^"headers.Content-Length": header Content-Length is set by ddcli itself.*; remove it$/},
    {name: 'a Transfer-Encoding header', text: '{"method":"GET","path":"/x","headers":{"Transfer-Encoding":"chunked"}}', error: /"headers.Transfer-Encoding".*set by ddcli itself/},
    {name: 'a Connection header', text: '{"method":"GET","path":"/x","headers":{"connection":"close"}}', error: /"headers.connection".*set by ddcli itself/},
    {name: 'a Host header', text: '{"method":"GET","path":"/x","headers":{"HOST":"evil.example"}}', error: /"headers.HOST".*set by ddcli itself/},
    {name: 'a header value that is not ASCII', text: '{"method":"GET","path":"/x","headers":{"X-A":"caf\u00e9"}}', error: /"headers.X-A".*not ASCII/},
    {name: 'an id nested deeper than JSON can be written back', text: `{"id":${'['.repeat(100_000)}${']'.repeat(100_000)},"method":"GET","path":"/x"}`, error: /nested deeper than 512/},
    {name: 'a body nested deeper than JSON can be sent', text: `{"id":3,"method":"POST","path":"/x","body":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`, error: /"body" is nested deeper than 512/, id: 3},
  ])('refuses $name', ({text, error, id}) => {
    const parsed = parseRequestLine(text)
    expect(isFailure(parsed)).toBe(true)
    expect(parsed).toMatchObject({error: expect.stringMatching(error)})
    if (id !== undefined) expect(parsed).toMatchObject({id, hasId: true})
    expect(() => JSON.stringify(parsed)).not.toThrow()
  })

  it.each([
    {name: 'a safe 2^53 - 1', text: '{"method":"POST","path":"/x","body":{"n":9007199254740991,"f":1.5e3,"s":"12345678901234567891"}}'},
    {name: 'digits inside a string with escaped quotes', text: '{"method":"POST","path":"/x","body":"\\"12345678901234567891\\""}'},
  ])('keeps $name', ({text}) => {
    expect(isFailure(parseRequestLine(text))).toBe(false)
  })

  it('accepts a body nested 512 deep', () => {
    expect(isFailure(parseRequestLine(`{"method":"POST","path":"/x","body":${'['.repeat(511)}${']'.repeat(511)}}`))).toBe(false)
  })

  it('never echoes a header value it refuses', () => {
    const parsed = parseRequestLine('{"method":"GET","path":"/x","headers":{"DD-API-KEY":"secret0000\\u0000zz"}}')
    expect(JSON.stringify(parsed)).not.toContain('secret0000')
  })
})
