import type {Command} from '@oclif/core/command'
import {CommandHelp} from '@oclif/core/help'

/** oclif's command help, with every example shown as a shell line (`$ `), pipes such as `echo ... | ddcli` included. */
export class DdcliCommandHelp extends CommandHelp {
  protected override examples(examples: Command.Example[] | string | undefined): string | undefined {
    const list = examples === undefined ? undefined : Array.isArray(examples) ? examples : [examples]
    const bin = this.config.bin
    return super.examples(list?.map((example) =>
      typeof example === 'string' && !example.startsWith('<%= config.bin %>') && !example.startsWith(bin) && !example.startsWith('$ ')
        ? `$ ${example}`
        : example))
  }
}
