import {describe, expect, it} from 'vitest'
import type {Resolved, Settings} from '../../src/credentials/resolve.js'
import {statusReport} from '../../src/auth/status-report.js'
import {
  PAT_AS_APP_KEY_NOTE, checkFailedMessage, clearedLine, envPrecedenceNote, listWords, nothingClearedLine, statusJson, statusText,
} from '../../src/auth/render.js'
import {configListText, unknownKeyMessage} from '../../src/output/config-render.js'
import {cut, fitWidths, renderTable} from '../../src/output/table.js'

const FILE = '/home/u/.config/ddcli/config.json'
const LABEL = `${FILE} [profile default]`
const PAT = 'ddpat_0123456789abcdefWXYZ'
const API_KEY = '0123456789abcdef0123456789ab1234'
const unset: Resolved = {value: undefined, origin: 'unset', source: 'not set'}

function settings(parts: Partial<Settings>): Settings {
  return {
    profile: {value: 'default', origin: 'default', source: 'default'},
    pat: unset,
    apiKey: unset,
    appKey: unset,
    site: {value: 'datadoghq.com', origin: 'default', source: 'default'},
    apiUrl: {value: 'https://api.datadoghq.com', origin: 'default', source: 'default for datadoghq.com'},
    ...parts,
  }
}

const piped = {tty: false, color: 0 as const}
const tty = {tty: true, color: 0 as const}

describe('cut and fitWidths', () => {
  it.each([
    {name: 'short text is kept', text: 'abc', width: 5, at: 'end' as const, out: 'abc'},
    {name: 'a message keeps its start', text: 'abcdefgh', width: 5, at: 'end' as const, out: 'abcd…'},
    {name: 'a path keeps its end', text: '/a/b/config.json', width: 8, at: 'start' as const, out: '…ig.json'},
    {name: 'CJK characters count two columns each', text: '日本語のプロファイル', width: 7, at: 'end' as const, out: '日本語…'},
    {name: 'a wide character that would pass the width is left out', text: 'a日本語', width: 5, at: 'end' as const, out: 'a日…'},
    {name: 'an emoji is never split in half', text: 'x👍🏽👍🏽👍🏽', width: 4, at: 'start' as const, out: '…👍🏽'},
    {name: 'wide text that fits is kept', text: '日本', width: 4, at: 'end' as const, out: '日本'},
  ])('cut: $name', ({text, width, at, out}) => {
    expect(cut(text, width, at)).toBe(out)
  })

  it.each([
    {name: 'no terminal width keeps natural widths', natural: [5, 40, 60], width: undefined, out: [5, 40, 60]},
    {name: 'a wide terminal keeps natural widths', natural: [5, 40, 60], width: 200, out: [5, 40, 60]},
    {name: 'the widest cuttable column shrinks first', natural: [5, 20, 60], width: 70, out: [5, 20, 41]},
    {name: 'both cuttable columns shrink when needed', natural: [5, 30, 30], width: 45, out: [5, 18, 18]},
    {name: 'columns never shrink below 12', natural: [5, 30, 30], width: 10, out: [5, 12, 12]},
  ])('fitWidths: $name', ({natural, width, out}) => {
    expect(fitWidths([{header: 'A'}, {header: 'B', cut: 'end'}, {header: 'C', cut: 'start'}], natural, width)).toEqual(out)
  })

  it.each([
    {name: 'piped output is tab-separated without a header', layout: piped, out: 'a\tb\nc\td\n'},
    {name: 'terminal output is aligned with a header', layout: tty, out: 'K  V\na  b\nc  d\n'},
    {name: 'colour is off at level 0', layout: {...tty, color: 0 as const}, out: 'K  V\na  b\nc  d\n'},
    {name: 'wide characters are padded by the columns they take', layout: tty, rows: [[{text: '日本'}, {text: 'b'}], [{text: 'c'}, {text: 'd'}]], out: 'K     V\n日本  b\nc     d\n'},
  ])('renderTable: $name', ({layout, out, rows}) => {
    expect(renderTable([{header: 'K'}, {header: 'V'}], rows ?? [[{text: 'a'}, {text: 'b'}], [{text: 'c'}, {text: 'd', style: 'dim'}]], layout)).toBe(out)
  })

  it.each([
    {name: 'the lowest rank gives way first, down to its minimum, before the next rank', natural: [30, 6, 40, 30], width: 80, out: [30, 6, 36, 2]},
    {name: 'the next rank gives way once the first is at its minimum', natural: [30, 6, 40, 30], width: 70, out: [30, 6, 26, 2]},
  ])('fitWidths with ranks: $name', ({natural, width, out}) => {
    const columns = [{header: 'A', cut: 'end' as const, rank: 2}, {header: 'B'}, {header: 'C', cut: 'end' as const, min: 10, rank: 1}, {header: 'D', cut: 'end' as const, min: 2, rank: 0}]
    expect(fitWidths(columns, natural, width)).toEqual(out)
  })

  it.each([
    {name: 'a terminal table leaves out a hideEmpty column no row uses', layout: tty, out: 'K  V\na  b\n'},
    {name: 'a piped table keeps it, empty', layout: piped, out: 'a\t\tb\n'},
  ])('renderTable: $name', ({layout, out}) => {
    expect(renderTable([{header: 'K'}, {header: 'S', hideEmpty: true}, {header: 'V'}], [[{text: 'a'}, {text: ''}, {text: 'b'}]], layout)).toBe(out)
  })

  it('renderTable prints nothing for no rows when piped', () => {
    expect(renderTable([{header: 'K'}], [], piped)).toBe('')
  })

  it('renderTable keeps control characters and line breaks out of cells', () => {
    expect(renderTable([{header: 'K'}], [[{text: 'a\u001b[2Jb\nc'}]], piped)).toBe('a [2Jb c\n')
  })
})

