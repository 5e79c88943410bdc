import {spawnSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'
import {compileJq, outputText} from '../../src/jq/index.js'
import {collect} from './collect.js'

// Debian's jq, installed by .ci/run; the built-in jq must print what it prints (as `jq -c`).
const system = spawnSync('jq', ['--version'], {encoding: 'utf8'})
const hasJq = system.status === 0

function systemJq(filter: string, input: string, raw = false): {stdout: string, failed: boolean} {
  const result = spawnSync('jq', [raw ? '-r' : '-c', ...(raw ? ['-c'] : []), filter], {input, encoding: 'utf8'})
  return {stdout: result.stdout, failed: result.status !== 0}
}

/** Examples from the jq manual (jq 1.6 and 1.8 agree on each), then our own, Datadog-shaped. */
const cases: Array<{name: string, filter: string, input: string}> = [
  {name: 'identity', filter: '.', input: '"Hello, world!"'},
  {name: 'object identifier-index', filter: '.foo', input: '{"foo": 42, "bar": "less interesting data"}'},
  {name: 'missing key is null', filter: '.foo', input: '{"notfoo": true, "alsonotfoo": false}'},
  {name: 'generic object index', filter: '.["foo"]', input: '{"foo": 42}'},
  {name: 'optional index', filter: '.foo?', input: '{"foo": 42, "bar": "less interesting data"}'},
  {name: 'optional index on an array', filter: '[.foo?]', input: '[1,2]'},
  {name: 'array index', filter: '.[0]', input: '[{"name":"JSON", "good":true}, {"name":"XML", "good":false}]'},
  {name: 'negative array index', filter: '.[-2]', input: '[1,2,3]'},
  {name: 'array slice', filter: '.[2:4]', input: '["a","b","c","d","e"]'},
  {name: 'string slice', filter: '.[:3]', input: '"abcdefghi"'},
  {name: 'iterator', filter: '.[]', input: '[{"name":"JSON", "good":true}, {"name":"XML", "good":false}]'},
  {name: 'iterator over an object', filter: '.[]', input: '{"a": 1, "b": 1}'},
  {name: 'comma', filter: '.foo, .bar', input: '{"foo": 42, "bar": "something else", "baz": true}'},
  {name: 'pipe', filter: '.[] | .name', input: '[{"name":"JSON", "good":true}, {"name":"XML", "good":false}]'},
  {name: 'parenthesis', filter: '(. + 2) * 5', input: '1'},
  {name: 'array construction', filter: '[.user, .projects[]]', input: '{"user":"stedolan", "projects": ["jq", "wikiflow"]}'},
  {name: 'object construction', filter: '{user, title: .titles[]}', input: '{"user":"stedolan","titles":["JQ Primer", "More JQ"]}'},
  {name: 'object construction with computed keys', filter: '{(.user): .titles}', input: '{"user":"stedolan","titles":["JQ Primer", "More JQ"]}'},
  {name: 'recursive descent', filter: '[..|.a?]', input: '[[{"a":1}]]'},
  {name: 'addition of objects', filter: '{a: 1} + {b: 2} + {c: 3} + {a: 42}', input: 'null'},
  {name: 'subtraction of arrays', filter: '. - ["xml", "yaml"]', input: '["xml", "yaml", "json"]'},
  {name: 'length', filter: '.[] | length', input: '[[1,2], "string", {"a":2}, null]'},
  {name: 'keys', filter: 'keys', input: '{"abc": 1, "abcd": 2, "Foo": 3}'},
  {name: 'has', filter: 'map(has("foo"))', input: '[{"foo": 42}, {}]'},
  {name: 'map', filter: 'map(.+1)', input: '[1,2,3]'},
  {name: 'map_values', filter: 'map_values(.+1)', input: '{"a": 1, "b": 2, "c": 3}'},
  {name: 'path', filter: '[paths]', input: '[1,[[],{"a":2}]]'},
  {name: 'del', filter: 'del(.foo)', input: '{"foo": 42, "bar": 9001, "baz": 42}'},
  {name: 'to_entries', filter: 'to_entries', input: '{"a": 1, "b": 2}'},
  {name: 'from_entries', filter: 'from_entries', input: '[{"key":"a", "value":1}, {"key":"b", "value":2}]'},
  {name: 'with_entries', filter: 'with_entries(.value += 1)', input: '{"a": 1, "b": 2}'},
  {name: 'select', filter: 'map(select(. >= 2))', input: '[1,5,3,0,7]'},
  {name: 'select by field', filter: '.[] | select(.id == "second")', input: '[{"id": "first", "val": 1}, {"id": "second", "val": 2}]'},
  {name: 'empty', filter: '1, empty, 2', input: 'null'},
  {name: 'add', filter: 'add', input: '["a","b","c"]'},
  {name: 'any', filter: 'any', input: '[true, false]'},
  {name: 'all', filter: 'all', input: '[true, false]'},
  {name: 'flatten', filter: 'flatten', input: '[1, [2], [[3]]]'},
  {name: 'range', filter: '[range(0; 10; 3)]', input: 'null'},
  {name: 'floor and sqrt', filter: '[floor, sqrt]', input: '9.5'},
  {name: 'tostring', filter: '.[] | tostring', input: '[1, "1", [1]]'},
  {name: 'type', filter: 'map(type)', input: '[0, false, [], {}, null, "hello"]'},
  {name: 'sort', filter: 'sort', input: '[8,3,null,6]'},
  {name: 'sort_by', filter: 'sort_by(.foo)', input: '[{"foo":4, "bar":10}, {"foo":3, "bar":100}, {"foo":2, "bar":1}]'},
  {name: 'group_by', filter: 'group_by(.foo)', input: '[{"foo":1, "bar":10}, {"foo":3, "bar":100}, {"foo":1, "bar":1}]'},
  {name: 'min_by and max', filter: '[min_by(.foo), (map(.foo) | max)]', input: '[{"foo":1, "bar":14}, {"foo":2, "bar":3}]'},
  {name: 'unique_by', filter: 'unique_by(length)', input: '["chunky", "bacon", "kitten", "cicada", "asparagus"]'},
  {name: 'reverse', filter: 'reverse', input: '[1,2,3,4]'},
  {name: 'contains', filter: 'contains({foo: 12, bar: [{barp: 12}]})', input: '{"foo": 12, "bar":[1,2,{"barp":12, "blip":13}]}'},
  {name: 'indices', filter: 'indices(", ")', input: '"a,b, cd, efg, hijk"'},
  {name: 'inside', filter: 'inside(["foobar", "foobaz", "blarp"])', input: '["baz", "bar"]'},
  {name: 'startswith', filter: '[.[]|startswith("foo")]', input: '["fo", "foo", "barfoo", "foobar", "barfoob"]'},
  {name: 'ltrimstr', filter: '[.[]|ltrimstr("foo")]', input: '["fo", "foo", "barfoo", "foobar", "afoo"]'},
  {name: 'explode and implode', filter: 'explode | implode', input: '"foobar"'},
  {name: 'split', filter: 'split(", ")', input: '"a, b,c,d, e, "'},
  {name: 'join', filter: 'join(", ")', input: '["a","b,c,d","e"]'},
  {name: 'ascii_downcase', filter: 'ascii_downcase', input: '"useful but not for é"'},
  {name: 'recurse', filter: 'recurse(if . < 3 then .+1 else empty end)', input: '0'},
  {name: 'string interpolation', filter: '"The input was \\(.), which is one less than \\(.+1)"', input: '42'},
  {name: 'tojson and fromjson', filter: '[.[]|tostring], (.[2]|tojson|fromjson)', input: '[1, "foo", ["foo"]]'},
  {name: '@csv', filter: '@csv', input: '[1, "one", "a \\"quote\\""]'},
  {name: '@tsv', filter: '@tsv', input: '[1, "one", "a\\tb"]'},
  {name: '@html', filter: '@html', input: '"<p>x & y</p>"'},
  {name: '@uri', filter: '@uri "https://www.google.com/search?q=\\(.search)"', input: '{"search":"what is jq?"}'},
  {name: '@base64 and @base64d', filter: '@base64, (@base64|@base64d)', input: '"This is a message"'},
  {name: '@sh', filter: '@sh "echo \\(.)"', input: '"O\'Hara\'s Ale"'},
  {name: 'comparison', filter: '.[] == 1', input: '[1, 1.0, "1", "banana"]'},
  {name: 'if then else', filter: 'if . == 0 then "zero" elif . == 1 then "one" else "many" end', input: '2'},
  {name: 'alternative operator', filter: '.a // 42', input: '{}'},
  {name: 'try catch', filter: 'try error("some exception") catch .', input: 'true'},
  {name: 'error suppression', filter: '[.[] | (.a)?]', input: '[{}, true, {"a":1}]'},
  {name: 'regex test', filter: '.[] | test("a b c # spaces are ignored"; "ix")', input: '["abc", "ABC"]'},
  {name: 'regex capture', filter: 'capture("(?<a>[a-z]+)-(?<n>[0-9]+)")', input: '"xyzzy-14"'},
  {name: 'regex sub', filter: 'sub("^[^a-z]*(?<x>[a-z]*).*"; "Z\\(.x)")', input: '"123abc456"'},
  {name: 'gsub', filter: 'gsub("p"; "q")', input: '"pepper"'},
  {name: 'variables', filter: '.bar as $x | .foo | . + $x', input: '{"foo":10, "bar":200}'},
  {name: 'destructuring', filter: '. as [$a, $b, {c: $c}] | $a + $b + $c', input: '[2, 3, {"c": 4, "d": 5}]'},
  {name: 'reduce', filter: 'reduce .[] as $item (0; . + $item)', input: '[10,2,5,3]'},
  {name: 'foreach', filter: '[foreach .[] as $item (0; . + $item)]', input: '[1,2,3,4,5]'},
  {name: 'limit', filter: '[limit(3;.[])]', input: '[0,1,2,3,4,5,6,7,8,9]'},
  {name: 'first and last', filter: '[first(range(.)), last(range(.))]', input: '10'},
  {name: 'def', filter: 'def addvalue(f): f as $x | map(. + $x); addvalue(.[0])', input: '[[1,2],[10,20]]'},
  {name: 'path expressions and assignment', filter: '.a = 1 | .b.c |= . + 1', input: '{"b": {"c": 1}}'},
  {name: 'update with select', filter: '(.[] | select(.id == 2) | .v) |= "x"', input: '[{"id":1,"v":0},{"id":2,"v":0}]'},
  {name: 'to_entries of a Datadog list', filter: '.data[] | {id, name: .attributes.name}', input: '{"data":[{"id":"abc","type":"users","attributes":{"name":"Ana"}},{"id":"def","type":"users","attributes":{"name":"Bo"}}]}'},
  {name: 'monitors in alert, by name', filter: '.[] | select(.overall_state == "Alert") | .name', input: '[{"name":"cpu","overall_state":"Alert"},{"name":"disk","overall_state":"OK"}]'},
  {name: 'unicode and escapes kept', filter: '.', input: '{"s":"é \\u0001 \\"q\\" \\\\ 😀"}'},
  {name: 'key order kept', filter: '.', input: '{"b":1,"a":2}'},
]

describe.skipIf(!hasJq)(`the built-in jq against Debian's ${system.stdout?.trim() || 'jq'}`, () => {
  it.each(cases)('$name: $filter', async ({filter, input}) => {
    const expected = systemJq(filter, input)
    expect(expected.failed, 'the system jq failed on this case').toBe(false)
    const result = await collect(await compileJq(filter), input)
    expect(result.error).toBeUndefined()
    expect(result.outputs.map((output) => `${output}\n`).join('')).toBe(expected.stdout)
  })

  it.each(cases)('$name prints what jq -r prints', async ({filter, input}) => {
    const result = await collect(await compileJq(filter), input)
    expect(result.outputs.map((output) => `${outputText(output, false)}\n`).join('')).toBe(systemJq(filter, input, true).stdout)
  })

  it.each([
    {name: 'an unfinished pipe', filter: '.a |'},
    {name: 'an unclosed bracket', filter: '.['},
    {name: 'an unknown function', filter: 'nosuchfunction(1)'},
  ])('refuses $name as jq does', async ({filter}) => {
    expect(systemJq(filter, 'null').failed).toBe(true)
    await expect(compileJq(filter)).rejects.toThrow(/./)
  })
})

it.runIf(process.env.CI)('finds Debian jq on CI, where .ci/run installs it, so the differential tests ran', () => {
  expect(hasJq, 'install jq: apt-get install -y jq').toBe(true)
})
