import {describe, expect, it} from 'vitest'

import {
  appendQuery,
  FieldError,
  type FieldSource,
  type FieldSpec,
  type FieldValue,
  fieldsToBody,
  fieldsToQuery,
  parseFieldArg,
  resolveFieldValues,
} from '../../src/http/fields.js'

const secret = 'hunter2-secret'

function fakeReader(files: Record<string, string>, stdin?: string) {
  const calls: FieldSource[] = []
  const read = async (source: FieldSource): Promise<string> => {
    calls.push(source)
    if (source.kind === 'stdin') {
      if (stdin === undefined) throw new Error('no stdin in this test')
      return stdin
    }
    const content = files[source.path]
    if (content === undefined) throw new Error(`no such file: ${source.path}`)
    return content
  }
  return {calls, read}
}

const noReads = fakeReader({}).read

function resolved(...pairs: Array<[string, FieldValue]>) {
  return pairs.map(([key, value]) => ({key, value}))
}

function errorOf(run: () => unknown): FieldError {
  try {
    run()
  } catch (error: unknown) {
    if (error instanceof FieldError) return error
    throw error
  }
  throw new Error('expected a FieldError, nothing was thrown')
}

async function asyncErrorOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  } catch (error: unknown) {
    return error
  }
  throw new Error('expected an error, nothing was thrown')
}

describe('parseFieldArg', () => {
  it.each([
    {name: 'splits a plain key=value', arg: 'name=web', typed: false, spec: {key: 'name', raw: 'web', typed: false}},
    {name: 'splits on the first = only', arg: 'a=b=c', typed: true, spec: {key: 'a', raw: 'b=c', typed: true}},
    {name: 'keeps an empty value', arg: 'a=', typed: true, spec: {key: 'a', raw: '', typed: true}},
    {name: 'keeps bracket keys exactly as given', arg: 'filter[query]=service:web', typed: false, spec: {key: 'filter[query]', raw: 'service:web', typed: false}},
    {name: 'keeps spaces in keys and values', arg: ' a b = c ', typed: false, spec: {key: ' a b ', raw: ' c ', typed: false}},
    {name: 'reads key[] alone as an empty array, as gh does', arg: 'tags[]', typed: false, spec: {key: 'tags', raw: '[]', typed: true}},
    {name: 'reads a nested key[] alone as an empty array', arg: 'a[b][]', typed: false, spec: {key: 'a[b]', raw: '[]', typed: true}},
  ])('$name', ({arg, typed, spec}) => {
    expect(parseFieldArg(arg, typed)).toEqual(spec)
  })

  it.each([
    {name: 'rejects an argument without =', arg: 'foo', message: 'field "foo" has no "=": write key=value, or key[] for an empty array'},
    {name: 'rejects a bare []', arg: '[]', message: 'field "[]" has no "=": write key=value, or key[] for an empty array'},
    {name: 'rejects an empty key without echoing the value', arg: `=${secret}`, message: 'field key is empty (the argument starts with "="): write key=value'},
    {name: 'rejects an argument that is only =', arg: '=', message: 'field key is empty (the argument starts with "="): write key=value'},
  ])('$name', ({arg, message}) => {
    const error = errorOf(() => parseFieldArg(arg, true))
    expect(error.message).toBe(message)
    expect(error.name).toBe('FieldError')
  })
})

