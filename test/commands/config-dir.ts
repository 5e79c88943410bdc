import {readFile, rm, writeFile, mkdir} from 'node:fs/promises'
import {join} from 'node:path'
import {makeTempDir, runCli, type RunOptions, type RunResult} from '../helpers/cli.js'
import {run as runCommand} from '../helpers/in-process.js'

/** Fake credentials in Datadog's shapes, each ending in a marker that its masked form keeps. */
export const PAT = 'ddpat_0123456789abcdefghijPATX'
export const API_KEY = '0123456789abcdef0123456789abAPIK'
export const APP_KEY = '0123456789abcdef0123456789abcdef0123APPK'

/** A temp config dir for one test, and a runner that uses it. */
export interface ConfigDir {
  /** DDCLI_CONFIG_DIR: a folder inside the temp dir, created by ddcli on its first write. */
  dir: string
  file: string
  /** Runs the CLI with this config dir; env values that are undefined are left out (it.each tables make them). */
  run(args: string[], options?: Omit<RunOptions, 'env'> & {env?: Record<string, string | undefined>}): Promise<RunResult>
  /** The parsed config file. */
  read(): Promise<{profiles?: Record<string, Record<string, string>>}>
  /** Writes the config file as given, creating the folder. */
  write(text: string): Promise<void>
  cleanup(): Promise<void>
}

/**
 * Makes a temp config dir; call `cleanup` in afterEach. Commands run in process (see run() of in-process.ts), unless `spawn`
 * asks for the built CLI: the OS keychain's native module reads the process's own environment (the D-Bus address),
 * which only a process of its own can set.
 */
export async function configDir(how: {spawn?: boolean} = {}): Promise<ConfigDir> {
  const root = await makeTempDir('ddcli-auth-')
  const dir = join(root, 'ddcli')
  const file = join(dir, 'config.json')
  return {
    dir,
    file,
    run: (args, options = {}) => {
      const env = Object.fromEntries(Object.entries(options.env ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined))
      // run() spawns what only the CLI process answers (help, unknown words); in the unit project that fails.
      return (how.spawn ? runCli : runCommand)(args, {...options, env: {DDCLI_CONFIG_DIR: dir, ...env}})
    },
    read: async () => JSON.parse(await readFile(file, 'utf8')),
    write: async (text) => {
      await mkdir(dir, {recursive: true, mode: 0o700})
      await writeFile(file, text, {mode: 0o600})
    },
    cleanup: () => rm(root, {recursive: true, force: true}),
  }
}

/** stdout as text. */
export function out(result: RunResult): string {
  return result.stdout.toString('utf8')
}
