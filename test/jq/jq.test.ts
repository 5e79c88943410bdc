import {describe, expect, it} from 'vitest'
import {compileJq, outputText} from '../../src/jq/index.js'

describe('compileJq', () => {
  it.each([
    {name: 'an unfinished pipe', expr: '.a |', message: 'syntax error, unexpected end of file'},
    {name: 'an unknown function', expr: 'nosuch(1)', message: 'nosuch/1 is not defined'},
    {name: 'a missing module', expr: 'import "x" as x; .', message: 'module not found: x'},
  ])('refuses $name with jq\'s message', async ({expr, message}) => {
    await expect(compileJq(expr)).rejects.toThrow(message)
  })

  it('evaluates nothing when it compiles a filter (an endless one returns at once)', async () => {
    const started = Date.now()
    await compileJq('range(1e12)')
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it.each([
    {name: 'one output per result', expr: '.[]', input: '[1,"a",{"b":null}]', outputs: ['1', '"a"', '{"b":null}'], error: undefined},
    {name: 'no output', expr: 'empty', input: '1', outputs: [], error: undefined},
    {name: 'outputs before a failure, then its message', expr: '.[] | . + 1', input: '[1,"x"]', outputs: ['2'], error: 'string ("x") and number (1) cannot be added'},
    {name: 'a value given as an object', expr: '.a', input: {a: [1]}, outputs: ['[1]'], error: undefined},
    {name: 'a 64-bit number kept exact', expr: '.', input: '12345678901234567891', outputs: ['12345678901234567891'], error: undefined},
  ])('apply returns $name', async ({expr, input, outputs, error}) => {
    const result = await (await compileJq(expr)).apply(input)
    expect(result.outputs).toEqual(outputs)
    expect(result.error).toBe(error)
  })

  it('applyEach runs the filter on each input, as jq does on a stream', async () => {
    const result = await (await compileJq('.id')).applyEach(['{"id":1}', '{"id":2}'])
    expect(result.outputs).toEqual(['1', '2'])
  })

  it('passes debug output on as stderr, not as an error', async () => {
    const result = await (await compileJq('debug')).apply('1')
    expect(result).toEqual({outputs: ['1'], stderr: '["DEBUG:",1]'})
  })

  it('shows a filter a fixed stand-in environment, none of the process\'s', async () => {
    const result = await (await compileJq('$ENV | keys')).apply('null')
    expect(JSON.parse(result.outputs[0]!)).toEqual(['HOME', 'LANG', 'LOGNAME', 'PATH', 'PWD', 'USER', '_'])
    const values = (await (await compileJq('[$ENV[], env[]] | join(" ")')).apply('null')).outputs.join()
    for (const value of [process.env.PATH, process.env.HOME, process.cwd()]) expect(values).not.toContain(JSON.stringify(value).slice(1, -1))
  })
})

describe('outputText', () => {
  it.each([
    {name: 'a string raw', output: '"a\\tb"', json: false, text: 'a\tb'},
    {name: 'a string quoted with json', output: '"a"', json: true, text: '"a"'},
    {name: 'a number as is', output: '1.5', json: false, text: '1.5'},
    {name: 'an object as is', output: '{"a":"b"}', json: false, text: '{"a":"b"}'},
  ])('prints $name', ({output, json, text}) => {
    expect(outputText(output, json)).toBe(text)
  })
})
