import {spawn} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {cliCommand, cliPrefix, runCli} from '../helpers/cli.js'
import {startServer, type CannedResponse, type TestServer} from '../helpers/server.js'
import {shellSandbox, type ShellSandbox} from '../helpers/shell.js'
import {haveScript, runInTerminal} from '../helpers/terminal.js'

// What the built-in jq prints, on every path that runs it: call, --paginate (each item), --paginate --slurp (the
// array) and batch (each body). The server is hostile: its strings carry an OSC title sequence, a bell, a C1 CSI
// and a bidi override, none of which may reach the user's terminal raw.

const env = {DD_API_KEY: 'jqpathsapikey00000000000000000a1b2', DD_APP_KEY: 'jqpathsappkey000000000000000000000000c3d4'}
const HOSTILE = 'x\u001b]0;owned\u0007y\u009b2J\u202ez'
/** HOSTILE as printable() shows it: each control or format character as its `\uXXXX` escape. */
const SHOWN = 'x\\u001b]0;owned\\u0007y\\u009b2J\\u202ez'
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/
const BODY = `{"a":${JSON.stringify(HOSTILE).replace('\u009b', '\\u009b').replace('\u202e', '\\u202e')},"n":12345678901234567891}`

let server: TestServer
let shell: ShellSandbox

beforeAll(async () => {
  const {code} = await runCli(['--version'])
  expect(code, 'run npm run build before the e2e tests').toBe(0)
  const json = (body: string): CannedResponse => ({status: 200, headers: {'content-type': 'application/json'}, body})
  // One item a page, so that `input` on an item finds no other; the walk ends at a page shorter than its limit.
  server = await startServer((request) => (request.path === '/api/v2/audit/events' ? json(`{"data":[${BODY}],"meta":{"page":{}}}`) : json(BODY)))
  shell = await shellSandbox()
})

afterAll(async () => {
  await server?.close()
  await shell?.close()
})

/** The first string `a` anywhere in the input: the body, an item, or the slurped array of items. */
const A = 'first(.. | .a? | strings)'

type Path = {name: string, args: (filter: string) => string[], stdin?: string, failed: number}
const PATHS: Path[] = [
  {name: 'call', args: (filter) => ['call', 'GET', '/api/v1/x', '--jq', filter], failed: 2},
  {name: '--paginate', args: (filter) => ['call', 'GET', '/api/v2/audit/events', '--paginate', '--jq', filter], failed: 2},
  {name: '--paginate --slurp', args: (filter) => ['call', 'GET', '/api/v2/audit/events', '--paginate', '--slurp', '--jq', filter], failed: 2},
  {name: 'batch', args: (filter) => ['batch', '--jq', filter], stdin: '{"id":1,"method":"GET","path":"/api/v1/x"}\n', failed: 1},
]
const each = <T extends object>(rows: T[]) => PATHS.flatMap((path) => rows.map((row) => ({...row, path, name: `${path.name}: ${(row as {name: string}).name}`})))

const run = (path: Path, filter: string) => runCli([...path.args(filter), '--api-url', server.url], {env, stdin: path.stdin})

/** Everything a run told the user: stderr, and for batch the error of each result line. */
function told(path: Path, result: {stdout: Buffer, stderr: string}): string {
  if (path.name !== 'batch') return result.stderr
  const errors = result.stdout.toString().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as {error?: string}).error ?? '')
  return result.stderr + errors.join('\n')
}

const count = (text: string, part: string) => text.split(part).length - 1

describe('what jq writes on stderr reaches it with control characters made visible', () => {
  it.each(each([
    {name: 'stderr', filter: `${A} | stderr | empty`, fails: false},
    {name: 'debug', filter: `${A} | debug | empty`, fails: false},
    {name: 'halt_error', filter: `${A} | halt_error`, fails: true},
    {name: 'error', filter: `error(${A})`, fails: true},
  ]))('$name', async ({path, filter, fails}) => {
    const result = await run(path, filter)
    const shown = told(path, result)
    expect(result.stderr).not.toMatch(RAW)
    // Once: neither jq's own stderr nor ddcli's line repeats the other.
    expect(count(shown, SHOWN), shown).toBe(1)
    expect(result.code).toBe(fails ? path.failed : 0)
    if (path.name !== 'batch') expect(result.stdout.toString()).toBe('')
  })
})

describe('a jq error is printed once, in ddcli\'s one-line format', () => {
  it.each(each([
    {name: 'a failure on the data', filter: `${A} | . + 1`, before: '', line: /^jq: string \("x\\u001b.*\) and number \(1\) cannot be added; check the --jq filter against the data/, result: /^HTTP 200, then --jq failed on the body: string \("x\\u001b.*\) and number \(1\) cannot be added$/},
    {name: 'input at the end of the input', filter: 'input', before: '', line: /^jq: No more inputs; check the --jq filter against the data/, result: /^HTTP 200, then --jq failed on the body: No more inputs$/},
    {name: 'halt_error with a message of several lines', filter: '"first\\nsecond\\n" | halt_error(3)', before: 'first\nsecond\n', line: /^--jq filter called halt_error \(exit status 3\)/, result: /^HTTP 200, then --jq filter called halt_error \(exit status 3\)$/},
  ]))('$name', async ({path, filter, before, line, result: resultLine}) => {
    const result = await run(path, filter)
    expect(result.code).toBe(path.failed)
    expect(told(path, result)).not.toContain('break')
    if (path.name === 'batch') {
      // jq's own stderr, then the batch's summary line.
      expect(result.stderr).toMatch(new RegExp(`^${before}ddcli: 1 of 1 requests? failed[^\\n]*\\n$`))
      const [first] = result.stdout.toString().split('\n')
      expect((JSON.parse(first!) as {error: string}).error).toMatch(resultLine)
      return
    }
    expect(result.stdout.toString()).toBe('')
    expect(result.stderr.startsWith(before)).toBe(true)
    const rest = result.stderr.slice(before.length)
    expect(rest).toMatch(/^ddcli: [^\n]*\n$/)
    expect(rest.slice('ddcli: '.length)).toMatch(line)
  })
})

