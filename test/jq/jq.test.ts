import {describe, expect, it} from 'vitest'
import {compileJq, errorMessage, outputText, program} from '../../src/jq/index.js'
import {collect} from './collect.js'

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
    {name: 'a 64-bit number kept exact', expr: '.', input: '12345678901234567891', outputs: ['12345678901234567891'], error: undefined},
    {name: 'the message of an error that is not a string', expr: 'error({a: 1})', input: 'null', outputs: [], error: '(not a string): {"a":1}'},
    {name: 'a long message whole (jq writes its line break apart)', expr: 'error("x" * 300)', input: 'null', outputs: [], error: 'x'.repeat(300)},
    {name: 'input past the last input: jq\'s words, not jq-wasm\'s "break"', expr: 'input', input: '1', outputs: [], error: 'No more inputs'},
    {name: 'input caught: the same words', expr: 'try input catch .', input: '1', outputs: ['"No more inputs"'], error: undefined},
    {name: 'inputs stopping at the end as before', expr: '[., inputs]', input: '1', outputs: ['[1]'], error: undefined},
  ])('run gives $name', async ({expr, input, outputs, error}) => {
    const result = await collect(await compileJq(expr), input)
    expect(result.outputs).toEqual(outputs)
    expect(result.error).toBe(error)
    expect(result.stderr).toBe('')
  })

  it.each([
    {name: 'runs the filter on each input, as jq does on a stream', expr: '.id', inputs: ['{"id":1}', '{"id":2}'], outputs: ['1', '2'], error: undefined},
    {name: 'pairs inputs with input', expr: '[., input]', inputs: ['1', '2', '3', '4'], outputs: ['[1,2]', '[3,4]'], error: undefined},
    {name: 'stops at the first error (the inputs after it are not run)', expr: '.id', inputs: ['{"id":1}', '2', '{"id":3}'], outputs: ['1'], error: 'Cannot index number with string ("id")'},
  ])('run on several inputs $name', async ({expr, inputs, outputs, error}) => {
    const result = await collect(await compileJq(expr), inputs)
    expect(result.outputs).toEqual(outputs)
    expect(result.error).toBe(error)
  })

  it.each([
    {name: 'debug as stderr, not as an error', expr: 'debug', stderr: '["DEBUG:",1]\n', halted: undefined},
    {name: 'a line break on stderr as it is', expr: '"\\n" | stderr | empty', stderr: '\n', halted: undefined},
    {name: 'stderr raw, without a line break', expr: '"a\\u001bb" | stderr | empty', stderr: 'a\u001bb', halted: undefined},
    {name: 'halt_error\'s message as stderr and its status apart', expr: '"bye\\n" | halt_error(3)', stderr: 'bye\n', halted: 3},
    {name: 'halt_error\'s default status 5', expr: '"bye" | halt_error', stderr: 'bye', halted: 5},
    {name: 'halt_error(0) as a success', expr: '"bye" | halt_error(0)', stderr: 'bye', halted: undefined},
  ])('passes on $name', async ({expr, stderr, halted}) => {
    const result = await collect(await compileJq(expr), '1')
    expect(result.stderr).toBe(stderr)
    expect(result.halted).toBe(halted)
    expect(result.error).toBeUndefined()
  })

  it('hands the first output of an endless filter over at once, and a stopped run leaves jq ready for the next', async () => {
    const filter = await compileJq('range(1e9)')
    const stopped = new AbortController()
    const seen: string[] = []
    const started = Date.now()
    const run = filter.run('null', {outputs: (texts) => {
      seen.push(...texts)
      stopped.abort(new Error('enough'))
    }, stderr: () => undefined}, stopped.signal)
    await expect(run).rejects.toThrow('enough')
    expect(seen[0]).toBe('0')
    expect(Date.now() - started).toBeLessThan(5000)
    expect((await collect(await compileJq('. + 1'), '1')).outputs).toEqual(['2'])
  })

  it('ends a run whose sink throws, with the sink\'s error', async () => {
    const run = (await compileJq('repeat(1)')).run('null', {outputs: () => { throw new Error('full') }, stderr: () => undefined})
    await expect(run).rejects.toThrow('full')
  })

  it('shows a filter the environment it was given, and none by default (never a made-up one)', async () => {
    expect((await collect(await compileJq('$ENV'), 'null')).outputs).toEqual(['{}'])
    const given = await compileJq('[$ENV.A, env.A, ($ENV | keys)]', {env: {A: 'x y', B: ''}})
    expect((await collect(given, 'null')).outputs).toEqual(['["x y","x y",["A","B"]]'])
    expect((await collect(given.withEnv({C: '1'}), 'null')).outputs).toEqual(['[null,null,["C"]]'])
  })

  it.each([
    {name: 'a string as --arg', args: [{name: 'id', value: '42', json: false}], expr: '$id', outputs: ['"42"']},
    {name: 'JSON as --argjson, a 64-bit number exact', args: [{name: 'n', value: '{"n":12345678901234567891}', json: true}], expr: '$n.n', outputs: ['12345678901234567891']},
    {name: 'both in $ARGS.named', args: [{name: 'a', value: 'x', json: false}, {name: 'b', value: '[1]', json: true}], expr: '$ARGS.named', outputs: ['{"a":"x","b":[1]}']},
  ])('gives the filter $name', async ({args, expr, outputs}) => {
    expect((await collect(await compileJq(expr, {args}), 'null')).outputs).toEqual(outputs)
  })

  it('refuses a filter that uses a variable no --arg gave', async () => {
    await expect(compileJq('$nope')).rejects.toThrow('$nope is not defined')
  })

  it.each([
    {name: 'text', input: 'hello', outputs: [], notJson: 'Invalid numeric literal at EOF at line 1, column 5'},
    {name: 'JSON cut short', input: '[1,2', outputs: [], notJson: 'Unfinished JSON term at EOF at line 1, column 4'},
    {name: 'JSON then text (outputs of the JSON first)', input: '{"a":1} x', outputs: ['1'], notJson: 'Invalid numeric literal at EOF at line 1, column 9'},
  ])('says when the input is not JSON: $name', async ({input, outputs, notJson}) => {
    const result = await collect(await compileJq('.a? // .'), input)
    expect(result.outputs).toEqual(outputs)
    expect(result.notJson).toBe(notJson)
    expect(result.error).toBeUndefined()
  })

  it('reads its input from bytes, several JSON texts in turn, as jq reads stdin', async () => {
    expect((await collect(await compileJq('.a'), Buffer.from('{"a":"é"}\n{"a":2}'))).outputs).toEqual(['"é"', '2'])
  })

  it('reads bytes as they arrive, split anywhere (mid-token, mid-character, over several 1 MiB blocks)', async () => {
    const text = Buffer.from(`[${Array.from({length: 40_000}, (_, i) => `{"id":${i},"name":"é${i}"}`).join(',')}]`)
    async function* pieces() {
      for (let at = 0; at < text.length; at += 65_537) yield text.subarray(at, at + 65_537)
    }
    const result = await collect(await compileJq('[length, .[-1].name]'), pieces())
    expect(result.outputs).toEqual(['[40000,"é39999"]'])
  })

  it('ends a streamed run with the reading\'s error, and the next run reads only its own bytes', async () => {
    const filter = await compileJq('.')
    async function* failing() {
      yield Buffer.from('[1,')
      throw new Error('connection reset')
    }
    await expect(collect(filter, failing())).rejects.toThrow('connection reset')
    // jq stops reading at a parse error while blocks of that run may still be on their way: they are dropped.
    async function* twoBlocks() {
      yield Buffer.from(`]${' '.repeat(1 << 20)}`)
      yield Buffer.from('"stale"')
    }
    expect((await collect(filter, twoBlocks())).notJson).toMatch(/^Unmatched ']'/)
    async function* fine() {
      yield Buffer.from('{"a"')
      yield Buffer.from(':1}')
    }
    expect((await collect(filter, fine())).outputs).toEqual(['{"a":1}'])
  })

  it('ends a run that outgrows jq\'s heap as out of memory, after the outputs before it, and the next run starts afresh', async () => {
    const heapPages = 1024 // 64 MiB instead of 2 GiB: the doubling string outgrows it in a moment
    const filter = await compileJq('1, ("x" | until(length > 1e10; . + .)) | length', {heapPages})
    expect(await collect(filter, '1')).toEqual({outputs: ['1'], stderr: '', outOfMemory: true})
    expect((await collect(await compileJq('. + 1', {heapPages}), '1')).outputs).toEqual(['2'])
  }, 30_000)

  it('holds more than 256 MiB of data (jq-wasm\'s own limit, raised to 2 GiB)', async () => {
    // 300,000 objects of 400 bytes parse to well over 256 MiB in jq: jq-wasm alone fails with "cannot allocate memory".
    const item = `{"id":1,"name":"${'n'.repeat(300)}","tags":["a","b","c","d"],"more":{"x":1,"y":[1,2]}}`
    const input = Buffer.from(`[${Array.from({length: 300_000}, () => item).join(',')}]`)
    const result = await collect(await compileJq('length'), input)
    expect(result).toMatchObject({outputs: ['300000'], stderr: ''})
  }, 60_000)
})

