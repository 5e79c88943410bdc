import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {findingLine, problemLines, SHOWN_PROBLEMS} from '../../src/call/validate.js'
import {checkBody, codePoints, type Schema, type SchemaFile} from '../../src/spec/check.js'
import {seededRandom} from '../helpers/random.js'
import {loadSchema} from '../../src/spec/schemas.js'

const file = (body: Schema, defs: Record<string, Schema> = {}): SchemaFile => ({body, defs})
const lines = (schema: SchemaFile, value: unknown) => checkBody(schema, value).errors.map(findingLine)
const warnings = (schema: SchemaFile, value: unknown) => checkBody(schema, value).warnings.map(findingLine)

const monitor = file({$ref: 'Monitor'}, {
  Monitor: {type: 'object', required: ['type', 'query'], properties: {
    name: {type: 'string', minLength: 1},
    type: {$ref: 'MonitorType'},
    query: {type: 'string'},
    priority: {type: 'integer', format: 'int64', minimum: 1, maximum: 5, nullable: true},
    id: {type: 'integer', readOnly: true},
    tags: {type: 'array', items: {type: 'string'}, maxItems: 3},
    options: {type: 'object', additionalProperties: false, properties: {thresholds: {type: 'object', properties: {critical: {type: 'number'}}}}},
    restricted_roles: {type: 'array', items: {type: 'string', format: 'uuid'}, nullable: true},
    created: {type: 'string', format: 'date-time'},
    count: {type: 'integer', format: 'int32', exclusiveMinimum: true, minimum: 0},
    labels: {type: 'object', additionalProperties: {type: 'string'}},
  }},
  MonitorType: {type: 'string', enum: ['composite', 'event alert', 'metric alert', 'query alert']},
})

describe('the body check, keyword by keyword', () => {
  it.each([
    {name: 'a valid body passes', value: {type: 'metric alert', query: 'q', priority: 3, tags: ['a'], created: '2026-01-31T12:00:00Z'}, want: []},
    {name: 'required properties are named by pointer', value: {type: 'metric alert'}, want: ['/query: expected a string (required), got nothing']},
    {name: 'a readOnly property is never required of a request', value: {type: 'metric alert', query: 'q', id: 5}, want: []},
    {name: 'types: a string where the spec says integer', value: {type: 'metric alert', query: 'q', priority: '3'}, want: ['/priority: expected an integer (int64) or null, got "3"']},
    {name: 'types: a float is not an integer', value: {type: 'metric alert', query: 'q', priority: 2.5}, want: ['/priority: expected an integer (int64) or null, got 2.5']},
    {name: 'types: the body itself', value: [1], want: ['the body: expected an object, got an array of 1']},
    {name: 'nullable allows null', value: {type: 'metric alert', query: 'q', priority: null, restricted_roles: null}, want: []},
    {name: 'null where the spec does not say nullable', value: {type: 'metric alert', query: null}, want: ['/query: expected a string, got null']},
    {name: 'enum with a did-you-mean', value: {type: 'metric-alert', query: 'q'}, want: ['/type: expected one of "composite", "event alert", "metric alert", "query alert", got "metric-alert"; did you mean "metric alert"?']},
    {name: 'minimum', value: {type: 'metric alert', query: 'q', priority: 0}, want: ['/priority: expected at least 1, got 0']},
    {name: 'maximum', value: {type: 'metric alert', query: 'q', priority: 6}, want: ['/priority: expected at most 5, got 6']},
    {name: 'exclusiveMinimum (OpenAPI 3.0 boolean)', value: {type: 'metric alert', query: 'q', count: 0}, want: ['/count: expected more than 0, got 0']},
    {name: 'int32 range', value: {type: 'metric alert', query: 'q', count: 2 ** 31}, want: ['/count: expected an int32 (-2147483648 to 2147483647), got 2147483648']},
    {name: 'minLength', value: {type: 'metric alert', query: 'q', name: ''}, want: ['/name: expected at least 1 character, got ""']},
    {name: 'maxItems', value: {type: 'metric alert', query: 'q', tags: ['a', 'b', 'c', 'd']}, want: ['/tags: expected at most 3 items, got an array of 4']},
    {name: 'array items by index', value: {type: 'metric alert', query: 'q', tags: ['a', 7]}, want: ['/tags/1: expected a string, got 7']},
    {name: 'format uuid', value: {type: 'metric alert', query: 'q', restricted_roles: ['nope']}, want: ['/restricted_roles/0: expected a UUID such as "00000000-0000-0000-0000-000000000000", got "nope"']},
    {name: 'format date-time', value: {type: 'metric alert', query: 'q', created: 'yesterday'}, want: ['/created: expected a date-time such as "2026-01-31T12:00:00Z", got "yesterday"']},
    {name: 'additionalProperties: false is an error, with a did-you-mean', value: {type: 'metric alert', query: 'q', options: {threshold: {}}}, want: ['/options/threshold: not a property the spec names here (thresholds); did you mean "thresholds"?']},
    {name: 'additionalProperties as a schema checks the values', value: {type: 'metric alert', query: 'q', labels: {a: 'x', b: 1}}, want: ['/labels/b: expected a string, got 1']},
    {name: 'an unknown property where others are allowed is no error', value: {type: 'metric alert', query: 'q', nmae: 'x'}, want: []},
    // JSON.parse reads 1e400 as Infinity, which JSON.stringify writes as null: "or null, got null" contradicted itself.
    {name: 'a number too large for a double is not shown as null', value: JSON.parse('{"type": "metric alert", "query": "q", "priority": 1e400}'), want: ['/priority: expected an integer (int64) or null, got a number too large to hold (read as Infinity)']},
    {name: 'nor a negative one', value: JSON.parse('{"type": "metric alert", "query": -1e400}'), want: ['/query: expected a string, got a number too large to hold (read as -Infinity)']},
  ])('$name', ({value, want}) => {
    expect(lines(monitor, value)).toEqual(want)
  })

  it('warns about a property the schema does not name, with a did-you-mean', () => {
    expect(warnings(monitor, {type: 'metric alert', query: 'q', nmae: 'x'})).toEqual(['/nmae: not a property the spec names here (name, type, query, priority, id, tags, options, restricted_roles, ... (11)); did you mean "name"?'])
  })

  it('escapes ~ and / in pointers (RFC 6901)', () => {
    const schema = file({type: 'object', properties: {'a/b': {type: 'object', properties: {'c~d': {type: 'integer'}}}}})
    expect(lines(schema, {'a/b': {'c~d': 'x'}})).toEqual(['/a~1b/c~0d: expected an integer, got "x"'])
  })
})

