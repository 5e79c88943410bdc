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
    {name: 'the password of a URL', text: "argv: [ '--api-url', 'https://me:hunter2@dd.corp' ]", expected: "argv: [ '--api-url', 'https://****:****@dd.corp' ]"},
    {name: 'a token as the user of a URL', text: 'url http://tok3nvalue@127.0.0.1:9/x', expected: 'url http://****@127.0.0.1:9/x'},
    {name: 'text without secrets is unchanged', text: 'Content-Type: application/json', expected: 'Content-Type: application/json'},
  ])('createMasker masks $name', ({text, expected}) => {
    expect(createMasker([SECRET])(text)).toBe(expected)
  })

  it.each([
    {name: 'in a header name, which HTTP gives in lower case', text: '< x-mixedcasesecret0001: named', expected: '< x-****0001: named'},
    {name: 'in upper case', text: 'key MIXEDCASESECRET0001 refused', expected: 'key ****0001 refused'},
  ])('createMasker masks a configured secret written in another case: $name', ({text, expected}) => {
    expect(createMasker(['MixedCaseSecret0001'])(text)).toBe(expected)
  })

  it('masks sensitive headers by name and other headers by value', () => {
    const mask = createMasker([SECRET])
    expect(maskHeaders({'DD-APPLICATION-KEY': 'app0000000001234', 'X-Echo': `v=${SECRET}`, Accept: 'application/json'}, mask)).toEqual([
      ['DD-APPLICATION-KEY', '****1234'],
      ['X-Echo', 'v=****6789'],
      ['Accept', 'application/json'],
    ])
  })

  it.each([
    {name: 'a PAT by its ddpat_ prefix', text: 'command auth:set-pat:ddpat_Ab3dEf6hIj9kLmN0pQ not found', expected: 'command auth:set-pat:****pN0pQ not found'.replace('****pN0pQ', '****N0pQ')},
    {name: 'a service token by its ddsat_ prefix', text: 'Unexpected argument: ddsat_zz99yy88xx77ww66', expected: 'Unexpected argument: ****ww66'},
    {name: 'a 32-hex API key in a flag', text: 'Nonexistent flag: --apikey=0123456789abcdef0123456789abcdef', expected: 'Nonexistent flag: --apikey=****cdef'},
    {name: 'a 40-hex application key in an argv trace', text: "argv: [ '-f', 'x=0123456789abcdef0123456789abcdef01234567' ]", expected: "argv: [ '-f', 'x=****4567' ]"},
    {name: 'an API key in upper case hex', text: 'key 0123456789ABCDEF0123456789ABCDEF here', expected: 'key ****CDEF here'},
    {name: 'an api_key= in a trace without ? or &', text: "'api_key=someotherkey1234567'", expected: "'api_key=****4567'"},
  ])('masks a Datadog secret by its shape, configured or not: $name', ({text, expected}) => {
    expect(createMasker([])(text)).toBe(expected)
  })

  // A backstop for cuts: messages cut between words, but a secret with punctuation has word boundaries of its own.
  it.each([
    {name: 'a secret with dots cut at one of them', secret: 'Pass.word.1234567890', text: 'NO_PROXY has "http://user:Pass.word...", which', expected: 'NO_PROXY has "http://user:****...", which'},
    {name: 'a prefix in another case before an ellipsis', secret: 'Tok+en/abcdefghij', text: 'got TOK+EN/ABC… (40 characters)', expected: 'got ****… (40 characters)'},
    {name: 'its first 6 characters', secret: 'abcdefghijklmnop', text: 'x abcdef...', expected: 'x ****...'},
  ])('createMasker masks the part of a secret a message kept before cutting it: $name', ({secret, text, expected}) => {
    expect(createMasker([secret])(text)).toBe(expected)
  })

  it.each([
    {name: 'fewer than 6 of its characters', text: 'x abcde...'},
    {name: 'its start followed by something else', text: 'abcdefXYZ... and abcdef then...'},
    {name: 'its start with no cut after it', text: 'abcdefgh is a word'},
  ])('leaves text before a cut alone when it is not part of a secret: $name', ({text}) => {
    expect(createMasker(['abcdefghijklmnop'])(text)).toBe(text)
  })

  it('finds cut secrets in a megabyte of near misses at once', () => {
    const text = `${'abcdefg'.repeat(150_000)}...`
    const started = performance.now()
    createMasker(['abcdefghijklmnopqrstuvwxyz0123456789'])(text)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it.each([
    {name: 'a 31-hex value', text: 'id 0123456789abcdef0123456789abcde'},
    {name: 'a 64-hex digest', text: `sha ${'ab'.repeat(32)}`},
    {name: 'a UUID', text: 'trace 123e4567-e89b-12d3-a456-426614174000'},
    {name: 'the word ddpat_ in a hint', text: 'a PAT starts with ddpat_ or ddsat_'},
  ])('leaves text that is not a secret alone: $name', ({text}) => {
    expect(createMasker([])(text)).toBe(text)
  })

  it.each([
    {name: 'a 1-character secret only as a whole word', secret: 'x', text: 'x-request-id: x; next', expected: 'x-request-id: ****; next'},
    {name: 'a 3-character secret, not inside words', secret: 'abc', text: 'abcdef abc', expected: 'abcdef ****'},
    {name: 'a 7-character secret, not inside words', secret: 'hunter2', text: 'hunter22 and hunter2.', expected: 'hunter22 and ****.'},
    {name: 'an 8-character secret anywhere', secret: 'k3yk3yk3', text: 'zzk3yk3yk3zz', expected: 'zz****zz'},
    {name: 'a secret made of asterisks does not loop', secret: '**', text: 'a ** b', expected: 'a **** b'},
  ])('keeps masking readable and safe for short secrets: $name', ({secret, text, expected}) => {
    expect(createMasker([secret])(text)).toBe(expected)
  })
})
