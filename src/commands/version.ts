import {BaseCommand} from '../base-command.js'

/** `ddcli version`: what `ddcli --version` prints. */
export default class Version extends BaseCommand {
  static override description = 'Prints ddcli\'s version, platform and Node.js version on one line, as ddcli --version does.'

  static override examples = ['<%= config.bin %> version']

  static override summary = 'Print the version of ddcli'

  public override async run(): Promise<void> {
    await this.parse(Version)
    process.stdout.write(`${this.config.userAgent}\n`)
  }
}
