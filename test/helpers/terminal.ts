import {spawn, spawnSync} from 'node:child_process'
import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {binPath, makeTempDir} from './cli.js'

/** util-linux `script`, which runs a command under a pseudo-terminal; tests that need one skip without it. */
export const haveScript = spawnSync('script', ['--version'], {stdio: 'ignore'}).status === 0

/** Which of the CLI's streams go to files instead of the terminal. */
export type Redirect = 'none' | 'stdout' | 'stderr' | 'both'

/** What a run under a pseudo-terminal showed, what went to the files, and its exit code. */
export interface TerminalRun {
  terminal: string
  stdout?: string
  stderr?: string
  code: number | null
}

/**
 * Runs the built CLI under a pseudo-terminal (`script -qec`), as a user at a terminal would, with the streams of
 * `redirect` sent to files; `terminal` has the pty's CRLF line ends turned back into LF. The env is clean (PATH,
 * HOME and a config dir in a temp dir, TERM=xterm) plus `env`.
 */
export async function runInTerminal(args: string[], env: Record<string, string>, redirect: Redirect = 'none'): Promise<TerminalRun> {
  const dir = await makeTempDir('ddcli-tty-')
  const quote = (a: string) => `'${a.replace(/'/g, "'\\''")}'`
  const [out, err] = [join(dir, 'out'), join(dir, 'err')]
  const to = {none: '', stdout: ` > ${quote(out)}`, stderr: ` 2> ${quote(err)}`, both: ` > ${quote(out)} 2> ${quote(err)}`}[redirect]
  const command = [process.execPath, binPath, ...args].map(quote).join(' ') + to
  try {
    const {terminal, code} = await new Promise<{terminal: string, code: number | null}>((resolve) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        env: {PATH: process.env.PATH ?? '', HOME: dir, DDCLI_CONFIG_DIR: join(dir, 'config'), TERM: 'xterm', ...env},
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => { text += chunk.toString() })
      child.on('close', (status) => resolve({terminal: text.replace(/\r\n/g, '\n'), code: status}))
    })
    const file = async (path: string) => readFile(path, 'utf8').catch(() => undefined)
    return {terminal, stdout: await file(out), stderr: await file(err), code}
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}
