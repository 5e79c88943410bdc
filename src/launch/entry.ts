import {readFileSync} from 'node:fs'
import type {Env} from '../io.js'
import {launch} from './main.js'
import type {HelpTexts, LaunchTable} from './table.js'

// The entry of dist/launch.cjs (scripts/bundle.mjs), which bin/launch.js compiles with V8's code cache. `call`
// lives in dist/launch-call.cjs (entry src/launch/call.ts), loaded only for a call.
declare const __DDCLI_LAUNCH_TABLE__: LaunchTable

/** What bin/launch.js passes in. */
export interface LoaderDeps {
  helpFile: string
  loadScript: (name: string) => {runCallCommand: (argv: string[], env: Env) => Promise<void>}
}

/** Runs argv on the fast path if it can; false when oclif must run it. */
export function launchFast(argv: string[], loader: LoaderDeps): Promise<boolean> {
  return launch(argv, {...process.env}, {
    table: __DDCLI_LAUNCH_TABLE__,
    helpTexts: () => readHelpTexts(loader.helpFile),
    runCall: (callArgv, env) => loader.loadScript('launch-call').runCallCommand(callArgv, env),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    write: (text) => process.stdout.write(text),
  })
}

/** The build's pre-rendered help texts; none (so oclif renders help) when the file is missing. */
function readHelpTexts(file: string): HelpTexts {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as HelpTexts
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
}
