import {readFileSync} from 'node:fs'
import os from 'node:os'
import {statSync} from 'node:fs'
import path from 'node:path'
import {configDir} from '../credentials/store.js'
import type {Env} from '../io.js'
import type {HelpTexts, LaunchTable} from './table.js'

// The fast launcher: the runs scripts repeat (`call`, `--version`, `--help` into a pipe) without loading oclif.
// Everything else, and every run with DEBUG or DDCLI_NO_FAST_PATH set, returns false and goes through oclif, which
// prints exactly the same (test/e2e/launch.test.ts compares both paths).

/** What the launcher needs from outside: argv after `ddcli`, env, the build's table, the rest loaded on demand. */
export interface LaunchDeps {
  table: LaunchTable
  /** The pre-rendered piped help texts, read only when help is asked for. */
  helpTexts: () => HelpTexts
  /** Loads what runs `ddcli call` with the argv after `call`; undefined when its bundle does not load. */
  loadCall: () => ((argv: string[], env: Env) => Promise<void>) | undefined
  stdoutIsTTY: boolean
  write: (text: string) => void
}

/** Runs argv if the fast path can; false when oclif must. */
export async function launch(argv: string[], env: Env, deps: LaunchDeps): Promise<boolean> {
  if (env.DEBUG || env.DDCLI_NO_FAST_PATH) return false
  const first = argv[0]
  if (first !== undefined && deps.table.versionFlags.includes(first)) {
    const platform = oclifPlatform()
    if (platform === undefined) return false
    deps.write(`${deps.table.name}/${deps.table.version} ${platform}-${os.arch() === 'ia32' ? 'x86' : os.arch()} node-${process.version}\n`)
    return true
  }
  const helpAt = argv.findIndex((arg) => arg === '--' || deps.table.helpFlags.includes(arg))
  if (argv.length === 0 || (helpAt !== -1 && argv[helpAt] !== '--')) {
    if (helpAt !== argv.length - 1 || deps.stdoutIsTTY || !plainHelp(env)) return false
    const texts = deps.helpTexts()
    const words = argv.slice(0, -1)
    // One argument holding a space (`ddcli 'auth set-pat' --help`) names no command for oclif.
    if (words.some((word) => /\s/.test(word))) return false
    const key = words.join(' ')
    const text = Object.hasOwn(texts, key) ? texts[key] : undefined
    if (!text) return false
    deps.write(text)
    return true
  }
  // `ddcli call help` is help, which oclif renders.
  if (first !== 'call' || argv[1] === 'help') return false
  const runCall = deps.loadCall()
  if (runCall === undefined) return false
  await runCall(argv.slice(1), env)
  return true
}

/** oclif's platform name for --version; undefined under WSL, which oclif detects on its own. */
function oclifPlatform(): string | undefined {
  if (process.platform !== 'linux') return process.platform
  if (os.release().toLowerCase().includes('microsoft')) return undefined
  try {
    return readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft') ? undefined : 'linux'
  } catch {
    return 'linux'
  }
}

// Env vars that change how oclif renders help into a pipe (colour forced or detected from CI, width, theme).
const HELP_ENV = ['FORCE_COLOR', 'COLORTERM', 'CI', 'TF_BUILD', 'PM2_HOME', 'NEXT_RUNTIME', 'OCLIF_COLUMNS']

/** Whether oclif would render help into a pipe exactly as the build did: no colour, 80 columns, no theme file. */
function plainHelp(env: Env): boolean {
  if (process.platform === 'win32') return false
  if (Object.keys(env).some((name) => HELP_ENV.includes(name) || name.startsWith('TEAMCI'))) return false
  try {
    statSync(path.join(configDir(env), 'theme.json'))
    return false
  } catch {
    return true
  }
}
