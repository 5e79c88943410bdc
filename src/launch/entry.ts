import {readFileSync} from 'node:fs'
import {ExitCode} from '../errors.js'
import {diagnostic, outputFailureLine} from '../output/render.js'
import type {Env} from '../io.js'
import {launch} from './main.js'
import type {HelpTexts, LaunchTable} from './table.js'

// The entry of dist/launch.cjs (scripts/bundle.mjs), which bin/launch.js compiles with V8's code cache. `call`
// lives in dist/launch-call.cjs (entry src/launch/call.ts), loaded only for a call.
declare const __DDCLI_LAUNCH_TABLE__: LaunchTable

/** What bin/launch.js passes in. */
export interface LoaderDeps {
  helpFile: string
  /** The bundle's exports; undefined when it is missing or does not load (then oclif runs the command). */
  loadScript: (name: string) => {runCallCommand?: (argv: string[], env: Env) => Promise<void>} | undefined
  /** Reads a file only when it is a regular one (a fifo or device throws instead of blocking); readFileSync else. */
  readRegular?: (file: string) => Buffer
}

/** Runs argv on the fast path if it can; false when oclif must run it. */
export function launchFast(argv: string[], loader: LoaderDeps): Promise<boolean> {
  return launch(argv, {...process.env}, {
    table: __DDCLI_LAUNCH_TABLE__,
    helpTexts: () => readHelpTexts(loader.helpFile, loader.readRegular ?? ((file) => readFileSync(file))),
    loadCall: () => loader.loadScript('launch-call')?.runCallCommand,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    write: (text) => {
      process.stdout.on('error', onStdoutError)
      process.stdout.write(text)
    },
  })
}

/**
 * A write of --version or help that fails: a closed pipe (`| head -c0`) ends the run quietly, as on oclif's path;
 * any other error (a full disk, /dev/full) is one line and exit 6, as for every command (src/process-guards.ts).
 */
function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  process.stderr.write(diagnostic(outputFailureLine(error)))
  process.exit(ExitCode.output)
}

/** The build's pre-rendered help texts; none (so oclif renders help) when the file is missing or unreadable. */
function readHelpTexts(file: string, read: (file: string) => Buffer): HelpTexts {
  try {
    const texts: unknown = JSON.parse(read(file).toString('utf8'))
    if (typeof texts !== 'object' || texts === null) return {}
    return Object.fromEntries(Object.entries(texts).filter(([, text]) => typeof text === 'string')) as HelpTexts
  } catch {
    return {}
  }
}