describe('resolveFieldValues', () => {
  it.each([
    {name: 'turns typed true into a boolean', raw: 'true', typed: true, value: true},
    {name: 'turns typed false into a boolean', raw: 'false', typed: true, value: false},
    {name: 'turns typed null into null', raw: 'null', typed: true, value: null},
    {name: 'turns a typed integer into a number', raw: '12', typed: true, value: 12},
    {name: 'turns a typed zero into a number', raw: '0', typed: true, value: 0},
    {name: 'turns a typed negative fraction into a number', raw: '-3.5', typed: true, value: -3.5},
    {name: 'turns a typed exponent into a number', raw: '1e3', typed: true, value: 1000},
    {name: 'turns a typed signed exponent into a number', raw: '2.5E-1', typed: true, value: 0.25},
    {name: 'keeps a leading-zero number as a string', raw: '012', typed: true, value: '012'},
    {name: 'keeps hex as a string', raw: '0x10', typed: true, value: '0x10'},
    {name: 'keeps a plus sign as a string', raw: '+5', typed: true, value: '+5'},
    {name: 'keeps a trailing dot as a string', raw: '1.', typed: true, value: '1.'},
    {name: 'keeps a leading dot as a string', raw: '.5', typed: true, value: '.5'},
    {name: 'keeps a padded number as a string', raw: ' 12', typed: true, value: ' 12'},
    {name: 'keeps Infinity as a string', raw: 'Infinity', typed: true, value: 'Infinity'},
    {name: 'keeps capitalised True as a string', raw: 'True', typed: true, value: 'True'},
    {name: 'keeps an empty typed value as an empty string', raw: '', typed: true, value: ''},
    {name: 'keeps other typed text as a string', raw: 'service:web', typed: true, value: 'service:web'},
    {name: 'keeps the largest safe integer as a number', raw: '9007199254740991', typed: true, value: 9007199254740991},
    {name: 'keeps raw true as a string', raw: 'true', typed: false, value: 'true'},
    {name: 'keeps raw null as a string', raw: 'null', typed: false, value: 'null'},
    {name: 'keeps raw digits as a string', raw: '12', typed: false, value: '12'},
    {name: 'keeps a raw @path as a string without reading it', raw: '@body.json', typed: false, value: '@body.json'},
    {name: 'keeps a raw @- as a string without reading stdin', raw: '@-', typed: false, value: '@-'},
  ])('$name', async ({raw, typed, value}) => {
    const reader = fakeReader({})
    expect(await resolveFieldValues([{key: 'k', raw, typed}], reader.read)).toEqual([{key: 'k', value}])
    expect(reader.calls).toEqual([])
  })

  it('reads @path and @- through the reader in flag order and keeps content exactly', async () => {
    const reader = fakeReader({'query.txt': 'status:error\n', 'a=b.txt': '12'}, '{"x": 1}\n')
    const specs: FieldSpec[] = [
      {key: 'q', raw: '@query.txt', typed: true},
      {key: 'plain', raw: 'x', typed: false},
      {key: 'n', raw: '@a=b.txt', typed: true},
      {key: 'doc', raw: '@-', typed: true},
    ]
    expect(await resolveFieldValues(specs, reader.read)).toEqual([
      {key: 'q', value: 'status:error\n'},
      {key: 'plain', value: 'x'},
      {key: 'n', value: '12'},
      {key: 'doc', value: '{"x": 1}\n'},
    ])
    expect(reader.calls).toEqual([{kind: 'file', path: 'query.txt'}, {kind: 'file', path: 'a=b.txt'}, {kind: 'stdin'}])
  })

  it('refuses @- on two fields before reading anything', async () => {
    const reader = fakeReader({'f.txt': 'x'}, secret)
    const specs: FieldSpec[] = [
      {key: 'f', raw: '@f.txt', typed: true},
      {key: 'first', raw: '@-', typed: true},
      {key: 'second', raw: '@-', typed: true},
    ]
    const error = await asyncErrorOf(() => resolveFieldValues(specs, reader.read))
    expect(error).toBeInstanceOf(FieldError)
    expect((error as FieldError).message).toBe('fields "first" and "second" both read stdin (@-): stdin can be read once, use @path for the others')
    expect(reader.calls).toEqual([])
  })

  it('passes the reader error through unchanged', async () => {
    const failure = Object.assign(new Error('ENOENT: missing.json'), {code: 'ENOENT'})
    const error = await asyncErrorOf(() => resolveFieldValues([{key: 'k', raw: '@missing.json', typed: true}], () => Promise.reject(failure)))
    expect(error).toBe(failure)
  })

  it.each([
    {name: 'refuses an integer beyond 2^53 that would change in transit', raw: '12345678901234567890', message: 'field "trace_id" is a number too large to send exactly: use -f to send it as a string'},
    {name: 'refuses a negative integer beyond -2^53', raw: '-9007199254740993', message: 'field "trace_id" is a number too large to send exactly: use -f to send it as a string'},
    {name: 'refuses an exponent that overflows to Infinity', raw: '1e999', message: 'field "trace_id" is a number too large to send exactly: use -f to send it as a string'},
  ])('$name', async ({raw, message}) => {
    const error = await asyncErrorOf(() => resolveFieldValues([{key: 'trace_id', raw, typed: true}], noReads))
    expect(error).toBeInstanceOf(FieldError)
    expect((error as FieldError).message).toBe(message)
    expect((error as FieldError).message).not.toContain(raw)
  })

  it('refuses a bare @ with no path without calling the reader', async () => {
    const reader = fakeReader({})
    const error = await asyncErrorOf(() => resolveFieldValues([{key: 'body', raw: '@', typed: true}], reader.read))
    expect(error).toBeInstanceOf(FieldError)
    expect((error as FieldError).message).toBe('field "body" has "@" without a path: write @path or @- for stdin, or use -f for a literal @')
    expect(reader.calls).toEqual([])
  })
})

