import {describe, expect, it} from 'vitest'
import {decodeSecretInput, hasTokenPrefix, pipeHint, validateSecret} from '../../src/credentials/secret.js'
import {UsageError} from '../../src/errors.js'

const SECRET = 'abcdef0123456789SECRET'

describe('validateSecret', () => {
  it.each([
    {name: 'a plain value is kept', raw: SECRET, value: SECRET},
    {name: 'a trailing newline from echo is trimmed', raw: `${SECRET}\n`, value: SECRET},
    {name: 'a CRLF line ending is trimmed', raw: `${SECRET}\r\n`, value: SECRET},
    {name: 'spaces and tabs around the value are trimmed', raw: `  \t${SECRET} \t`, value: SECRET},
    {name: 'a byte order mark is trimmed', raw: `\uFEFF${SECRET}`, value: SECRET},
  ])('accepts input when $name', ({raw, value}) => {
    expect(validateSecret(raw, 'apiKey', 'stdin')).toBe(value)
  })

  it.each([
    {name: 'empty stdin says it was empty or closed', raw: '', from: 'stdin' as const, message: /no API key on stdin \(it was empty or closed\); pipe one in: echo "\$DD_API_KEY" \| ddcli auth set-api-key/},
    {name: 'whitespace-only stdin counts as empty', raw: ' \n\t\n', from: 'stdin' as const, message: /no API key on stdin/},
    {name: 'an empty prompt answer says to run the command again', raw: '', from: 'prompt' as const, message: /no API key entered; run ddcli auth set-api-key again/},
    {name: 'two lines are refused', raw: `${SECRET}\n${SECRET}`, from: 'stdin' as const, message: /more than one line; pipe only the API key/},
    {name: 'an inner space is refused', raw: `${SECRET} ${SECRET}`, from: 'stdin' as const, message: /contains a space inside it/},
    {name: 'an inner tab is refused as a control character', raw: `${SECRET}\t${SECRET}`, from: 'prompt' as const, message: /control character/},
    {name: 'an escape sequence is refused', raw: `${SECRET}\u001b[31m`, from: 'stdin' as const, message: /control character/},
    {name: 'a non-breaking space is refused', raw: `${SECRET}\u00a0${SECRET}`, from: 'stdin' as const, message: /control character|space inside/},
    {name: 'a non-ASCII letter is refused', raw: `${SECRET}é`, from: 'stdin' as const, message: /not printable ASCII/},
  ])('refuses input when $name, without echoing it', ({raw, from, message}) => {
    let caught: unknown
    try {
      validateSecret(raw, 'apiKey', from)
    } catch (error: unknown) {
      caught = error
    }
    expect(caught).toBeInstanceOf(UsageError)
    expect((caught as Error).message).toMatch(message)
    expect((caught as Error).message).not.toContain(SECRET)
    expect((caught as Error).message).not.toContain('\n')
  })
})

describe('decodeSecretInput', () => {
  it.each([
    {name: 'UTF-8 text is decoded', bytes: Buffer.from(`${SECRET}\n`), text: `${SECRET}\n`},
    {name: 'empty input is empty text', bytes: Buffer.alloc(0), text: ''},
  ])('decodes stdin when $name', ({bytes, text}) => {
    expect(decodeSecretInput(bytes, 'pat')).toBe(text)
  })

  it.each([
    {name: 'a NUL byte marks binary data', bytes: Buffer.from([0x61, 0x00, 0x62]), message: /stdin is binary data, not the PAT/},
    {name: 'invalid UTF-8 is not text', bytes: Buffer.from([0x61, 0xff, 0xfe, 0x62]), message: /stdin is not UTF-8 text/},
    {name: 'more than 16 KiB is too large', bytes: Buffer.alloc(16 * 1024 + 1, 0x61), message: /more than 16 KiB/},
  ])('refuses stdin when $name', ({bytes, message}) => {
    expect(() => decodeSecretInput(bytes, 'pat')).toThrow(message)
    expect(() => decodeSecretInput(bytes, 'pat')).toThrow(UsageError)
  })
})

describe('hasTokenPrefix', () => {
  it.each([
    {name: 'a personal access token', value: 'ddpat_abc', expected: true},
    {name: 'a service access token', value: 'ddsat_abc', expected: true},
    {name: 'an API key', value: '0123456789abcdef', expected: false},
    {name: 'an upper-case prefix', value: 'DDPAT_abc', expected: false},
  ])('says $expected for $name', ({value, expected}) => {
    expect(hasTokenPrefix(value)).toBe(expected)
  })
})

describe('pipeHint', () => {
  it.each([
    {name: 'PAT', kind: 'pat' as const, hint: 'echo "$DD_BEARER_TOKEN" | ddcli auth set-pat'},
    {name: 'API key', kind: 'apiKey' as const, hint: 'echo "$DD_API_KEY" | ddcli auth set-api-key'},
    {name: 'application key', kind: 'appKey' as const, hint: 'echo "$DD_APP_KEY" | ddcli auth set-app-key'},
  ])('names the env var and command for the $name', ({kind, hint}) => {
    expect(pipeHint(kind)).toBe(hint)
  })
})