describe('statusText and statusJson', () => {
  it.each([
    {
      name: 'piped, a stored PAT and nothing else',
      s: settings({pat: {value: PAT, origin: 'config', source: LABEL}}), layout: piped,
      out: `profile\tdefault\tdefault\nPAT\t****WXYZ\t${LABEL}\nAPI key\t\tnot set\napplication key\t\tnot set\nsite\tdatadoghq.com\tdefault\nAPI URL\thttps://api.datadoghq.com\tdefault for datadoghq.com\n${PAT_AS_APP_KEY_NOTE}\n`,
    },
    {
      name: 'piped, an API key from the env and no PAT note',
      s: settings({apiKey: {value: API_KEY, origin: 'env', source: 'DD_API_KEY'}}), layout: piped,
      out: 'profile\tdefault\tdefault\nPAT\t\tnot set\nAPI key\t****1234\tDD_API_KEY\napplication key\t\tnot set\nsite\tdatadoghq.com\tdefault\nAPI URL\thttps://api.datadoghq.com\tdefault for datadoghq.com\n',
    },
    {
      name: 'on a terminal, aligned with a header',
      s: settings({apiKey: {value: API_KEY, origin: 'flag', source: '--api-key'}}), layout: tty,
      out: [
        'NAME             VALUE                      SOURCE',
        'profile          default                    default',
        'PAT                                         not set',
        'API key          ****1234                   --api-key',
        'application key                             not set',
        'site             datadoghq.com              default',
        'API URL          https://api.datadoghq.com  default for datadoghq.com',
        '',
      ].join('\n'),
    },
  ])('statusText: $name', ({s, layout, out}) => {
    expect(statusText(statusReport(s, FILE), layout)).toBe(out)
  })

  it('statusText fits a narrow terminal by cutting the source from the left', () => {
    const text = statusText(statusReport(settings({pat: {value: PAT, origin: 'config', source: LABEL}}), FILE), {...tty, width: 60})
    for (const line of text.trimEnd().split('\n').slice(0, -1)) expect(line.length).toBeLessThanOrEqual(60)
    expect(text).toContain('…')
    expect(text).toContain('[profile default]')
  })

  it.each([
    {name: 'valid', check: {state: 'valid' as const, status: 200}, cell: 'valid'},
    {name: 'invalid', check: {state: 'invalid' as const, status: 403, detail: 'HTTP 403 Forbidden'}, cell: 'invalid: HTTP 403 Forbidden'},
    {name: 'unreachable', check: {state: 'unreachable' as const, detail: 'no response from h: connection refused'}, cell: 'not checked: no response from h: connection refused'},
  ])('statusText shows a $name check in a fourth column', ({check, cell}) => {
    const text = statusText(statusReport(settings({apiKey: {value: API_KEY, origin: 'env', source: 'DD_API_KEY'}}), FILE, {apiKey: check}), piped)
    expect(text).toContain(`API key\t****1234\tDD_API_KEY\t${cell}\n`)
    expect(text).toContain('PAT\t\tnot set\t\n')
  })

  it('statusJson holds masked values, sources and null for unset', () => {
    const s = settings({pat: {value: PAT, origin: 'env', source: 'DD_BEARER_TOKEN'}})
    const json = JSON.parse(statusJson(statusReport(s, FILE, {pat: {state: 'valid', status: 200}})))
    expect(json).toEqual({
      configFile: FILE,
      profile: {value: 'default', source: 'default'},
      pat: {set: true, value: '****WXYZ', source: 'DD_BEARER_TOKEN', check: {state: 'valid', status: 200}},
      apiKey: {set: false, value: null, source: 'not set'},
      appKey: {set: false, value: null, source: 'not set'},
      site: {value: 'datadoghq.com', source: 'default'},
      apiUrl: {value: 'https://api.datadoghq.com', source: 'default for datadoghq.com'},
      patAsAppKey: true,
    })
    expect(statusJson(statusReport(s, FILE))).not.toContain(PAT)
  })

  it.each([
    {name: 'a PAT and no application key', s: settings({pat: {value: PAT, origin: 'env', source: 'DD_BEARER_TOKEN'}}), expected: true},
    {name: 'a PAT and an application key', s: settings({pat: {value: PAT, origin: 'env', source: 'x'}, appKey: {value: API_KEY, origin: 'env', source: 'y'}}), expected: false},
    {name: 'no PAT', s: settings({apiKey: {value: API_KEY, origin: 'env', source: 'x'}}), expected: false},
  ])('statusReport sets patAsAppKey $expected for $name', ({s, expected}) => {
    expect(statusReport(s, FILE).patAsAppKey).toBe(expected)
  })
})