describe('fieldsToQuery', () => {
  it.each([
    {name: 'keeps bracket keys literal instead of nesting them', fields: resolved(['filter[query]', 'service:web'], ['page[size]', 10]), query: [['filter[query]', 'service:web'], ['page[size]', '10']]},
    {name: 'stringifies booleans, null and numbers', fields: resolved(['a', true], ['b', false], ['c', null], ['d', -3.5]), query: [['a', 'true'], ['b', 'false'], ['c', 'null'], ['d', '-3.5']]},
    {name: 'writes numbers in canonical form', fields: resolved(['n', 1000]), query: [['n', '1000']]},
    {name: 'repeats a repeated key in flag order', fields: resolved(['tags', 'a'], ['x', '1'], ['tags', 'b']), query: [['tags', 'a'], ['x', '1'], ['tags', 'b']]},
    {name: 'keeps malformed-looking keys as given', fields: resolved(['a[b', '1'], ['[a]', '2']), query: [['a[b', '1'], ['[a]', '2']]},
    {name: 'returns nothing for no fields', fields: resolved(), query: []},
  ])('$name', ({fields, query}) => {
    expect(fieldsToQuery(fields)).toEqual(query)
  })
})

describe('appendQuery', () => {
  it.each([
    {name: 'starts a query string on a bare path', path: '/api/v2/logs/events', query: [['filter[query]', 'service:web status:error']], url: '/api/v2/logs/events?filter%5Bquery%5D=service%3Aweb%20status%3Aerror'},
    {name: 'appends after an existing query string', path: '/api/v1/monitor?page=0', query: [['page_size', '10']], url: '/api/v1/monitor?page=0&page_size=10'},
    {name: 'does not double a trailing ?', path: '/api/v1/monitor?', query: [['a', '1']], url: '/api/v1/monitor?a=1'},
    {name: 'does not double a trailing &', path: '/api/v1/monitor?a=1&', query: [['b', '2']], url: '/api/v1/monitor?a=1&b=2'},
    {name: 'keeps repeated keys and encodes + and &', path: '/x', query: [['tag', 'a+b'], ['tag', 'c&d']], url: '/x?tag=a%2Bb&tag=c%26d'},
    {name: 'leaves the path alone when there are no fields', path: '/x?y=1', query: [], url: '/x?y=1'},
  ])('$name', ({path, query, url}) => {
    expect(appendQuery(path, query as Array<[string, string]>)).toBe(url)
  })
})

