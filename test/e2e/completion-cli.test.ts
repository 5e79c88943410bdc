import {execFile, execFileSync} from 'node:child_process'
import {chmod, mkdir, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {cliShell, makeTempDir, runCli} from '../helpers/cli.js'

// End to end through bin/run.js (needs npm run build). The shells find `ddcli` through a shim on a clean PATH.

const run = promisify(execFile)
const hasZsh = (() => {
  try {
    execFileSync('zsh', ['-c', 'true'], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
})()

let home: string
let env: Record<string, string>

beforeAll(async () => {
  home = await makeTempDir('ddcli-completion-')
  await writeFile(join(home, 'ddcli'), `#!/bin/sh\nexec ${cliShell("'")} "$@"\n`)
  await chmod(join(home, 'ddcli'), 0o755)
  env = {PATH: `${home}:/usr/bin:/bin`, HOME: home, DDCLI_CONFIG_DIR: join(home, 'config')}
})

afterAll(async () => {
  await rm(home, {recursive: true, force: true})
})

async function shell(name: 'bash' | 'zsh', script: string): Promise<string> {
  const args = name === 'zsh' ? ['-f', '-c', script] : ['--norc', '-c', script]
  const {stdout} = await run(name, args, {env, timeout: 30_000})
  return stdout
}

/** Bash: fake the variables bash sets for a completion at the end of `line`, call the function, print COMPREPLY. */
const bashComplete = (line: string, words: string[]) => `source <(ddcli completion bash)
COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}
COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
_ddcli_complete; printf '%s\\n' "\${COMPREPLY[@]}"`

describe('ddcli completion bash', () => {
  it('registers a completion function for ddcli when sourced', async () => {
    expect(await shell('bash', 'source <(ddcli completion bash) && complete -p ddcli')).toBe('complete -o default -F _ddcli_complete ddcli\n')
  })

  it.each([
    {name: 'completes topics and commands', line: 'ddcli ap', words: ['ddcli', 'ap'], want: ['api']},
    {name: 'completes API paths one segment at a time', line: 'ddcli call GET /api/v1/mon', words: ['ddcli', 'call', 'GET', '/api/v1/mon'], want: ['/api/v1/monitor', '/api/v1/monitor/']},
    // Bash splits v1:ListU at the colon; the candidate must replace only the part after it.
    // Bash splits --site=datad at the =; the candidate must replace only the part after it.
    {name: 'completes a flag value after the = bash splits at', line: 'ddcli call --site=datadoghq.e', words: ['ddcli', 'call', '--site', '=', 'datadoghq.e'], want: ['datadoghq.eu']},
    {name: 'completes every flag value right after the =', line: 'ddcli call --site=', words: ['ddcli', 'call', '--site', '='], want: ['=datadoghq.eu']},
    {name: 'completes a v1: name after the colon bash splits at', line: 'ddcli call v1:ListU', words: ['ddcli', 'call', 'v1', ':', 'ListU'], want: ['ListUsers']},
  ])('$name', async ({line, words, want}) => {
    const lines = (await shell('bash', bashComplete(line, words))).trimEnd().split('\n')
    expect(lines).toEqual(expect.arrayContaining(want))
  })
})

describe('ddcli completion zsh', () => {
  it.skipIf(!hasZsh)('prints a script zsh -n accepts', async () => {
    expect(await shell('zsh', 'ddcli completion zsh > "$HOME/_ddcli" && zsh -n "$HOME/_ddcli" && echo ok')).toBe('ok\n')
  })

  it.skipIf(!hasZsh)('registers _ddcli for ddcli after compinit', async () => {
    const script = 'autoload -U compinit && compinit -u -D && source <(ddcli completion zsh) && print -r -- $_comps[ddcli]'
    expect(await shell('zsh', script)).toBe('_ddcli\n')
  })

  it.skipIf(!hasZsh)('offers flag values after --flag= as whole words', async () => {
    const script = `compdef() {}; compadd() { print -r -- "compadd $*" }; source <(ddcli completion zsh)
words=(ddcli call --site=datadoghq.e); CURRENT=3; PREFIX=--site=datadoghq.e; _ddcli`
    expect(await shell('zsh', script)).toBe('compadd -- --site=datadoghq.eu\n')
  })

  it.skipIf(!hasZsh)('adds paths that go on without a trailing space', async () => {
    const script = `compdef() {}; compadd() { print -r -- "compadd $*" }; source <(ddcli completion zsh)
words=(ddcli call GET /api/v1/mon); CURRENT=4; PREFIX=/api/v1/mon; _ddcli`
    expect(await shell('zsh', script)).toBe('compadd -- /api/v1/monitor /api/v1/monthly_custom_reports\ncompadd -S  -- /api/v1/monitor/ /api/v1/monthly_custom_reports/\n')
  })
})

describe('ddcli __complete', () => {
  it.each([
    {name: 'offers operationIds for call', args: ['call', 'Li'], want: 'ListMonitors'},
    {name: 'offers API paths after a method', args: ['call', 'GET', '/api/v1/mon'], want: '/api/v1/monitor'},
    {name: 'offers flags though --help was typed before, after the scripts\' --', args: ['--', 'call', '--help', '--verb'], want: '--verbose'},
    {name: 'offers the shells of ddcli completion', args: ['completion', ''], want: 'zsh'},
  ])('$name', async ({args, want}) => {
    const result = await runCli(['__complete', ...args])
    expect(result).toMatchObject({code: 0, stderr: ''})
    expect(result.stdout.toString().split('\n')).toContain(want)
  })

  it.each([
    {name: 'offers the profiles of the config file after --profile', config: '{"profiles":{"default":{},"staging":{"site":"datadoghq.eu"}}}', args: ['call', '--profile', ''], want: 'default\nstaging\n'},
    {name: 'offers the profiles after --profile=', config: '{"profiles":{"default":{},"staging":{}}}', args: ['auth', 'status', '--profile=st'], want: '--profile=staging\n'},
    // A hand-edited or hostile config file: names --profile rejects are never offered, so no `$(...)`, `;`, blank,
    // newline or terminal escape reaches the command line the shell runs on Enter.
    {name: 'offers only the profile names --profile accepts', config: JSON.stringify({profiles: {'$(touch pwned)': {}, 'a;b': {}, 'a b': {}, 'nl\nx': {}, 'esc\u001b]0;t\u0007': {}, '..': {}, good: {}}}), args: ['call', '--profile', ''], want: 'good\n'},
    {name: 'offers no profile and no error when the config file is corrupt', config: '{"profiles":', args: ['call', '--profile', ''], want: ''},
  ])('$name', async ({config, args, want}) => {
    const dir = join(home, 'profiles-config')
    await mkdir(dir, {recursive: true})
    await writeFile(join(dir, 'config.json'), config, {mode: 0o600})
    const result = await runCli(['__complete', '--', ...args], {env: {DDCLI_CONFIG_DIR: dir}})
    expect({code: result.code, stdout: result.stdout.toString(), stderr: result.stderr}).toEqual({code: 0, stdout: want, stderr: ''})
  })

  it('does not read the config file unless --profile is completed', async () => {
    // A FIFO nobody writes to: reading it would block, and the shell would hang on every TAB.
    const dir = join(home, 'fifo-config')
    await mkdir(dir, {recursive: true})
    execFileSync('mkfifo', [join(dir, 'config.json')])
    const result = await runCli(['__complete', '--', 'call', '--site', 'datadoghq.e'], {env: {DDCLI_CONFIG_DIR: dir}, timeoutMs: 10_000})
    expect({timedOut: result.timedOut, code: result.code, stdout: result.stdout.toString()}).toEqual({timedOut: false, code: 0, stdout: 'datadoghq.eu\n'})
  })

  it('is not listed among the commands', async () => {
    const result = await runCli(['__complete', ''])
    expect(result.stdout.toString()).not.toContain('__complete')
  })
})

describe('ddcli completion', () => {
  it.each(['bash', 'zsh', 'fish'])('gives an install line for %s in --help', async (name) => {
    const help = (await runCli(['completion', '--help'])).stdout.toString()
    expect(help.split('\n').filter((line) => line.trim().startsWith(`${name}:`) && line.includes(`ddcli completion ${name}`))).toHaveLength(1)
  })

  it('exits 2 for a shell it has no script for', async () => {
    const result = await runCli(['completion', 'powershell'])
    expect(result.code).toBe(2)
    expect(result.stdout.toString()).toBe('')
  })
})
