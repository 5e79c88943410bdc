import * as Args from '@oclif/core/args'
import {BaseCommand} from '../base-command.js'
import {SHELLS, completionScript} from '../completion/scripts.js'

/** `ddcli completion`: prints a shell completion script. */
export default class Completion extends BaseCommand {
  static override args = {
    shell: Args.string({ignoreStdin: true, description: 'Shell to complete in', options: [...SHELLS], required: true}),
  }

  static override description = `Prints a script that makes the shell complete ddcli commands, flags, and for ddcli call and ddcli api show the operationIds, HTTP methods and API paths (one segment at a time) of Datadog's specs.

Load it in the current shell with source <(ddcli completion bash), or add that line to ~/.bashrc. For zsh, add source <(ddcli completion zsh) to ~/.zshrc after compinit, or save the script as _ddcli in a directory of $fpath. The script asks ddcli itself for candidates, so it stays right when ddcli is upgraded.`

  static override examples = [
    'source <(<%= config.bin %> completion bash)',
    'echo \'source <(<%= config.bin %> completion bash)\' >> ~/.bashrc',
    'source <(<%= config.bin %> completion zsh)',
    '<%= config.bin %> completion zsh > "${fpath[1]}/_<%= config.bin %>"',
  ]

  static override summary = 'Print a bash or zsh completion script'

  public async run(): Promise<void> {
    const {args} = await this.parse(Completion)
    this.io().stdout.write(completionScript(args.shell as (typeof SHELLS)[number], this.config.bin))
  }
}