describe.skipIf(!haveScript)('on a terminal', () => {
  it.each(PATHS.filter((path) => path.name !== 'batch').flatMap((path) => [
    {name: `${path.name}: a string raw (as gh prints it) and neutralised on stdout`, path, filter: A, terminal: `${SHOWN}\n`},
    {name: `${path.name}: a string quoted with --jq-json and neutralised on stdout`, path, filter: A, json: true, terminal: `"${SHOWN}"\n`},
    {name: `${path.name}: a 64-bit number as jq wrote it`, path, filter: 'first(.. | .n? | numbers)', terminal: '12345678901234567891\n'},
    {name: `${path.name}: debug neutralised on stderr`, path, filter: `${A} | debug | empty`, terminal: `["DEBUG:","${SHOWN}"]\n`},
  ]))('$name', async ({path, filter, terminal, json}: {path: typeof PATHS[number], filter: string, terminal: string, json?: boolean}) => {
    const result = await runInTerminal([...path.args(filter), ...(json ? ['--jq-json'] : []), '--api-url', server.url], {env: {...env, NO_COLOR: '1'}})
    // --paginate's progress line, drawn and cleared in place on the terminal's stderr, is ddcli's own.
    // eslint-disable-next-line no-control-regex
    expect(result.terminal.replace(/\r\n/g, '\n').replace(/\r\u001b\[K(?:ddcli: page [^\r\n]*)?/g, '')).toBe(terminal)
    expect(result.code).toBe(0)
  })
})

describe('an endless filter streams its outputs', () => {
  it.each([
    {name: 'call', args: 'call GET /api/v1/x'},
    {name: '--paginate', args: 'call GET /api/v2/audit/events --paginate'},
    {name: '--paginate --slurp', args: 'call GET /api/v2/audit/events --paginate --slurp'},
  ])('$name: range(1e9) | head -1 prints 0 and ends within seconds, in bounded memory', async ({args}) => {
    const started = Date.now()
    const result = await shell.run(`timeout -s KILL 10 /usr/bin/time -f %M -o rss ddcli ${args} --api-url ${server.url} --jq 'range(1e9)' | head -1`, {env, timeoutMs: 15_000})
    const seconds = (Date.now() - started) / 1000
    expect(result.stdout).toBe('0\n')
    expect(seconds).toBeLessThan(5)
    const rssMb = Number((await readFile(`${shell.dir}/rss`, 'utf8')).trim().split('\n').pop()) / 1024
    expect(rssMb).toBeLessThan(200)
  })

  it.each([
    {name: 'call', args: ['call', 'GET', '/api/v1/x']},
    {name: '--paginate', args: ['call', 'GET', '/api/v2/audit/events', '--paginate']},
    {name: '--paginate --slurp', args: ['call', 'GET', '/api/v2/audit/events', '--paginate', '--slurp']},
  ])('$name: a reader that does not read holds the filter back, and memory stays flat', async ({args}) => {
    const {firstLine, peakMb} = await stalledReader([...args, '--api-url', server.url, '--jq', '("x" * 1000) as $s | repeat($s)'], 3000)
    expect(firstLine).toBe('x'.repeat(1000))
    expect(peakMb).toBeLessThan(200)
  })

  it('batch: output past the body limit fails that result, in bounded memory', async () => {
    const path = PATHS.find((p) => p.name === 'batch')!
    const script = `printf '%s\\n' '${path.stdin!.trim()}' | timeout -s KILL 20 /usr/bin/time -f %M -o rss ddcli batch --api-url ${server.url} --jq '("x" * 1000) as $s | repeat($s)'`
    const result = await shell.run(script, {env, timeoutMs: 30_000})
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual({id: 1, line: 1, error: 'HTTP 200, then --jq printed more than 64 MiB; bound the filter\'s outputs, e.g. with limit(n; ...)'})
    const rssMb = Number((await readFile(`${shell.dir}/rss`, 'utf8')).trim().split('\n').pop()) / 1024
    expect(rssMb).toBeLessThan(400)
  })
})

/**
 * Starts the CLI with a stdout nobody reads for `ms`, then reads its peak memory (VmHWM) and its first line (waiting
 * at most 5 s for it), and ends it.
 */
async function stalledReader(args: string[], ms: number): Promise<{firstLine: string, peakMb: number}> {
  const child = spawn(cliCommand, [...cliPrefix, ...args], {env: {PATH: process.env.PATH ?? '', HOME: shell.dir, DDCLI_CONFIG_DIR: `${shell.dir}/config`, ...env}, stdio: ['ignore', 'pipe', 'pipe']})
  try {
    await new Promise((resolve) => setTimeout(resolve, ms))
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8')
    const peakMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024
    const firstLine = await new Promise<string>((resolve) => {
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')))
      })
      child.on('close', () => resolve(text))
      setTimeout(() => resolve(text), 5000).unref()
    })
    return {firstLine, peakMb}
  } finally {
    child.kill('SIGKILL')
  }
}
