import {describe, expect, it} from 'vitest'
import {serverPath} from '../../src/call/path-form.js'

describe('PATH as the server routes it', () => {
  it.each([
    {name: 'a plain path', target: '/api/v1/monitor', out: '/api/v1/monitor'},
    {name: 'encoded unreserved characters', target: '/api/v1/%6donitor/%41%7a%30-%2D%2e%5F%7e', out: '/api/v1/monitor/Az0--._~'},
    {name: 'other escapes kept as typed', target: '/api/v1/user/a%40b%20c%7Bx%7D%25', out: '/api/v1/user/a%40b%20c%7Bx%7D%25'},
    {name: 'the query string and fragment untouched', target: '/api/v1/x?a=%6d//b%2F#%6d//', out: '/api/v1/x?a=%6d//b%2F#%6d//'},
    {name: 'a URL on the API host', target: 'https://api.datadoghq.com/api/v1/%6donitor?x=%6d', out: 'https://api.datadoghq.com/api/v1/monitor?x=%6d'},
    {name: 'a relative PATH\'s leading "//", left to resolveTarget (another host)', target: '//evil.example/api', out: '//evil.example/api'},
    {name: 'a trailing slash', target: '/api/v1/monitor/', out: '/api/v1/monitor/'},
    {name: 'another scheme, left to resolveTarget to refuse', target: 'blob:http://127.0.0.1:1//a%2F%6d', out: 'blob:http://127.0.0.1:1//a%2F%6d'},
  ])('keeps or decodes $name', ({target, out}) => {
    expect(serverPath(target)).toBe(out)
  })

  it.each([
    {name: 'an encoded slash', target: '/api/v1/monitor%2f1', message: /^PATH has %2F/},
    {name: 'an empty segment', target: '/api/v1//monitor', message: /^PATH has an empty segment .*; write \/api\/v1\/monitor$/},
    {name: 'three slashes at the start', target: '///api/v1/monitor', message: /^PATH has an empty segment/},
    {name: 'an empty segment in a URL', target: 'https://api.datadoghq.com//api/v1/monitor', message: /^PATH has an empty segment/},
  ])('refuses $name', ({target, message}) => {
    expect(() => serverPath(target)).toThrow(message)
  })

  it('answers a path of 100,000 slashes at once (no backtracking)', () => {
    const started = performance.now()
    expect(() => serverPath(`/x${'/'.repeat(100_000)}x`)).toThrow(/^PATH has an empty segment .*\.\.\.; write \/x\/x$/)
    expect(performance.now() - started).toBeLessThan(500)
  })
})
