import {BaseCommand, type Parsed, type RunContext} from '../../base-command.js'

/** `ddcli config path`: where the config file lives. */
export default class ConfigPath extends BaseCommand {
  static override description = `Prints the config file's path, whether or not it exists yet: $DDCLI_CONFIG_DIR/config.json, else $XDG_CONFIG_HOME/ddcli/config.json, else ~/.config/ddcli/config.json. It holds every profile, with mode 0600.`

  static override examples = [
    '<%= config.bin %> config path',
    'ls -l "$(<%= config.bin %> config path)"',
  ]

  static override summary = 'Print the config file\'s path'

  static override async execute(_parsed: Parsed, {io, env, signal}: RunContext): Promise<void> {
    const {runConfigPath} = await import('../../config/run.js')
    await runConfigPath({io, env, signal})
  }
}
