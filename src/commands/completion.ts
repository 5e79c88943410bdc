import * as Args from '@oclif/core/args'
import {BaseCommand, type Parsed, type RunContext} from '../base-command.js'
import {SHELLS, completionScript} from '../completion/scripts.js'

/** `ddcli completion`: prints a shell completion script. */
export default class Completion extends BaseCommand {
  static override args = {
    shell: Args.string({ignoreStdin: true, description: 'Shell to complete in', options: [...SHELLS], required: true}),
  }

  static override description = `Prints a script that makes the shell complete ddcli commands, flags, flag values (sites, profile names; also after --flag=), and for ddcli call and ddcli api show the operationIds, HTTP methods and API paths (one segment at a time) of Datadog's specs.

Install it once per shell (then open a new shell):
bash: echo 'source <(ddcli completion bash)' >> ~/.bashrc
zsh:  echo 'source <(ddcli completion zsh)' >> ~/.zshrc   (after compinit)
fish: ddcli completion fish > ~/.config/fish/completions/ddcli.fish

Or load it in the current shell only: source <(ddcli completion bash), or ddcli completion fish | source. Zsh users with a completion directory in $fpath can save the script there as _ddcli instead. The script asks ddcli itself for candidates, so it stays right when ddcli is upgraded.`

  static override examples = [
    'echo \'source <(<%= config.bin %> completion bash)\' >> ~/.bashrc',
    'echo \'source <(<%= config.bin %> completion zsh)\' >> ~/.zshrc',
    'mkdir -p ~/.config/fish/completions && <%= config.bin %> completion fish > ~/.config/fish/completions/<%= config.bin %>.fish',
    'source <(<%= config.bin %> completion bash)',
  ]

  static override summary = 'Print a bash, zsh or fish completion script'

  static override async execute({args}: Parsed, {io, bin}: RunContext): Promise<void> {
    io.stdout.write(completionScript(args.shell as (typeof SHELLS)[number], bin))
  }
}