describe('fieldsToBody', () => {
  it.each([
    {name: 'sets flat keys with their types', fields: resolved(['name', 'web'], ['count', 3], ['on', true], ['gone', null]), body: {name: 'web', count: 3, on: true, gone: null}},
    {name: 'nests a[b]', fields: resolved(['a[b]', 'v']), body: {a: {b: 'v'}}},
    {name: 'nests a[b][c] and merges siblings', fields: resolved(['a[b][c]', 1], ['a[b][d]', 2], ['a[e]', 3]), body: {a: {b: {c: 1, d: 2}, e: 3}}},
    {name: 'appends a[] values to an array', fields: resolved(['a[]', 1], ['a[]', 2]), body: {a: [1, 2]}},
    {name: 'appends to an array inside an object', fields: resolved(['data[attributes][tags][]', 'env:prod'], ['data[attributes][tags][]', 'team:x'], ['data[type]', 'monitors']), body: {data: {attributes: {tags: ['env:prod', 'team:x']}, type: 'monitors'}}},
    {name: 'fills the last object of a[][b] until a key repeats', fields: resolved(['items[][name]', 'a'], ['items[][value]', 1], ['items[][name]', 'b'], ['items[][value]', 2]), body: {items: [{name: 'a', value: 1}, {name: 'b', value: 2}]}},
    {name: 'keeps appending to an array inside the last object', fields: resolved(['q[][tags][]', 'x'], ['q[][tags][]', 'y'], ['q[][name]', 'n']), body: {q: [{tags: ['x', 'y'], name: 'n'}]}},
    {name: 'merges nested objects inside the last object', fields: resolved(['q[][meta][k]', 1], ['q[][meta][j]', 2], ['q[][meta][k]', 3]), body: {q: [{meta: {k: 1, j: 2}}, {meta: {k: 3}}]}},
    {name: 'starts an object after plain array values', fields: resolved(['a[]', 1], ['a[][b]', 2]), body: {a: [1, {b: 2}]}},
    {name: 'starts a new object when the last one has that key as a string', fields: resolved(['a[][b]', 'x'], ['a[][b][c]', 1]), body: {a: [{b: 'x'}, {b: {c: 1}}]}},
    {name: 'nests arrays of objects inside arrays of objects', fields: resolved(['a[][b][][c]', 1], ['a[][b][][c]', 2], ['a[][d]', 3]), body: {a: [{b: [{c: 1}, {c: 2}], d: 3}]}},
    {name: 'keeps a __proto__ key as data', fields: resolved(['__proto__[polluted]', 'yes']), body: {['__proto__']: {polluted: 'yes'}}},
    {name: 'builds an empty object from no fields', fields: resolved(), body: {}},
  ])('$name', ({fields, body}) => {
    expect(JSON.stringify(fieldsToBody(fields))).toBe(JSON.stringify(body))
  })

  it('does not pollute Object.prototype through __proto__ or constructor keys', () => {
    fieldsToBody(resolved(['__proto__[polluted]', 'yes'], ['constructor[prototype][polluted]', 'yes']))
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('parses, resolves and nests a field end to end, splitting on the first =', async () => {
    const specs = ['a[b]=c=d', 'n=1e3'].map((arg) => parseFieldArg(arg, true))
    expect(JSON.stringify(fieldsToBody(await resolveFieldValues(specs, noReads)))).toBe('{"a":{"b":"c=d"},"n":1000}')
  })

  it.each([
    {name: 'refuses to nest under a string', keys: ['a', 'a[b]'], message: 'field "a[b]" conflicts with "a": a is already a string; drop one of them or rename one'},
    {name: 'refuses to nest under a typed number', keys: ['a', 'a[b]'], values: [7, 8], message: 'field "a[b]" conflicts with "a": a is already a number; drop one of them or rename one'},
    {name: 'refuses to nest under null', keys: ['a', 'a[b]'], values: [null, 8], message: 'field "a[b]" conflicts with "a": a is already null; drop one of them or rename one'},
    {name: 'refuses to replace an object with a value', keys: ['a[b]', 'a'], message: 'field "a" conflicts with "a[b]": a is already an object; drop one of them or rename one'},
    {name: 'refuses to use an array as an object', keys: ['a[]', 'a[b]'], message: 'field "a[b]" conflicts with "a[]": a is already an array; drop one of them or rename one'},
    {name: 'refuses to use an object as an array', keys: ['a[b]', 'a[]'], message: 'field "a[]" conflicts with "a[b]": a is already an object; drop one of them or rename one'},
    {name: 'refuses to append to a string', keys: ['a', 'a[]'], message: 'field "a[]" conflicts with "a": a is already a string; drop one of them or rename one'},
    {name: 'refuses to replace an array with a value', keys: ['a[]', 'a'], message: 'field "a" conflicts with "a[]": a is already an array; drop one of them or rename one'},
    {name: 'names the nested path in a deep conflict', keys: ['x[y][z]', 'x[y]'], message: 'field "x[y]" conflicts with "x[y][z]": x[y] is already an object; drop one of them or rename one'},
    {name: 'refuses a key given twice', keys: ['a', 'a'], message: 'field "a" is given twice: give each key once, or use a[] for a list'},
    {name: 'refuses a nested key given twice', keys: ['a[b]', 'a[b]'], message: 'field "a[b]" is given twice: give each key once, or use a[b][] for a list'},
    {name: 'refuses an unclosed bracket', keys: ['a[b'], message: 'field "a[b" has malformed brackets: write name, name[key], name[] or combinations like name[][key]'},
    {name: 'refuses a stray closing bracket', keys: ['a]'], message: 'field "a]" has malformed brackets: write name, name[key], name[] or combinations like name[][key]'},
    {name: 'refuses text after a bracket', keys: ['a[b]c'], message: 'field "a[b]c" has malformed brackets: write name, name[key], name[] or combinations like name[][key]'},
    {name: 'refuses a key that starts with a bracket', keys: ['[a]'], message: 'field "[a]" has malformed brackets: write name, name[key], name[] or combinations like name[][key]'},
    {name: 'refuses nested brackets', keys: ['a[[b]]'], message: 'field "a[[b]]" has malformed brackets: write name, name[key], name[] or combinations like name[][key]'},
    {name: 'refuses arrays directly inside arrays', keys: ['a[][]'], message: 'field "a[][]" puts an array directly in an array, which is not supported: use name[][key] for a list of objects'},
  ])('$name', ({keys, values, message}) => {
    const fields = keys.map((key, i) => ({key, value: values === undefined ? `${secret}-${i}` : (values[i] as FieldValue)}))
    const error = errorOf(() => fieldsToBody(fields))
    expect(error.message).toBe(message)
    expect(error.message).not.toContain(secret)
  })
})
