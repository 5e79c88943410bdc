import {describe, expect, it} from 'vitest'
import {csvField, tsvField} from '../../src/output/delimited-sink.js'
import {compactJson, JsonNumber, parseExact} from '../../src/output/exact-json.js'
import {looksLikeFile, parseFormat, resolveFormat} from '../../src/output/format.js'
import {cellText, chooseColumns, listOf, rowView} from '../../src/output/rows.js'

describe('resolveFormat', () => {
  const none = {source: 'config.json [profile default]'}
  const stored = (value: string) => ({value, source: 'config.json [profile default]'})
  it.each([
    {name: 'nothing set: json', flag: undefined, env: {}, profile: none, tty: true, format: 'json', source: 'default'},
    {name: 'the flag, piped', flag: 'csv', env: {DD_OUTPUT: 'yaml'}, profile: stored('table'), tty: false, format: 'csv', source: '--output'},
    {name: 'the flag, on a terminal', flag: 'JSON', env: {DD_OUTPUT: 'yaml'}, profile: none, tty: true, format: 'json', source: '--output'},
    {name: 'DD_OUTPUT on a terminal', flag: undefined, env: {DD_OUTPUT: 'yaml'}, profile: stored('table'), tty: true, format: 'yaml', source: 'DD_OUTPUT'},
    {name: 'DD_OUTPUT piped: json', flag: undefined, env: {DD_OUTPUT: 'yaml'}, profile: none, tty: false, format: 'json', source: 'default'},
    {name: 'a blank DD_OUTPUT: the profile', flag: undefined, env: {DD_OUTPUT: ' '}, profile: stored('tsv'), tty: true, format: 'tsv', source: 'config.json [profile default]'},
    {name: 'the profile piped: json', flag: undefined, env: {}, profile: stored('table'), tty: false, format: 'json', source: 'default'},
    {name: 'DD_OUTPUT=json piped: json from DD_OUTPUT', flag: undefined, env: {DD_OUTPUT: 'json'}, profile: stored('table'), tty: false, format: 'json', source: 'DD_OUTPUT'},
  ])('$name', ({flag, env, profile, tty, format, source}) => {
    const resolved = resolveFormat(flag, env, profile, tty)
    expect(resolved.format).toBe(format)
    expect(resolved.source).toBe(source)
  })

  it('says which setting was not applied when piped, for --columns to explain', () => {
    expect(resolveFormat(undefined, {}, stored('table'), false).ignored).toEqual({format: 'table', source: 'config.json [profile default]'})
  })

  it.each([
    {name: 'a bad flag is a usage error (2)', run: () => resolveFormat('tabel', {}, none, true), code: 2, message: 'unknown output format "tabel" in -o/--output; did you mean table?'},
    {name: 'a bad DD_OUTPUT is a configuration error (3), even piped', run: () => resolveFormat(undefined, {DD_OUTPUT: 'xml'}, none, false), code: 3, message: 'unknown output format "xml" in DD_OUTPUT; use json, yaml, table, csv or tsv'},
    {name: 'a bad profile value names the file', run: () => resolveFormat(undefined, {}, stored('cvs'), false), code: 3, message: 'unknown output format "cvs" in config.json [profile default]; did you mean csv?'},
    {name: 'a file-like value in DD_OUTPUT gets no curl hint', run: () => resolveFormat(undefined, {DD_OUTPUT: 'out.json'}, none, true), code: 3, message: 'unknown output format "out.json" in DD_OUTPUT; use json, yaml, table, csv or tsv'},
  ])('$name', ({run, code, message}) => {
    expect(run).toThrow(expect.objectContaining({exitCode: code, message}))
  })

  it.each([
    {value: 'out.json', file: true}, {value: '/tmp/x', file: true}, {value: '-', file: true}, {value: '~/x', file: true}, {value: 'C:\\x', file: true},
    {value: 'tabel', file: false}, {value: 'xml', file: false},
  ])('looksLikeFile($value) is $file', ({value, file}) => {
    expect(looksLikeFile(value)).toBe(file)
  })

  it('parseFormat trims and lowers', () => {
    expect(parseFormat(' YAML ', 'flag', '-o')).toBe('yaml')
  })
})

describe('parseExact and compactJson', () => {
  it.each([
    {name: 'a 64-bit integer', text: '{"id":12345678901234567891}', compact: '{"id":12345678901234567891}'},
    {name: 'a long decimal, and a number beyond a double', text: '[0.12345678901234567891, -1e400]', compact: '[0.12345678901234567891,-1e400]'},
    {name: 'digits inside a string are left alone', text: '{"s":"12345678901234567891","n":1}', compact: '{"s":"12345678901234567891","n":1}'},
    {name: 'a string with an escaped quote before a number', text: '{"s":"a\\"12345678901234567891","n":12345678901234567891}', compact: '{"s":"a\\"12345678901234567891","n":12345678901234567891}'},
    {name: 'numbers a double holds stay numbers', text: '[9007199254740991, 1.5, 100000000000000000000000000000e-10]', compact: '[9007199254740991,1.5,100000000000000000000000000000e-10]'},
  ])('$name', ({text, compact}) => {
    expect(compactJson(parseExact(text))).toBe(compact)
  })

  it('marks only the numbers a double would round', () => {
    expect(parseExact('[12345678901234567891, 5]')).toEqual([new JsonNumber('12345678901234567891'), 5])
  })
})

