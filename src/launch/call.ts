import {parse} from '@oclif/core/parser'
import {callArgs, callFlags, callOptions} from '../call/flags.js'
import {colorFlags} from '../flags.js'
import {runCall} from '../call/run.js'
import {processIO, terminalColumns, type Env} from '../io.js'
import {reportFailure, watchProcess} from '../runtime.js'
import {launchFast as launchEntry, type LoaderDeps} from './entry.js'

/**
 * `ddcli call` without oclif's Config, plugin and command loading: the same definitions parsed by oclif's own
 * parser (with BaseCommand's baseFlags first, as oclif's Command.parse aggregates them), the same runner, the same
 * failure report as BaseCommand. oclif's Command.parse adds nothing else here: no hooks, no deprecated flags, no --json.
 */
export async function runCallCommand(argv: string[], env: Env): Promise<void> {
  const abort = new AbortController()
  watchProcess(abort)
  try {
    const {args, flags} = await parse(argv, {args: callArgs, flags: {...colorFlags, ...callFlags}, strict: true})
    await runCall(callOptions(args, flags, argv), {io: processIO(env, flags['no-color']), env, signal: abort.signal, columns: terminalColumns(process.stdout.columns)})
  } catch (error: unknown) {
    await reportFailure(error as Error, {argv, env, id: 'call', abort: abort.signal, flags: {...colorFlags, ...callFlags}, args: callArgs})
  }
}

/**
 * The whole launcher, for bin/launch.js to load this one bundle when argv starts with `call` (reading, compiling and
 * running dist/launch.cjs first cost about 2 ms). It decides exactly as dist/launch.cjs does; `call` runs from here.
 */
export function launchFast(argv: string[], loader: LoaderDeps): Promise<boolean> {
  return launchEntry(argv, {...loader, loadScript: (name) => (name === 'launch-call' ? {runCallCommand} : loader.loadScript(name))})
}