describe('program', () => {
  it.each([
    {name: 'a filter without input as given', expr: '.a | inputs', changed: false},
    {name: 'a filter with input behind a definition of it', expr: '[., input]', changed: true},
    {name: 'input_filename as given', expr: 'input_filename', changed: false},
    {name: 'a filter that starts with an import as given (a directive comes first)', expr: '# x\nimport "a" as a; input', changed: false},
  ])('leaves $name', ({expr, changed}) => {
    expect(program(expr) !== expr).toBe(changed)
    expect(program(expr).endsWith(expr)).toBe(true)
  })
})

describe('errorMessage', () => {
  it.each([
    {name: 'a string error', written: 'jq: error (at /dev/stdin:0): boom\n', message: 'boom'},
    {name: 'an error of several lines', written: 'jq: error (at /dev/stdin:0): a\nb\n', message: 'a\nb'},
    {name: 'an error that is not a string', written: 'jq: error (at /dev/stdin:0) (not a string): {"a":1}\n', message: '(not a string): {"a":1}'},
    {name: 'a message that ends a line itself', written: 'jq: error (at /dev/stdin:0): a\n\n', message: 'a'},
    {name: 'an empty message', written: 'jq: error (at /dev/stdin:0): \n', message: 'the filter failed'},
  ])('takes $name without jq\'s prefix', ({written, message}) => {
    expect(errorMessage(written)).toBe(message)
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