describe('oneOf, anyOf, allOf and discriminator', () => {
  const widgets = file({type: 'object', properties: {definition: {$ref: 'Definition'}}}, {
    Definition: {oneOf: [{$ref: 'Timeseries'}, {$ref: 'Note'}, {$ref: 'Nested'}]},
    Nested: {oneOf: [{$ref: 'Group'}]},
    Timeseries: {type: 'object', required: ['type', 'requests'], properties: {type: {type: 'string', enum: ['timeseries']}, requests: {type: 'array', items: {type: 'object'}}}},
    Note: {type: 'object', required: ['type', 'content'], properties: {type: {type: 'string', enum: ['note']}, content: {type: 'string'}}},
    Group: {type: 'object', required: ['type', 'widgets'], properties: {type: {type: 'string', enum: ['group']}, widgets: {type: 'array', items: {type: 'object', properties: {definition: {$ref: 'Definition'}}}}}},
  })

  it.each([
    {name: 'a value matching one branch passes', value: {definition: {type: 'note', content: 'hi'}}, want: []},
    {name: 'the branch the type points to reports its own problems', value: {definition: {type: 'note'}}, want: ['/definition/content: expected a string (required), got nothing']},
    {name: 'a type no branch has lists every type, nested oneOf included', value: {definition: {type: 'timeserie'}}, want: ['/definition/type: expected one of "timeseries", "note", "group", got "timeserie"; did you mean "timeseries"?']},
    {name: 'recursion through a nested oneOf', value: {definition: {type: 'group', widgets: [{definition: {type: 'note', content: 1}}]}}, want: ['/definition/widgets/0/definition/content: expected a string, got 1']},
  ])('$name', ({value, want}) => {
    expect(lines(widgets, value)).toEqual(want)
  })

  it('keeps the warnings of the branch that passed', () => {
    expect(warnings(widgets, {definition: {type: 'note', content: 'x', contnet: 'y'}})).toEqual(['/definition/contnet: not a property the spec names here (type, content)'])
  })

  it('reads oneOf as anyOf: a value that two overlapping branches describe passes', () => {
    const overlapping = file({oneOf: [{type: 'object', properties: {a: {type: 'string'}}}, {type: 'object', properties: {b: {type: 'string'}}}]})
    expect(lines(overlapping, {a: 'x'})).toEqual([])
  })

  it('prefers a branch of the same type when none passes', () => {
    const either = file({anyOf: [{type: 'array', items: {type: 'string'}}, {type: 'object', required: ['x'], properties: {x: {type: 'string'}, y: {type: 'string'}}}]})
    expect(lines(either, {y: 'z'})).toEqual(['/x: expected a string (required), got nothing'])
  })

  it('merges allOf parts: properties of every part are known, each part is checked', () => {
    const merged = file({allOf: [{$ref: 'Base'}, {type: 'object', required: ['extra'], properties: {extra: {type: 'integer'}}}]}, {Base: {type: 'object', required: ['id'], properties: {id: {type: 'string'}}}})
    expect(lines(merged, {id: 'a', extra: 1})).toEqual([])
    expect(lines(merged, {extra: 'x'})).toEqual(['/id: expected a string (required), got nothing', '/extra: expected an integer, got "x"'])
    expect(checkBody(merged, {id: 'a', extra: 1}).warnings).toEqual([])
  })

  const pets = file({$ref: 'Pet'}, {
    Pet: {oneOf: [{$ref: 'Cat'}, {$ref: 'Dog'}], discriminator: {propertyName: 'kind', mapping: {cat: 'Cat', dog: 'Dog'}}},
    Cat: {type: 'object', required: ['kind', 'lives'], properties: {kind: {type: 'string'}, lives: {type: 'integer', maximum: 9}}},
    Dog: {type: 'object', required: ['kind'], properties: {kind: {type: 'string'}, barks: {type: 'boolean'}}},
  })

  it.each([
    {name: 'the mapping picks the branch', value: {kind: 'cat', lives: 10}, want: ['/lives: expected at most 9, got 10']},
    {name: 'the mapped branch passes', value: {kind: 'dog', barks: true}, want: []},
    {name: 'an unmapped value lists the mapping, with a did-you-mean', value: {kind: 'dgo'}, want: ['/kind: expected one of "cat", "dog", got "dgo"; did you mean "dog"?']},
    {name: 'a missing discriminator is required', value: {}, want: ['/kind: expected one of "cat", "dog" (required), got nothing']},
  ])('discriminator: $name', ({value, want}) => {
    expect(lines(pets, value)).toEqual(want)
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('a discriminator value named like an Object.prototype member (%s) is not in the mapping', (kind) => {
    expect(lines(pets, JSON.parse(`{"kind": ${JSON.stringify(kind)}, "lives": 99}`))).toEqual([expect.stringMatching(new RegExp(`^/kind: expected one of "cat", "dog", got "${kind}"`))])
  })

  it.each(['constructor', 'toString'])('a discriminator property named like an Object.prototype member (%s) is read from the value only', (name) => {
    // The value's own property or nothing: Object.prototype's function was "shown" and failed the check with a TypeError.
    const named = file({oneOf: [{$ref: 'Cat'}, {$ref: 'Dog'}], discriminator: {propertyName: name, mapping: {cat: 'Cat', dog: 'Dog'}}}, pets.defs)
    expect(lines(named, {kind: 'cat', lives: 3})).toEqual([`/${name}: expected one of "cat", "dog" (required), got nothing`])
    const pinned = file({oneOf: [1, 2, 3].map((n) => ({type: 'object', properties: {[name]: {type: 'string', enum: [`v${n}`]}, n: {type: 'integer', enum: [n]}}}))})
    expect(lines(pinned, {n: 'x'})).toEqual([`/${name}: expected one of "v1", "v2", "v3", got nothing`])
  })

  it('a discriminator without a mapping matches schema names', () => {
    const named = file({oneOf: [{$ref: 'Cat'}, {$ref: 'Dog'}], discriminator: {propertyName: 'kind'}}, pets.defs)
    expect(lines(named, {kind: 'Cat', lives: 3})).toEqual([])
    expect(lines(named, {kind: 'cat'})).toEqual(['/kind: expected one of "Cat", "Dog", got "cat"; did you mean "Cat"?'])
  })
})

describe('problem lines', () => {
  it(`shows ${SHOWN_PROBLEMS} problems, then how many more`, () => {
    const many = file({type: 'object', properties: Object.fromEntries(Array.from({length: 8}, (_, i) => [`p${i}`, {type: 'integer'}]))})
    const value = Object.fromEntries(Array.from({length: 8}, (_, i) => [`p${i}`, 'x']))
    const shown = problemLines({name: 'Op', result: checkBody(many, value)})
    expect(shown).toHaveLength(SHOWN_PROBLEMS + 1)
    expect(shown.at(-1)).toBe('and 3 more')
  })

  it('cuts a long given value to one short line', () => {
    const [line] = lines(file({type: 'integer'}), 'x'.repeat(10_000))
    expect(line!.length).toBeLessThan(120)
  })
})

describe('a cut value never ends in part of a word', () => {
  // The masker hides a configured key only whole: cut at 57 characters, "<30 letters><API key>" printed 26 of its 32.
  const key = 'abcdef0123456789abcdef0123456789'
  it.each([
    {name: 'a key after 30 letters', value: `${'a'.repeat(30)}${key}`},
    {name: 'a key after words', value: `cpu is high on host web-1 and ${key}`},
    {name: 'a key after an underscore', value: `x_${'a'.repeat(40)}_${key}`},
  ])('$name', ({value}) => {
    const [line] = lines(file({type: 'integer'}), value)
    expect(line).not.toMatch(/abcdef0123/)
    expect(line).toMatch(/^the body: expected an integer, got /)
  })

  it('keeps the words before the cut', () => {
    expect(lines(file({type: 'integer'}), `cpu is high on host web-1 and ${key}`)).toEqual(['the body: expected an integer, got "cpu is high on host web-1 and ..." (62 characters)'])
  })
})

describe('the shipped schemas', () => {
  it('check the issue\'s monitor typo with the real CreateMonitor schema', async () => {
    const schema = (await loadSchema('v1', 'CreateMonitor'))!
    const result = checkBody(schema, {nmae: 'cpu', type: 'metric-alert', query: 'avg(last_5m):avg:system.cpu.user{*} > 90'})
    expect(result.errors.map(findingLine)).toEqual([expect.stringMatching(/^\/type: expected one of .*got "metric-alert"; did you mean "metric alert"\?$/)])
    expect(result.warnings.map(findingLine)).toEqual([expect.stringMatching(/^\/nmae: .*did you mean "name"\?$/)])
  })

  it('pass the 200-widget dashboard the bench sends (widgets of recorded CreateDashboard requests)', async () => {
    const schema = (await loadSchema('v1', 'CreateDashboard'))!
    const body = JSON.parse(readFileSync(new URL('../fixtures/dashboard-200-widgets.json', import.meta.url), 'utf8')) as {widgets: unknown[]}
    expect(body.widgets).toHaveLength(200)
    expect(checkBody(schema, body)).toEqual({errors: [], warnings: []})
  })

  it('refuse a body nested deeper than they check, with a line rather than a stack overflow', async () => {
    const schema = (await loadSchema('v1', 'CreateDashboard'))!
    const levels = 2000
    const open = '{"definition":{"type":"group","layout_type":"ordered","widgets":['
    const text = `{"title":"t","layout_type":"ordered","widgets":[${open.repeat(levels)}{"definition":{"type":"note","content":"x"}}${']}}'.repeat(levels)}]}`
    const result = checkBody(schema, JSON.parse(text))
    expect(result.errors.map(findingLine)).toEqual([expect.stringMatching(/^\/widgets\/0\/definition\/.*: expected at most \d+ levels of nesting, got more$/)])
  })

  it('still pass a dashboard whose groups nest a few levels deep', async () => {
    const schema = (await loadSchema('v1', 'CreateDashboard'))!
    const open = '{"definition":{"type":"group","layout_type":"ordered","widgets":['
    const text = `{"title":"t","layout_type":"ordered","widgets":[${open.repeat(10)}{"definition":{"type":"note","content":"x"}}${']}}'.repeat(10)}]}`
    expect(checkBody(schema, JSON.parse(text))).toEqual({errors: [], warnings: []})
  })

  it('are absent for an operation without a JSON body, and for a name that is not an operationId', async () => {
    expect(await loadSchema('v1', 'ListMonitors')).toBeUndefined()
    expect(await loadSchema('v1', '../../../package')).toBeUndefined()
  })
})

describe('string lengths in characters (codePoints)', () => {
  it('counts as the string iterator does, surrogate pairs as one and lone surrogates as one, without an array', () => {
    const random = seededRandom(18)
    const units = ['a', 'é', '\u{1F600}', '\uD83D', '\uDE00', '\u4E2D', '\uDBFF\uDFFF']
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({length: Math.floor(random() * 12)}, () => units[Math.floor(random() * units.length)]).join('')
      expect([text, codePoints(text)]).toEqual([text, [...text].length])
    }
    // A 2 MiB string field: counted without 2 million one-character strings.
    expect(codePoints('x'.repeat(2 * 1024 * 1024) + '\u{1F600}')).toBe(2 * 1024 * 1024 + 1)
  })
})
