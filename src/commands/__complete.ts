import {BaseCommand, type Parsed, type RunContext} from '../base-command.js'

/** `ddcli __complete WORDS...`: candidates for the last word, one per line; called by the completion scripts. */
export default class Complete extends BaseCommand {
  static override description = 'Prints completion candidates for the last of the given words (which may be empty), one per line. A leading -- is dropped; the scripts pass it so that words like --help reach this command.'

  static override hidden = true

  static override strict = false

  static override summary = 'Completion candidates for the shell scripts'

  static override async execute(_parsed: Parsed, {argv, io, env, commands}: RunContext): Promise<void> {
    const {runComplete} = await import('../completion/run.js')
    await runComplete(argv, {io, env, commands})
  }

  /** The words are the shell's, not flags of this command: they are not parsed, and candidates are never coloured. */
  public override async run(): Promise<void> {
    await Complete.execute({args: {}, flags: {}}, this.context(true))
  }
}
