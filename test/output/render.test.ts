import {describe, expect, it} from 'vitest'
import {createMasker} from '../../src/credentials/mask.js'
import {neutralizeControls} from '../../src/output/json.js'
import {diagnostic, errorLine, httpErrorLine, oneLine, proxyRefusedLine, responseHead, verboseEvent, warningLine} from '../../src/output/render.js'

const mask = createMasker([])
const OSC = '\u001b]0;pwned\u0007'
const CLEAR = '\u001b[2J'
const CSI_C1 = '\u009b31m'
const BIDI = '\u202egnp.exe'
/** The Arabic letter mark: a bidi control (Trojan Source lists it with LRM and RLM) outside the U+2xxx blocks. */
const ALM = 'abc\u061cdef'

/** Whether text can drive a terminal or hide what it says: C0/C1 controls (but newline) or bidi/invisible format characters. */
// eslint-disable-next-line no-control-regex
const unsafe = (text: string) => /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/.test(text)

describe('server-controlled strings cannot drive the terminal', () => {
  it.each([
    {name: 'an OSC in the reason phrase of -i', text: () => responseHead('1.1', 200, `OK${OSC}`, ['X-A', 'b'], mask)},
    {name: 'a CSI in a header value of -i', text: () => responseHead('1.1', 200, 'OK', ['X-A', `b${CLEAR}`], mask)},
    {name: 'a C1 CSI in a header value of -i', text: () => responseHead('1.1', 200, 'OK', ['X-A', `b${CSI_C1}`], mask)},
    {name: 'a bidi override in a header value of -i', text: () => responseHead('1.1', 200, 'OK', ['X-A', BIDI], mask)},
    {name: 'an OSC in the reason phrase of --verbose', text: () => verboseEvent({type: 'response', status: 200, statusText: `OK${OSC}`, httpVersion: '1.1', headers: {}, elapsedMs: 1}, mask)},
    {name: 'a CSI in a response header of --verbose', text: () => verboseEvent({type: 'response', status: 200, statusText: 'OK', httpVersion: '1.1', headers: {'x-a': `b${CLEAR}`}, elapsedMs: 1}, mask)},
    {name: 'an OSC in the rate limit name of a --verbose retry line', text: () => verboseEvent({type: 'retry', cause: `rate limited (${OSC})`, delayMs: 1000, attempt: 1, max: 3}, mask)},
    {name: 'a bidi override in a redirect location of --verbose', text: () => verboseEvent({type: 'redirect', status: 302, to: new URL(`http://h/${BIDI}`), followed: true}, mask)},
    {name: 'an OSC in the reason phrase of the error line', text: () => diagnostic(httpErrorLine(500, `Oops${OSC}`, undefined))},
    {name: 'a bidi override in an error message from the body', text: () => diagnostic(httpErrorLine(400, 'Bad Request', `bad ${BIDI}`))},
    {name: 'a C1 CSI in the reason phrase of a proxy that refused the tunnel (auth status shows it as is)', text: () => proxyRefusedLine(403, `Denied${CSI_C1}`, {kind: 'proxy', url: new URL('http://p:3128'), source: 'HTTPS_PROXY', label: 'http://p:3128'})},
    {name: 'an Arabic letter mark in a header value of -i', text: () => responseHead('1.1', 200, 'OK', ['X-A', ALM], mask)},
    {name: 'an Arabic letter mark in an error message from the body', text: () => diagnostic(httpErrorLine(400, 'Bad Request', ALM))},
    {name: 'an Arabic letter mark in a body on a terminal', text: () => neutralizeControls(`{"a":"${ALM}"}`)},
    {name: 'an Arabic letter mark in a table cell', text: () => oneLine(ALM)},
  ])('$name is shown escaped', ({text}) => {
    const out = text()
    expect(unsafe(out), JSON.stringify(out)).toBe(false)
  })

  it('shows an escaped control as \\u001b, so the reader still sees it was there', () => {
    expect(responseHead('1.1', 200, `OK${OSC}`, [], mask)).toBe('HTTP/1.1 200 OK\\u001b]0;pwned\\u0007\n\n')
  })
})

describe('a configured secret the server echoes is masked', () => {
  // No Datadog shape: only masking by configured value can catch it.
  const SECRET = 'plainSECRETvalue00001'
  const masked = createMasker([SECRET])
  it.each([
    {name: 'in the reason phrase of -i', text: () => responseHead('1.1', 200, `OK ${SECRET}`, ['X-A', 'b'], masked)},
    {name: 'in a header value of -i', text: () => responseHead('1.1', 200, 'OK', ['X-A', `b ${SECRET}`], masked)},
    {name: 'in a header name of -i', text: () => responseHead('1.1', 200, 'OK', [`X-${SECRET}`, 'b'], masked)},
    {name: 'in the reason phrase of --verbose', text: () => verboseEvent({type: 'response', status: 200, statusText: `OK ${SECRET}`, httpVersion: '1.1', headers: {}, elapsedMs: 1}, masked)},
    {name: 'in a response header value of --verbose', text: () => verboseEvent({type: 'response', status: 200, statusText: 'OK', httpVersion: '1.1', headers: {'x-a': SECRET}, elapsedMs: 1}, masked)},
    {name: 'in a response header name of --verbose', text: () => verboseEvent({type: 'response', status: 200, statusText: 'OK', httpVersion: '1.1', headers: {[`x-${SECRET}`]: 'b'}, elapsedMs: 1}, masked)},
    {name: 'in the rate limit name of a --verbose retry line', text: () => verboseEvent({type: 'retry', cause: `rate limited (${SECRET})`, delayMs: 1000, attempt: 1, max: 3}, masked)},
    {name: 'in the give-up line of --verbose', text: () => verboseEvent({type: 'give-up', cause: `rate limited (${SECRET}), gave up after 3 attempts`}, masked)},
    {name: 'in a redirect location of --verbose', text: () => verboseEvent({type: 'redirect', status: 302, to: new URL(`http://h/?next=${SECRET}`), followed: true}, masked)},
  ])('$name', ({text}) => {
    const out = text()
    expect(out).not.toContain(SECRET.slice(0, -4))
    expect(out).toContain('****0001')
  })
})

describe('errorLine and warningLine', () => {
  it.each([
    {name: 'an error line is plain without colour', line: errorLine('bad\nthing', 0), want: 'ddcli: bad thing\n'},
    {name: 'an error line has a red prefix with colour', line: errorLine('bad', 1), want: '\u001b[31mddcli:\u001b[39m bad\n'},
    {name: 'a warning line is plain without colour', line: warningLine('careful', 0), want: 'ddcli: careful\n'},
    {name: 'a warning line has a yellow prefix at any colour level', line: warningLine('careful', 3), want: '\u001b[33mddcli:\u001b[39m careful\n'},
  ])('$name', ({line, want}) => {
    expect(line).toBe(want)
  })
})

describe('httpErrorLine cut short', () => {
  // The masker hides a key only whole: a cut at 297 characters printed the first part of a key the server echoed.
  it('never ends in part of an echoed key', () => {
    const key = 'abcdef0123456789abcdef0123456789'
    const line = httpErrorLine(403, 'Forbidden', `${'word '.repeat(58)}xx ${key} is not valid`)
    expect(line).not.toMatch(/abcdef/)
    expect(line).toMatch(/ xx \.\.\.$/)
  })
})
