import {Command} from '@oclif/core/command'
import {colorFlags} from './flags.js'
import {processIO, type Env, type IO} from './io.js'
import {noColorFlag, reportFailure, watchProcess} from './shell.js'

export {apiFlags, colorFlags, credentialFlags} from './flags.js'

/**
 * The shell every command runs in: it builds the real IO, env and abort signal, and maps every error to its exit
 * code in one place (src/shell.ts, which the fast `call` launcher uses too). A second Ctrl-C exits at once.
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = colorFlags

  protected readonly abort = new AbortController()
  protected readonly env: Env = {...process.env}

  /** The process IO; colour off with `--no-color` (read from argv when the command does not pass its parsed flag). */
  protected io(noColor = noColorFlag(this.argv)): IO {
    return processIO(this.env, noColor)
  }

  public override async init(): Promise<void> {
    await super.init()
    watchProcess(this.abort)
  }

  public override async catch(error: Error & {exitCode?: number, oclif?: {exit?: number}}): Promise<void> {
    // A command without flags of its own (help, version) has no static flags at all: its base flags still count, or
    // its unknown flags would get oclif's raw "Nonexistent flag" line instead of the one every other command prints.
    const flags = {...this.ctor.baseFlags, ...this.ctor.flags}
    await reportFailure(error, {argv: this.argv, env: this.env, id: this.id, abort: this.abort.signal, flags})
  }
}