describe('rows', () => {
  it.each([
    {name: 'a bare array', value: [1, 2], path: undefined, guess: false, list: [1, 2]},
    {name: 'JSON:API data', value: {data: [{id: 'a'}], meta: {}}, path: undefined, guess: false, list: [{id: 'a'}]},
    {name: 'the spec\'s resultsPath', value: {data: {attributes: {incidents: [1]}}}, path: ['data', 'attributes', 'incidents'], guess: false, list: [1]},
    {name: 'a resultsPath that is not there falls back to data', value: {data: [2]}, path: ['dashboards'], guess: false, list: [2]},
    {name: 'a guessed list property', value: {hosts: [{name: 'h'}], total: 1}, path: undefined, guess: true, list: [{name: 'h'}]},
    {name: 'no guess without asking', value: {hosts: [{name: 'h'}], total: 1}, path: undefined, guess: false, list: undefined},
    {name: 'no guess in an object with an id', value: {id: 1, widgets: [{id: 2}]}, path: undefined, guess: true, list: undefined},
    {name: 'no guess between two lists', value: {a: [{}], b: [{}]}, path: undefined, guess: true, list: undefined},
    {name: 'a scalar', value: 'x', path: undefined, guess: true, list: undefined},
  ])('listOf: $name', ({value, path, guess, list}) => {
    expect(listOf(value, path, guess)).toEqual(list)
  })

  it.each([
    {name: 'a JSON:API resource: id, type, then attributes (its own id does not win)', item: {type: 't', id: 'x', attributes: {id: 'inner', a: 1}, relationships: {}}, view: {id: 'x', type: 't', a: 1}},
    {name: 'a plain object as it is', item: {a: 1, attributes: 'x'}, view: {a: 1, attributes: 'x'}},
    {name: 'a scalar as value', item: 3, view: {value: 3}},
  ])('rowView: $name', ({item, view}) => {
    expect(rowView(item)).toEqual(view)
  })

  it('chooseColumns puts id and type first, then scalars, then nested keys, and counts them all', () => {
    expect(chooseColumns([{tags: [], name: 'a', id: 1}, {type: 't', extra: {x: 1}, count: 2}], 4)).toEqual({columns: ['id', 'type', 'name', 'count'], total: 6})
  })

  it('a key that is nested in any row goes after the scalars', () => {
    expect(chooseColumns([{a: 1, b: 2}, {a: {x: 1}, b: 3}]).columns).toEqual(['b', 'a'])
  })

  it.each([
    {value: null, text: ''}, {value: undefined, text: ''}, {value: 'a,b', text: 'a,b'}, {value: false, text: 'false'},
    {value: new JsonNumber('12345678901234567891'), text: '12345678901234567891'}, {value: {a: [1, 'x']}, text: '{"a":[1,"x"]}'},
  ])('cellText($value) is $text', ({value, text}) => {
    expect(cellText(value)).toBe(text)
  })
})

describe('csv and tsv fields', () => {
  it.each([
    {name: 'plain text', text: 'abc', csv: 'abc', tsv: 'abc'},
    {name: 'a comma', text: 'a,b', csv: '"a,b"', tsv: 'a,b'},
    {name: 'a quote', text: 'say "hi"', csv: '"say ""hi"""', tsv: 'say "hi"'},
    {name: 'a line break', text: 'a\nb', csv: '"a\nb"', tsv: 'a\\nb'},
    {name: 'a CR', text: 'a\rb', csv: '"a\rb"', tsv: 'a\\rb'},
    {name: 'a tab', text: 'a\tb', csv: 'a\tb', tsv: 'a\\tb'},
    {name: 'a backslash', text: 'a\\b', csv: 'a\\b', tsv: 'a\\\\b'},
    {name: 'a formula', text: '=1+1', csv: "'=1+1", tsv: '=1+1'},
    {name: 'a formula with a comma', text: '=SUM(A1,B1)', csv: `"'=SUM(A1,B1)"`, tsv: '=SUM(A1,B1)'},
    {name: 'a leading +', text: '+1 day', csv: "'+1 day", tsv: '+1 day'},
    {name: 'a leading @', text: '@here', csv: "'@here", tsv: '@here'},
    {name: 'a leading tab', text: '\t=1', csv: "'\t=1", tsv: '\\t=1'},
    {name: 'empty', text: '', csv: '', tsv: ''},
  ])('$name', ({text, csv, tsv}) => {
    expect(csvField(text)).toBe(csv)
    expect(tsvField(text)).toBe(tsv)
  })

  it('a number is never marked as a formula', () => {
    expect(csvField('-5', true)).toBe('-5')
  })
})
