import {describe, expect, it} from 'vitest'
import {createMasker, maskHeaders, maskValue} from '../../src/credentials/mask.js'

const SECRET = 'abcdef0123456789abcdef0123456789'

describe('masking', () => {
  it.each([
    {name: 'a long secret keeps its last 4 characters', value: SECRET, masked: '****6789'},
    {name: 'a short secret is hidden whole', value: 'short', masked: '****'},
  ])('maskValue: $name', ({value, masked}) => {
    expect(maskValue(value)).toBe(masked)
  })

  it.each([
    {name: 'a configured secret anywhere in text', text: `error near ${SECRET}!`, expected: 'error near ****6789!'},
    {name: 'an Authorization header line', text: 'Authorization: Bearer unknowntoken1234567', expected: 'Authorization: Bearer ****4567'},
    {name: 'a DD-API-KEY header line in a trace', text: '> DD-API-KEY: otherkey99990000', expected: '> DD-API-KEY: ****0000'},
    {name: 'a Cookie header', text: 'Cookie: session=abcdefghijklmnop', expected: 'Cookie: ****mnop'},
    {name: 'an api_key query parameter', text: 'GET https://x/api?api_key=zzzzzzzzzzzz1111&a=1', expected: 'GET https://x/api?api_key=****1111&a=1'},
    {name: 'an application_key query parameter', text: 'x?application_key=yyyyyyyyyyyy2222', expected: 'x?application_key=****2222'},
    {name: 'text without secrets is unchanged', text: 'Content-Type: application/json', expected: 'Content-Type: application/json'},
  ])('createMasker masks $name', ({text, expected}) => {
    expect(createMasker([SECRET])(text)).toBe(expected)
  })

  it('masks sensitive headers by name and other headers by value', () => {
    const mask = createMasker([SECRET])
    expect(maskHeaders({'DD-APPLICATION-KEY': 'app0000000001234', 'X-Echo': `v=${SECRET}`, Accept: 'application/json'}, mask)).toEqual([
      ['DD-APPLICATION-KEY', '****1234'],
      ['X-Echo', 'v=****6789'],
      ['Accept', 'application/json'],
    ])
  })
})
