import {execFile} from 'node:child_process'
import {chmod, mkdir, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {binPath, makeTempDir, requireBuild} from './cli.js'

/** How a shell snippet ended. */
export interface ShellResult {
  code: number
  stdout: string
  stderr: string
}

/** A temp dir with a `ddcli` on PATH (a shim running the built bin/run.js), a config dir, and a clean env. */
export interface ShellSandbox {
  dir: string
  env: Record<string, string>
  /** Runs a bash snippet; stdin gets `options.stdin` (default: nothing) and is then closed. */
  run(script: string, options?: {env?: Record<string, string>, timeoutMs?: number, stdin?: string}): Promise<ShellResult>
  close(): Promise<void>
}

/** Makes a sandbox in which `ddcli ...` in a bash snippet runs the built CLI, with only PATH, HOME and the config dir set. */
export async function shellSandbox(): Promise<ShellSandbox> {
  requireBuild('shellSandbox puts the built CLI on the PATH')
  const dir = await makeTempDir('ddcli-shell-')
  await mkdir(join(dir, 'bin'))
  await mkdir(join(dir, 'home'))
  const shim = join(dir, 'bin', 'ddcli')
  await writeFile(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(binPath)} "$@"\n`)
  await chmod(shim, 0o755)
  const env = {PATH: `${join(dir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: join(dir, 'home'), DDCLI_CONFIG_DIR: join(dir, 'config')}
  return {
    dir,
    env,
    run: (script, options = {}) => new Promise((resolve) => {
      const child = execFile('bash', ['-c', script], {cwd: dir, env: {...env, ...options.env}, timeout: options.timeoutMs ?? 20_000}, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({code, stdout, stderr})
      })
      child.stdin?.on('error', () => {})
      child.stdin?.end(options.stdin ?? '')
    }),
    close: () => rm(dir, {recursive: true, force: true}),
  }
}
