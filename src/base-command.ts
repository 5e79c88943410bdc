import {Command} from '@oclif/core/command'
import {colorFlags} from './flags.js'
import type {Parsed, RunContext} from './context.js'
import {processIO, terminalColumns, type Env} from './io.js'
import {noColorFlag, reportFailure, watchProcess} from './runtime.js'
import {helpWordSubject} from './suggest/index.js'

export {apiFlags, colorFlags, credentialFlags} from './flags.js'
export type {Parsed, RunContext} from './context.js'

/**
 * The shell every command runs in: it parses, builds the real IO, env and abort signal, and hands them to the
 * command's static `execute` (a test can call the same with its own); it maps every error to its exit code in one
 * place (src/runtime.ts, which the fast `call` launcher uses too). A second Ctrl-C exits at once.
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = colorFlags

  /** The command's work, given the parse and what it needs from outside. */
  static execute(_parsed: Parsed, _context: RunContext): Promise<void> {
    throw new Error('a command must define execute or run')
  }

  protected readonly abort = new AbortController()
  protected readonly env: Env = {...process.env}

  public async run(): Promise<void> {
    const ctor = this.ctor as unknown as typeof BaseCommand
    // `ddcli call help`, `ddcli completion help`: help for the command, as git and gh answer it.
    const name = this.id?.replace(/:/g, ' ') ?? ''
    const helpWords = helpWordSubject([...name.split(' '), ...this.argv], {commands: [name], topics: []})
    if (helpWords) return this.showHelp(helpWords)
    const parsed = await this.parse(ctor)
    const noColor = Boolean(parsed.flags['no-color']) || noColorFlag(this.argv)
    await ctor.execute(parsed, this.context(noColor))
  }

  /** Shows the help `ddcli help WORDS` shows. */
  protected async showHelp(words: string[]): Promise<void> {
    const {loadHelpClass} = await import('@oclif/core/help')
    const Help = await loadHelpClass(this.config)
    await new Help(this.config, this.config.pjson.oclif.helpOptions).showHelp(words)
  }

  /** What execute gets from this process. */
  protected context(noColor: boolean): RunContext {
    return {argv: this.argv, io: processIO(this.env, noColor), env: this.env, signal: this.abort.signal, columns: terminalColumns(process.stdout.columns), bin: this.config.bin, commands: this.config.commands}
  }

  public override async init(): Promise<void> {
    await super.init()
    watchProcess(this.abort)
  }

  public override async catch(error: Error & {exitCode?: number, oclif?: {exit?: number}}): Promise<void> {
    // A command without flags of its own (help, version) has no static flags at all: its base flags still count, or
    // its unknown flags would get oclif's raw "Nonexistent flag" line instead of the one every other command prints.
    const flags = {...this.ctor.baseFlags, ...this.ctor.flags}
    await reportFailure(error, {argv: this.argv, env: this.env, id: this.id, abort: this.abort.signal, flags, args: this.ctor.args})
  }
}
