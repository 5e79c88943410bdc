import {spawn, spawnSync} from 'node:child_process'
import {chmod, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {cliShell, makeTempDir} from '../helpers/cli.js'

// The completion scripts in real interactive shells under a pseudo-terminal (util-linux `script`): each case types a
// partial command line and TAB, then Ctrl-A and `echo RESULT<n>:` and Enter, so the shell prints the line completion
// made. Needs npm run build; .ci/run installs zsh and fish.

const has = (command: string) => spawnSync(command, ['-c', 'true'], {stdio: 'ignore'}).status === 0
const haveScript = spawnSync('script', ['--version'], {stdio: 'ignore'}).status === 0

const cases = [
  {name: 'completes a topic', typed: 'ddcli ap\t', want: 'ddcli api'},
  {name: 'completes an operationId', typed: 'ddcli call ListMonitorDown\t', want: 'ddcli call ListMonitorDowntimes'},
  {name: 'completes a v1: operationId', typed: 'ddcli call v1:ListUs\t', want: 'ddcli call v1:ListUsers'},
  {name: 'completes an API path segment', typed: 'ddcli call GET /api/v1/monitor/sea\t', want: 'ddcli call GET /api/v1/monitor/search'},
  {name: 'adds no space after a path that goes on', typed: 'ddcli call GET /api/v1/synth\tx', want: 'ddcli call GET /api/v1/synthetics/x'},
  {name: 'completes a flag', typed: 'ddcli call --dry-r\t', want: 'ddcli call --dry-run'},
  {name: 'completes a flag value after a space', typed: 'ddcli call --site us5\t', want: 'ddcli call --site us5.datadoghq.com'},
  {name: 'completes a flag value after =', typed: 'ddcli call --site=datadoghq.e\t', want: 'ddcli call --site=datadoghq.eu'},
  {name: 'completes the shells of ddcli completion', typed: 'ddcli completion fi\t', want: 'ddcli completion fish'},
]

const shells = {
  bash: {ok: has('bash'), command: (dir: string) => `bash --noprofile --rcfile ${dir}/bashrc -i`},
  zsh: {ok: has('zsh'), command: () => 'zsh -i'},
  fish: {ok: has('fish'), command: () => `fish --no-config -i -C 'ddcli completion fish | source'`},
}
type ShellName = keyof typeof shells

let dir: string
const results: Partial<Record<ShellName, string[]>> = {}

/** Runs one interactive session typing every case; returns, per case, the line the shell echoed. */
function session(shell: ShellName): Promise<string[]> {
  const keys = cases.map((c, i) => `${c.typed}\u0001echo RESULT${i}:\n`).join('') + 'exit\n'
  const env = {PATH: `${dir}:/usr/bin:/bin`, HOME: dir, ZDOTDIR: dir, DDCLI_CONFIG_DIR: join(dir, 'config'), TERM: 'xterm'}
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', shells[shell].command(dir), '/dev/null'], {env, stdio: ['pipe', 'pipe', 'inherit']})
    let out = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString() })
    child.on('error', reject)
    child.on('close', () => {
      clearTimeout(timer)
      // eslint-disable-next-line no-control-regex
      const lines = out.replace(/\u001b\[[0-9;?]*[a-zA-Z]/g, '').split(/[\r\n]+/)
      resolve(cases.map((_, i) => lines.filter((l) => l.startsWith(`RESULT${i}:`)).at(-1)?.slice(`RESULT${i}:`.length).trim() ?? '(nothing echoed)'))
    })
    child.stdin.end(keys)
  })
}

beforeAll(async () => {
  dir = await makeTempDir('ddcli-shells-')
  await writeFile(join(dir, 'ddcli'), `#!/bin/sh\nexec ${cliShell("'")} "$@"\n`)
  await chmod(join(dir, 'ddcli'), 0o755)
  await writeFile(join(dir, 'bashrc'), "source <(ddcli completion bash)\nPS1='> '\n")
  await writeFile(join(dir, '.zshrc'), "autoload -U compinit && compinit -u -D\nsource <(ddcli completion zsh)\nPS1='> '\n")
  await Promise.all((Object.keys(shells) as ShellName[]).filter((s) => haveScript && shells[s].ok).map(async (s) => {
    results[s] = await session(s)
  }))
}, 120_000)

afterAll(async () => {
  await rm(dir, {recursive: true, force: true})
})

describe.each(Object.keys(shells) as ShellName[])('in an interactive %s', (shell) => {
  it.skipIf(!haveScript || !shells[shell].ok).each(cases.map((c, i) => ({...c, i})))('$name', ({i, want}) => {
    expect(results[shell]?.[i]).toBe(want)
  })
})
