import {BaseCommand} from '../base-command.js'
import {processIO} from '../io.js'

/** `ddcli __complete WORDS...`: candidates for the last word, one per line; called by the completion scripts. */
export default class Complete extends BaseCommand {
  static override description = 'Prints completion candidates for the last of the given words (which may be empty), one per line. A leading -- is dropped; the scripts pass it so that words like --help reach this command.'

  static override hidden = true

  static override strict = false

  static override summary = 'Completion candidates for the shell scripts'

  public override async run(): Promise<void> {
    const {runComplete} = await import('../completion/run.js')
    await runComplete(this.argv, {io: processIO(this.env, true), env: this.env, commands: this.config.commands})
  }
}
