import {describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {mergeHeaders, parseHeader, parseMethod, resolveTarget} from '../../src/http/request.js'

const BASE = 'https://api.datadoghq.com'

describe('request parsing', () => {
  it.each([
    {name: 'a lower-case method', input: 'get', method: 'GET'},
    {name: 'a mixed-case method', input: 'Patch', method: 'PATCH'},
  ])('parseMethod accepts $name', ({input, method}) => {
    expect(parseMethod(input)).toBe(method)
  })

  it.each(['FETCH', 'GET ', 'G ET', ''])('parseMethod refuses %j', (input) => {
    expect(() => parseMethod(input)).toThrow(UsageError)
  })

  it.each([
    {name: 'a path', input: '/api/v1/validate', base: BASE, url: 'https://api.datadoghq.com/api/v1/validate'},
    {name: 'a path without its leading slash', input: 'api/v1/validate', base: BASE, url: 'https://api.datadoghq.com/api/v1/validate'},
    {name: 'a query string kept as given', input: '/api/v2/x?filter[query]=a%20b&x', base: BASE, url: 'https://api.datadoghq.com/api/v2/x?filter[query]=a%20b&x'},
    {name: 'a base URL with a path prefix', input: '/api/v1/x', base: 'https://proxy.example.com/dd', url: 'https://proxy.example.com/dd/api/v1/x'},
    {name: 'an absolute URL on the API origin', input: 'https://api.datadoghq.com/api/v1/x', base: BASE, url: 'https://api.datadoghq.com/api/v1/x'},
    {name: 'an upper-case scheme (schemes are case-insensitive)', input: 'HTTPS://api.datadoghq.com/api/v1/x', base: BASE, url: 'https://api.datadoghq.com/api/v1/x'},
    {name: 'a backslash in the query string, kept as given', input: '/api/v2/logs?filter[query]=a\\:b', base: BASE, url: 'https://api.datadoghq.com/api/v2/logs?filter[query]=a\\:b'},
    {name: 'dots inside a segment and in the query string', input: '/api/v1/a..b/.x/y.?q=../.', base: BASE, url: 'https://api.datadoghq.com/api/v1/a..b/.x/y.?q=../.'},
  ])('resolveTarget takes $name', ({input, base, url}) => {
    expect(resolveTarget(input, base).href).toBe(url)
  })

  it.each([
    {name: 'another host', input: 'https://evil.example.com/api', message: /evil\.example\.com/},
    {name: 'http on the same host', input: 'http://api.datadoghq.com/api', message: /http:\/\/api\.datadoghq\.com/},
    {name: 'another port', input: 'https://api.datadoghq.com:8443/api', message: /:8443/},
    {name: 'a protocol-relative path', input: '//evil.example.com/api', message: /single "\/"/},
    {name: 'a space', input: '/api/v1/a b', message: /%20/},
    {name: 'a line break', input: '/api/v1/a\nb', message: /control/},
    // Other schemes: a blob: URL has the origin of the URL inside it, so an origin check alone lets it through.
    {name: 'a blob: URL wrapping the API origin', input: 'blob:https://api.datadoghq.com/api/v1/x', message: /^PATH is a blob: URL, which ddcli does not send; give a path such as \/api\/v1\/validate, or a URL on https:\/\/api\.datadoghq\.com$/},
    ...['data:text/plain,x', 'file:///etc/passwd', 'javascript:alert(1)', 'ftp://api.datadoghq.com/x', 'ws://api.datadoghq.com/x', 'wss://api.datadoghq.com/x', 'about:blank', 'urn:isbn:0451450523', 'mailto:a@example.com', 'BLOB:https://api.datadoghq.com/x']
      .map((input) => ({name: `a ${input.split(':')[0]!.toLowerCase()}: URL (${input})`, input, message: new RegExp(`^PATH is a ${input.split(':')[0]!.toLowerCase()}: URL, which ddcli does not send; give a path`)})),
    {name: 'an http URL with one slash (read as http://x/)', input: 'http:/api.datadoghq.com/api/v1/x', message: /^PATH is not a valid URL \(http: needs "\/\/" before the host\); give a path such as \/api\/v1\/validate/},
    {name: 'an https URL without slashes', input: 'https:api.datadoghq.com/api/v1/x', message: /^PATH is not a valid URL/},
    {name: 'a UNC-style \\\\host (read as //host)', input: '\\\\evil.example.com\\api', message: /^PATH has a "\\" before its query string, which URL parsers read as "\/"; write "\/" \(or %5C for a backslash\)$/},
    {name: 'a backslash inside the path', input: '/api\\v1/validate', message: /^PATH has a "\\"/},
    {name: 'an http URL with backslashes for slashes', input: 'https:\\\\api.datadoghq.com\\api', message: /^PATH has a "\\"/},
    // URL parsers remove dot segments: DELETE /api/v1/x/../monitor went out as DELETE /api/v1/monitor, past the check
    // of the method the path lacks (and out of an --api-url's path prefix).
    ...['/api/v1/x/../monitor', '/api/v1/./monitor', '/api/v1/monitor/.', '/api/v1/monitor/..', '/api/v1/monitor/%2e', '/api/v1/%2E%2e/x', '/api/v1/.%2E/x', 'api/v1/../v2/x', 'https://api.datadoghq.com/api/v1/x/../monitor']
      .map((input) => ({name: `a dot segment (${input})`, input, message: /^PATH has a "\." or "\.\." segment, which URL parsers remove \(\/a\/\.\.\/b is sent as \/b\); write the path it stands for$/})),
  ])('resolveTarget refuses $name', ({input, message}) => {
    expect(() => resolveTarget(input, BASE)).toThrow(message)
  })

  it.each([
    {name: 'a plain header', input: 'X-Trace: 1', header: ['X-Trace', '1']},
    {name: 'a value with colons', input: 'X-Time: 12:30:00', header: ['X-Time', '12:30:00']},
    {name: 'an empty value', input: 'X-Empty:', header: ['X-Empty', '']},
  ])('parseHeader reads $name', ({input, header}) => {
    expect(parseHeader(input)).toEqual(header)
  })

  it.each([
    {name: 'no colon, without echoing it', input: 'DD-API-KEY abcdef123456', message: /^a -H header has no ":"/},
    {name: 'a space in the name', input: 'X Trace: 1', message: /name/},
    {name: 'a line break in the value', input: 'X-A: 1\r\nX-B: 2', message: /line break/},
    {name: 'a Latin-1 letter in the value (Node sends it as one byte, curl as UTF-8)', input: 'X-A: caf\u00e9 abcdef123456', message: /X-A has a character that is not ASCII/},
    {name: 'a character beyond Latin-1 in the value (Node refuses to send it)', input: 'X-A: \u20ac abcdef123456', message: /not ASCII/},
    ...['Content-Length', 'transfer-encoding', 'Connection', 'Keep-Alive', 'Host', 'TE', 'Trailer', 'Upgrade', 'Expect', 'Proxy-Connection'].map((name) => (
      {name: `${name}, which ddcli sets itself`, input: `${name}: abcdef123456`, message: new RegExp(`^header ${name} is set by ddcli itself.*; remove it$`)})),
  ])('parseHeader refuses $name', ({input, message}) => {
    expect(() => parseHeader(input)).toThrow(message)
    try {
      parseHeader(input)
    } catch (error: unknown) {
      expect((error as Error).message).not.toContain('abcdef123456')
    }
  })

  it.each([
    {name: 'override replaces a header in any case', override: true, expected: {accept: 'text/csv'}},
    {name: 'no override keeps the header already set', override: false, expected: {Accept: 'application/json'}},
  ])('mergeHeaders: $name', ({override, expected}) => {
    expect(mergeHeaders({Accept: 'application/json'}, [['accept', 'text/csv']], override)).toEqual(expected)
  })
})
