import {loadHelpClass} from '@oclif/core/help'
import {BaseCommand} from '../base-command.js'

/** `ddcli help [COMMAND...]`: the same help as `--help`, plus the topics environment and exit-codes. */
export default class HelpCommand extends BaseCommand {
  static override description = `With no argument, lists the commands and topics. With a command (ddcli help call, ddcli help auth status) or a topic (ddcli help auth), shows the same help as --help; so does the word help after a command or topic, as in git and gh (ddcli call help, ddcli auth help status), except where help is a value (a profile for auth switch, a search for api list). Help topics: ddcli help environment lists every environment variable ddcli reads, with its precedence; ddcli help exit-codes lists the exit codes.`

  static override examples = [
    '<%= config.bin %> help',
    '<%= config.bin %> help call',
    '<%= config.bin %> help auth status',
    '<%= config.bin %> help environment',
    '<%= config.bin %> help exit-codes',
  ]

  static override strict = false

  static override usage = ['help [COMMAND...]', 'help environment', 'help exit-codes']

  static override summary = 'Show help for a command, or a topic: environment, exit-codes'

  public override async run(): Promise<void> {
    const {argv} = await this.parse(HelpCommand)
    const Help = await loadHelpClass(this.config)
    await new Help(this.config, this.config.pjson.oclif.helpOptions).showHelp(argv as string[])
  }
}
