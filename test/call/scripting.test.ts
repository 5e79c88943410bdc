import {describe, expect, it} from 'vitest'
import {interpretArgs} from '../../src/call/scripting.js'
import {combineRepeated} from '../../src/http/request.js'
import {createMasker} from '../../src/credentials/mask.js'
import {apiErrorMessage, errorBodyText} from '../../src/output/render.js'

describe('interpretArgs', () => {
  it.each([
    {name: 'METHOD PATH stays as given', first: 'get', path: '/api/v1/x', flag: undefined, fields: false, input: false, out: {first: 'get', path: '/api/v1/x'}},
    {name: 'the path alone is a GET', first: '/api/v1/x', path: undefined, flag: undefined, fields: false, input: false, out: {first: 'GET', path: '/api/v1/x'}},
    {name: 'an unknown path alone with fields is a POST, as in gh', first: '/api/v1/x', path: undefined, flag: undefined, fields: true, input: false, out: {first: 'POST', path: '/api/v1/x'}},
    {name: 'a path alone with --input is a POST', first: '/api/v2/audit/events', path: undefined, flag: undefined, fields: false, input: true, out: {first: 'POST', path: '/api/v2/audit/events'}},
    {name: 'a GET-only path alone with fields is a GET', first: '/api/v2/audit/events', path: undefined, flag: undefined, fields: true, input: false, out: {first: 'GET', path: '/api/v2/audit/events'}},
    {name: 'a GET-only URL alone with fields is a GET', first: 'https://api.datadoghq.com/api/v2/audit/events?x=1', path: undefined, flag: undefined, fields: true, input: false, out: {first: 'GET', path: 'https://api.datadoghq.com/api/v2/audit/events?x=1'}},
    {name: 'a POST-only path alone with fields is a POST', first: '/api/v2/logs/events/search', path: undefined, flag: undefined, fields: true, input: false, out: {first: 'POST', path: '/api/v2/logs/events/search'}},
    {name: 'a GET-only template with a placeholder is a GET', first: '/api/v1/monitor/{monitor_id}/downtimes', path: undefined, flag: undefined, fields: true, input: false, out: {first: 'GET', path: '/api/v1/monitor/{monitor_id}/downtimes'}},
    {name: 'a last segment that only fills a parameter counts as unknown: POST as in gh', first: '/api/v2/statuspages/p1/degradations/backfill', path: undefined, flag: undefined, fields: true, input: false, out: {first: 'POST', path: '/api/v2/statuspages/p1/degradations/backfill'}},
    {name: 'a PATH ending in a {placeholder} is the template itself: its GET', first: '/api/v1/events/{event_id}', path: undefined, flag: undefined, fields: true, input: false, out: {first: 'GET', path: '/api/v1/events/{event_id}'}},
    {name: 'the path alone takes -X', first: 'api/v1/x', path: undefined, flag: 'put', fields: true, input: false, out: {first: 'PUT', path: 'api/v1/x'}},
    {name: '-X settles a path with both GET and POST', first: '/api/v1/monitor', path: undefined, flag: 'get', fields: true, input: false, out: {first: 'GET', path: '/api/v1/monitor'}},
    {name: 'a URL alone is a path', first: 'https://api.datadoghq.com/api/v1/x', path: undefined, flag: undefined, fields: false, input: false, out: {first: 'GET', path: 'https://api.datadoghq.com/api/v1/x'}},
    {name: 'an operation id stays an operation id', first: 'ListMonitors', path: undefined, flag: 'GET', fields: false, input: false, out: {first: 'ListMonitors', path: undefined}},
    {name: '-X agreeing with METHOD', first: 'delete', path: '/x', flag: 'DELETE', fields: false, input: false, out: {first: 'delete', path: '/x'}},
  ])('$name', ({first, path, flag, fields, input, out}) => {
    expect(interpretArgs(first, path, flag, fields, input)).toEqual(out)
  })

  it.each([
    {name: '-X disagreeing with METHOD', first: 'GET', path: '/x', flag: 'POST', fields: false, message: /-X POST disagrees with GET; give the method once/},
    {name: 'an unknown -X', first: '/x', path: undefined, flag: 'FETCH', fields: false, message: /unknown method "FETCH"/},
    {name: 'fields on a path with both GET and POST, naming both', first: '/api/v1/monitor', path: undefined, flag: undefined, fields: true,
      message: '/api/v1/monitor has both ListMonitors (GET) and CreateMonitor (POST); with fields, say which: -X GET for ListMonitors (fields in the query string) or -X POST for CreateMonitor (fields in the JSON body)'},
    // GetMonitor, UpdateMonitor (PUT), DeleteMonitor: `-f name=x` meant as an update must not become GET ?name=x.
    {name: 'fields on a path with a GET and a PUT, naming both', first: '/api/v1/monitor/{monitor_id}', path: undefined, flag: undefined, fields: true,
      message: '/api/v1/monitor/{monitor_id} has both GetMonitor (GET) and UpdateMonitor (PUT); with fields, say which: -X GET for GetMonitor (fields in the query string) or -X PUT for UpdateMonitor (fields in the JSON body)'},
  ])('refuses $name', ({first, path, flag, fields, message}) => {
    expect(() => interpretArgs(first, path, flag, fields, false)).toThrow(message)
  })
})

describe('combineRepeated', () => {
  it.each([
    {name: 'joins a repeated name in order, any case', headers: [['X-A', '1'], ['x-a', '2']] as Array<[string, string]>, out: [['X-A', '1, 2']]},
    {name: 'keeps different names apart', headers: [['A', '1'], ['B', '2']] as Array<[string, string]>, out: [['A', '1'], ['B', '2']]},
  ])('$name', ({headers, out}) => {
    expect(combineRepeated(headers)).toEqual(out)
  })
})

describe('apiErrorMessage', () => {
  it.each([
    {name: 'message and a string errors', body: '{"message":"Invalid","errors":"bad facet"}', out: 'Invalid; bad facet'},
    {name: 'an errors list', body: '{"errors":["a","b"]}', out: 'a; b'},
    {name: 'JSON:API errors', body: '{"errors":[{"title":"Bad","detail":"no x"}]}', out: 'Bad: no x'},
    {name: 'error alone', body: '{"error":"nope"}', out: 'nope'},
    {name: 'message equal to an error, once', body: '{"message":"a","errors":["a"]}', out: 'a'},
    {name: 'not JSON', body: 'oops', out: undefined},
    {name: 'nothing known', body: '{"x":1}', out: undefined},
  ])('reads $name', ({body, out}) => {
    expect(apiErrorMessage(Buffer.from(body))).toBe(out)
  })
})

describe('errorBodyText', () => {
  const mask = createMasker(['secretvalue0000abcd'])
  it.each([
    {name: 'adds a final newline and masks secrets', body: '{"k":"secretvalue0000abcd"}', tty: false, text: '{"k":"****abcd"}\n'},
    {name: 'keeps control characters when piped', body: 'a\u001b[2Jb\n', tty: false, text: 'a\u001b[2Jb\n'},
    {name: 'neutralises control characters on a terminal', body: 'a\u001b[2Jb\n', tty: true, text: 'a\\u001b[2Jb\n'},
    {name: 'prints nothing for an empty body', body: '', tty: true, text: ''},
  ])('$name', ({body, tty, text}) => {
    expect(errorBodyText(body, tty, mask)).toBe(text)
  })
})
