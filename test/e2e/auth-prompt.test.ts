import {spawn, spawnSync} from 'node:child_process'
import {stat} from 'node:fs/promises'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {cliShell} from '../helpers/cli.js'
import {configDir, type ConfigDir} from '../commands/config-dir.js'

// util-linux `script` gives the CLI a real terminal, so these tests reach the hidden-input prompt. TERM is not
// `dumb`: readline's dumb-terminal mode has no line editing (backspace would be kept as a character).
const haveScript = spawnSync('script', ['--version']).status === 0
const SECRET = 'typedsecret0123456789TYPE'

let cfg: ConfigDir
beforeEach(async () => { cfg = await configDir() })
afterEach(async () => { await cfg.cleanup() })

/** Runs `ddcli auth <command>` on a pseudo-terminal and types `keys` once the prompt is shown. */
function typeAtPrompt(command: string, keys: string): Promise<{code: number | null, screen: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', `${cliShell("'")} auth ${command}`, '/dev/null'], {
      env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cfg.dir, DDCLI_CONFIG_DIR: cfg.dir, TERM: 'xterm'},
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let screen = ''
    let typed = false
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    const onData = (chunk: Buffer) => {
      screen += chunk.toString('utf8')
      if (!typed && screen.includes('(input is hidden): ')) {
        typed = true
        // Give readline a moment to switch the terminal to raw mode after printing the prompt.
        setTimeout(() => child.stdin.write(keys), 300)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      // The error prefix is coloured on a terminal; the wording is what these tests check.
      // eslint-disable-next-line no-control-regex
      resolve({code, screen: screen.replace(/\u001b\[[0-9;]*m/g, '')})
    })
  })
}

describe.skipIf(!haveScript)('auth set-* on a terminal', () => {
  it('prompts on the terminal, hides what is typed and stores it', async () => {
    const {code, screen} = await typeAtPrompt('set-api-key --profile tty', `${SECRET}\r`)
    expect(code).toBe(0)
    expect(screen).toContain('Paste the API key (input is hidden): ')
    expect(screen).toContain(`ddcli: stored the API key ****TYPE in ${cfg.file} [profile tty]`)
    expect(screen).not.toContain(SECRET.slice(0, -4))
    expect((await cfg.read()).profiles).toEqual({tty: {apiKey: SECRET}})
  })

  it('lets the user erase typed characters with backspace', async () => {
    const {code} = await typeAtPrompt('set-pat', `xy\u007f\u007fddpat_${SECRET}\r`)
    expect(code).toBe(0)
    expect((await cfg.read()).profiles?.default?.pat).toBe(`ddpat_${SECRET}`)
  })

  it('exits 130 on Ctrl-C and writes nothing', async () => {
    const {code, screen} = await typeAtPrompt('set-app-key', `${SECRET.slice(0, 5)}\u0003`)
    expect(code).toBe(130)
    expect(screen).toContain('ddcli: interrupted')
    await expect(stat(cfg.file)).rejects.toThrow(/ENOENT/)
  })

  it('refuses an empty answer (Ctrl-D) with exit 2 and a hint', async () => {
    const {code, screen} = await typeAtPrompt('set-api-key', '\u0004')
    expect(code).toBe(2)
    expect(screen).toContain('ddcli: no API key entered; run ddcli auth set-api-key again and paste only the API key')
  })

  it('refuses a typed value with a space without echoing it', async () => {
    const {code, screen} = await typeAtPrompt('set-api-key', `${SECRET} ${SECRET}\r`)
    expect(code).toBe(2)
    expect(screen).toContain('contains a space inside it')
    expect(screen).not.toContain(SECRET.slice(0, -4))
  })
})
