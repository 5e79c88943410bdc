import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {commandNotFoundLine} from '../../src/suggest/index.js'
import {helpSubject} from '../../src/help/subject.js'
import {EXIT_CODES} from '../../src/errors.js'
import {environmentText, environmentVariables, exitCodesText} from '../../src/help/topics.js'
import {CREDENTIALS} from '../../src/credentials/credentials.js'
import {ExitCode} from '../../src/errors.js'
import {PROXY_VAR_NAMES} from '../../src/http/proxy.js'
import {colorLevel} from '../../src/io.js'

const src = fileURLToPath(new URL('../../src', import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') && !path.endsWith('.generated.ts') ? [path] : []
  })
}

/** Every `env.NAME`, `env['NAME']` and `process.env.NAME` read in src/ (near-miss names are read only to warn). */
const read = new Set(sources(src).filter((file) => !file.endsWith(join('suggest', 'env.ts'))).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/env(?:\.([A-Z][A-Z0-9_]+)|\[['"]([A-Z][A-Z0-9_]+)['"]\])/g)].map((m) => m[1] ?? m[2]!)))

describe('ddcli help environment', () => {
  const listed = environmentVariables().map((v) => v.name)

  it.each([...read, ...CREDENTIALS.flatMap((def) => def.env)].map((name) => ({name})))('lists $name, which ddcli reads', ({name}) => {
    expect(listed).toContain(name)
  })

  // The proxy variables are read from a list (src/http/proxy.ts), which the scan above does not see.
  it.each(PROXY_VAR_NAMES.map((name) => ({name})))('names the proxy variable $name', ({name}) => {
    expect(environmentText()).toMatch(new RegExp(`\\b${name}\\b`))
  })

  it('says which of NO_COLOR and FORCE_COLOR wins as colorLevel decides it (NO_COLOR, as the README says)', () => {
    const meaning = (name: string) => environmentVariables().find((v) => v.name === name)!.meaning
    expect(colorLevel(true, {NO_COLOR: '1', FORCE_COLOR: '1'}, false)).toBe(0)
    expect(meaning('NO_COLOR')).toMatch(/whatever FORCE_COLOR says/)
    expect(meaning('FORCE_COLOR')).toMatch(/--no-color and NO_COLOR win over it/)
  })

  it('found the variables read in src/ (the scan itself works)', () => {
    expect([...read]).toEqual(expect.arrayContaining(['DD_SITE', 'DD_API_URL', 'DD_PROFILE', 'DDCLI_CONFIG_DIR', 'NO_COLOR']))
  })

  it('states the precedence of flags, environment and profile, and keeps lines within 100 columns', () => {
    const text = environmentText()
    expect(text).toMatch(/a flag wins over the environment, the environment over the\nstored profile/)
    expect(text).toMatch(/DATADOG_API_KEY +the same, read only when DD_API_KEY is unset/)
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100)
  })
})

describe('ddcli help exit-codes', () => {
  it.each(Object.entries(ExitCode).map(([name, code]) => ({name, code})))('lists $code ($name)', ({code}) => {
    expect(EXIT_CODES.find((entry) => entry.code === code)?.meaning).toBeTruthy()
    expect(exitCodesText()).toMatch(new RegExp(`^  ${code} +\\S`, 'm'))
  })
})

const KNOWN = {commands: ['call', 'help', 'version', 'api list', 'api show', 'auth status', 'auth set-pat'], topics: ['api', 'auth']}

describe('the subject of ddcli help and --help', () => {
  it.each([
    {name: 'no word is the root help', words: [], want: {kind: 'oclif', words: []}},
    {name: 'a command', words: ['call'], want: {kind: 'oclif', words: ['call']}},
    {name: 'a command with its arguments (call GET /x --help)', words: ['call', 'GET', '/x'], want: {kind: 'oclif', words: ['call']}},
    {name: 'a command of a topic', words: ['auth', 'status'], want: {kind: 'oclif', words: ['auth', 'status']}},
    {name: 'a topic', words: ['auth'], want: {kind: 'oclif', words: ['auth']}},
    {name: 'help before a command', words: ['help', 'call'], want: {kind: 'oclif', words: ['call']}},
    {name: 'the word help alone is the help command', words: ['help'], want: {kind: 'oclif', words: ['help']}},
    {name: 'the environment topic', words: ['environment'], want: {kind: 'topic', name: 'environment'}},
    {name: 'the exit-codes topic', words: ['exit-codes'], want: {kind: 'topic', name: 'exit-codes'}},
    {name: 'a mistyped help topic', words: ['environmnet'], want: {kind: 'error', line: 'unknown help topic "environmnet"; did you mean ddcli help environment?'}},
    {name: 'an unknown word', words: ['cal'], want: {kind: 'error', line: commandNotFoundLine(['cal'], KNOWN)}},
    {name: 'an unknown command of a topic', words: ['auth', 'lgin'], want: {kind: 'error', line: commandNotFoundLine(['auth', 'lgin'], KNOWN)}},
  ])('$name', ({words, want}) => {
    expect(helpSubject(words, KNOWN)).toEqual(want)
  })
})
