import {describe, expect, it} from 'vitest'
import {arrayItems, compactJson} from '../../src/paginate/json-items.js'

describe('arrayItems', () => {
  it.each([
    {name: 'items of a top-level array', text: '[1, {"a": 2}]', path: [], items: ['1', '{"a":2}']},
    {name: 'items under data, other keys skipped', text: '{"meta":{"x":[1,2]},"data":[{"id":"1"}]}', path: ['data'], items: ['{"id":"1"}']},
    {name: 'a nested results path', text: '{"data":{"attributes":{"incidents":[true,null]}}}', path: ['data', 'attributes', 'incidents'], items: ['true', 'null']},
    {name: 'a 64-bit number exactly as written', text: '{"data":[{"n": 12345678901234567891}]}', path: ['data'], items: ['{"n":12345678901234567891}']},
    {name: 'strings with brackets, quotes and spaces untouched', text: '{"data":["a ]} \\" b", {"k": "x , y"}]}', path: ['data'], items: ['"a ]} \\" b"', '{"k":"x , y"}']},
    {name: 'an empty array', text: '{"data": [ ]}', path: ['data'], items: []},
    {name: 'pretty-printed input', text: '{\n  "data": [\n    {\n      "a": 1\n    }\n  ]\n}', path: ['data'], items: ['{"a":1}']},
    {name: 'no array at the path', text: '{"data":{"a":1}}', path: ['data'], items: undefined},
    {name: 'a missing path', text: '{"other":[]}', path: ['data'], items: undefined},
    {name: 'a key with escapes', text: '{"d\\u0061ta":[1]}', path: ['data'], items: ['1']},
  ])('reads $name', ({text, path, items}) => {
    expect(arrayItems(text, path)).toEqual(items)
  })

  it('agrees with JSON.parse on every item of a generated page', () => {
    const values = Array.from({length: 50}, (_, i) => ({id: i, s: `v ${i} "q" \\ ]`, nested: {list: [i, null, true, {x: 'y z'}]}}))
    const text = JSON.stringify({data: values}, null, 2)
    expect(arrayItems(text, ['data'])!.map((item) => JSON.parse(item))).toEqual(values)
  })
})

describe('compactJson', () => {
  it.each([
    {name: 'drops whitespace outside strings', text: '{ "a" : [ 1 , 2 ] }', out: '{"a":[1,2]}'},
    {name: 'keeps whitespace inside strings', text: '{"a": " x  y "}', out: '{"a":" x  y "}'},
    {name: 'returns text without whitespace as is', text: '[1,2]', out: '[1,2]'},
  ])('$name', ({text, out}) => {
    expect(compactJson(text)).toBe(out)
  })
})
