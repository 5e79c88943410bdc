import {spawn} from 'node:child_process'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {inject} from 'vitest'

/** The launcher a user runs; needs `npm run build` first. */
export const binPath = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

/**
 * The single executable the tests run instead of `node bin/run.js` when DDCLI_TEST_EXE names it (the exe project of
 * vitest.config.ts, `npm run test:exe`), else undefined.
 */
export const exePath = process.env.DDCLI_TEST_EXE ? resolve(process.env.DDCLI_TEST_EXE) : undefined
/** What runs the CLI: the executable, or node; `[...cliPrefix, ...args]` are its arguments. */
export const cliCommand = exePath ?? process.execPath
export const cliPrefix: string[] = exePath ? [] : [binPath]
/** The CLI as a shell command, each word in `quote`s: `"node" "bin/run.js"` or `"ddcli-linux-x64"`. */
export function cliShell(quote = '"'): string {
  return [cliCommand, ...cliPrefix].map((word) => `${quote}${word}${quote}`).join(' ')
}

/** Options for one CLI run; `env` is added to (and may override) the clean base env. */
export interface RunOptions {
  env?: Record<string, string>
  stdin?: string | Buffer
  timeoutMs?: number
}

/** How a CLI run ended; `code` is null and `signal` set when the process was killed (e.g. on timeout). */
export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: Buffer
  stderr: string
}

/** Makes a fresh temp dir and returns its path; remove it with `rm(path, {recursive: true, force: true})`. */
export function makeTempDir(prefix = 'ddcli-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

/**
 * Spawns `node bin/run.js ...args` (or the executable, see exePath) with a clean env: PATH, HOME and DDCLI_CONFIG_DIR (fresh temp dirs, removed
 * afterwards), DDCLI_STORAGE=file, plus `options.env`. Nothing else is inherited, so a developer's DD_* variables never leak into a test.
 * Pass DDCLI_CONFIG_DIR in `options.env` to share a config dir across runs (the caller then owns that dir).
 */
export function runCli(args: string[], options: RunOptions = {}): Promise<RunResult> {
  requireBuild(`runCli spawns the built CLI (ddcli ${args.slice(0, 2).join(' ')})`)
  return runCommand(cliCommand, [...cliPrefix, ...args], options)
}

/**
 * Throws unless the e2e project's global setup found a fresh build: the unit project runs from the sources and needs
 * no build, so a test there that runs the built CLI (runCli, shellSandbox, runInTerminal) belongs in test/e2e.
 */
export function requireBuild(what: string): void {
  if (!inject('freshBuild')) throw new Error(`${what}: run it in process (test/helpers/in-process.ts), or move the test to test/e2e`)
}

/** Like `runCli` for any node argv (e.g. `['-e', script]`), with the same clean env and temp dirs. */
export function runNode(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  return runCommand(process.execPath, argv, options)
}

async function runCommand(command: string, argv: string[], options: RunOptions): Promise<RunResult> {
  const home = await makeTempDir('ddcli-home-')
  try {
    // DDCLI_STORAGE=file: tests never write to a keychain of the machine; keychain tests set it to '' or keychain.
    const base = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, DDCLI_CONFIG_DIR: join(home, 'config'), DDCLI_STORAGE: 'file'}
    return await spawnCommand(command, argv, {...base, ...options.env}, options.stdin, options.timeoutMs ?? 15_000)
  } finally {
    await rm(home, {recursive: true, force: true})
  }
}

function spawnCommand(
  command: string,
  argv: string[],
  env: Record<string, string>,
  stdin: string | Buffer | undefined,
  timeoutMs: number,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {env, stdio: ['pipe', 'pipe', 'pipe']})
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    // A CLI that exits without reading stdin makes our write fail with EPIPE; that is its business, not an error here.
    child.stdin.on('error', () => {})
    child.stdin.end(stdin ?? '')
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({code, signal, timedOut, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8')})
    })
  })
}
