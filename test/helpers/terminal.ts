import {spawn, spawnSync} from 'node:child_process'
import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {binPath, makeTempDir, requireBuild} from './cli.js'

/** Whether util-linux `script` is here to give the CLI a real pseudo-terminal; tests that need one skip without. */
export const haveScript = spawnSync('script', ['--version'], {stdio: 'ignore'}).status === 0

/** Which of the CLI's streams go to files instead of the terminal. */
export type Redirect = 'none' | 'stdout' | 'stderr' | 'both'

/** What a run under a pseudo-terminal showed (raw, with the terminal's `\r\n`), and what the redirected streams got. */
export interface TerminalRun {
  terminal: string
  stdout?: string
  stderr?: string
  code: number | null
}

const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`

/**
 * Runs `ddcli ...args` under a pseudo-terminal (`script -qec`), as a user at a terminal would, with a clean env (PATH,
 * HOME and DDCLI_CONFIG_DIR in a fresh temp dir, DDCLI_STORAGE=file, TERM=xterm) plus `env`; `redirect` sends stdout,
 * stderr or both to files, so a test sees what each stream got on a terminal and in a pipe; `columns` sets the
 * terminal's width.
 */
export async function runInTerminal(args: string[], options: {env?: Record<string, string>, redirect?: Redirect, columns?: number, timeoutMs?: number} = {}): Promise<TerminalRun> {
  requireBuild(`runInTerminal runs the built CLI (ddcli ${args.slice(0, 2).join(' ')})`)
  const dir = await makeTempDir('ddcli-tty-')
  const [out, err] = [join(dir, 'out'), join(dir, 'err')]
  const to = {none: '', stdout: ` > ${quote(out)}`, stderr: ` 2> ${quote(err)}`, both: ` > ${quote(out)} 2> ${quote(err)}`}[options.redirect ?? 'none']
  const size = options.columns === undefined ? '' : `stty cols ${options.columns}; `
  const command = size + [process.execPath, binPath, ...args].map(quote).join(' ') + to
  try {
    const {terminal, code} = await new Promise<{terminal: string, code: number | null}>((resolve) => {
      const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, DDCLI_CONFIG_DIR: join(dir, 'config'), DDCLI_STORAGE: 'file', TERM: 'xterm', ...options.env}
      const child = spawn('script', ['-qec', command, '/dev/null'], {env, stdio: ['ignore', 'pipe', 'inherit']})
      const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 15_000)
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => { text += chunk.toString() })
      child.on('close', (exit) => {
        clearTimeout(timer)
        resolve({terminal: text, code: exit})
      })
    })
    const file = (path: string) => readFile(path, 'utf8').catch(() => undefined)
    return {terminal, code, stdout: await file(out), stderr: await file(err)}
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}
