import {Help} from '@oclif/core/help'
import {createMasker} from '../credentials/mask.js'
import {processSecrets} from '../credentials/process-secrets.js'
import {ExitCode} from '../errors.js'
import {commandSet} from '../hooks/command-not-found.js'
import {errorLine} from '../output/render.js'
import {guardOutput} from '../process-guards.js'
import {stderrColor} from '../hooks/stderr-color.js'
import {DdcliCommandHelp} from './command-help.js'
import {helpSubject} from './subject.js'
import {HELP_TOPICS} from './topics.js'

/**
 * ddcli's help (oclif's `helpClass`): `ddcli help`, `ddcli help auth status` and `--help` all come here. Adds the
 * help topics (environment, exit-codes) and answers an unknown subject with the not-found suggestion line.
 */
export default class DdcliHelp extends Help {
  override CommandHelpClass = DdcliCommandHelp

  public override async showHelp(argv: string[]): Promise<void> {
    // oclif renders `--help` without running a command, so without the shell's guards: a full disk would exit 0.
    guardOutput()
    const firstFlag = argv.findIndex((arg) => arg.startsWith('-'))
    const words = firstFlag === -1 ? argv : argv.slice(0, firstFlag)
    const subject = helpSubject(words.flatMap((word) => word.split(':')), commandSet(this.config))
    if (subject.kind === 'topic') {
      process.stdout.write(HELP_TOPICS[subject.name]!.text())
      return
    }
    if (subject.kind === 'error') {
      process.stderr.write(createMasker(processSecrets(process.argv.slice(2), process.env))(errorLine(subject.line, stderrColor(process.argv.slice(2)))))
      process.exitCode = ExitCode.usage
      return
    }
    // oclif skips the word `help` when it picks the subject, so a command is shown here directly.
    const command = subject.words.length > 0 ? this.config.findCommand(subject.words.join(':')) : undefined
    if (command) await this.showCommandHelp(command)
    else await super.showHelp(subject.words)
  }

  protected override async showRootHelp(): Promise<void> {
    await super.showRootHelp()
    const width = Math.max(...Object.keys(HELP_TOPICS).map((name) => name.length)) + 2
    const lines = Object.entries(HELP_TOPICS).map(([name, topic]) => `${`help ${name}`.padEnd(width + 5)}${topic.summary}`)
    this.log(this.section('HELP TOPICS', lines.join('\n')))
    this.log('')
  }
}