describe('messages', () => {
  it.each([
    {name: 'one word', words: ['PAT'], last: 'and', out: 'PAT'},
    {name: 'two words', words: ['PAT', 'API key'], last: 'and', out: 'PAT and API key'},
    {name: 'three words with or', words: ['a', 'b', 'c'], last: 'or', out: 'a, b or c'},
  ])('listWords joins $name', ({words, last, out}) => {
    expect(listWords(words, last)).toBe(out)
  })

  it.each([
    {name: 'one env var', out: envPrecedenceNote('API key', ['DD_API_KEY']), expected: 'note: DD_API_KEY is set in the environment and takes precedence over the stored API key; unset it to use the stored one'},
    {name: 'two env vars', out: envPrecedenceNote('site', ['DD_SITE', 'DATADOG_SITE']), expected: 'note: DD_SITE and DATADOG_SITE are set in the environment and take precedence over the stored site; unset them to use the stored one'},
    {name: 'clear', out: clearedLine(['PAT', 'API key'], LABEL), expected: `removed the PAT and API key from ${LABEL}`},
    {name: 'nothing to clear', out: nothingClearedLine(['PAT', 'API key', 'application key'], LABEL), expected: `nothing to remove: no PAT, API key or application key stored in ${LABEL}`},
    {name: 'a failed check', out: checkFailedMessage([{key: 'apiKey', label: 'API key', value: '****', source: 'x', check: {state: 'invalid', status: 403}}]), expected: 'check failed for the API key (HTTP 403); fix the value at the source shown, or store a new one with ddcli auth set-pat, set-api-key or set-app-key'},
    {name: 'an unknown config key', out: unknownKeyMessage('colour', ['site', 'api-url']), expected: 'unknown config key "colour"; valid keys: site, api-url'},
    {name: 'a credential as config key', out: unknownKeyMessage('api-key', ['site', 'api-url']), expected: 'unknown config key "api-key"; valid keys: site, api-url; credentials are stored with ddcli auth set-pat, set-api-key or set-app-key'},
  ])('wording: $name', ({out, expected}) => {
    expect(out).toBe(expected)
  })

  it.each([
    {name: 'piped, unset keys are empty', layout: piped, out: 'site\tdatadoghq.eu\napi-url\t\n'},
    {name: 'on a terminal, unset keys say not set', layout: tty, out: 'KEY      VALUE\nsite     datadoghq.eu\napi-url  not set\n'},
  ])('configListText: $name', ({layout, out}) => {
    expect(configListText([{key: 'site', value: 'datadoghq.eu'}, {key: 'api-url', value: undefined}], layout)).toBe(out)
  })
})
