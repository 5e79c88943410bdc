import {credential} from '../../auth/credentials.js'
import {profileFlag} from '../../auth/commands/flags.js'
import {BaseCommand} from '../../base-command.js'

const def = credential('appKey')

/** `ddcli auth set-app-key`: store the application key in a profile of the config file. */
export default class AuthSetAppKey extends BaseCommand {
  static override description = `Reads the application key from stdin when stdin is piped, otherwise prompts for it on the terminal with hidden input. The value is trimmed; an empty value, a space or a control character inside it is refused. The value is never printed: the confirmation shows only its last 4 characters.

The application key is stored in the profile's entry of the config file (mode 0600; see ddcli config path) and sent as ${def.header}: ${def.prefix}<value>. ${def.env.join(' or ')}, when set, takes precedence over it.`

  static override examples = [
    `echo "$${def.env[0]}" | <%= config.bin %> auth set-app-key`,
    `echo "$${def.env[0]}" | <%= config.bin %> auth set-app-key --profile staging`,
    '<%= config.bin %> auth set-app-key',
  ]

  static override flags = {
    profile: profileFlag('write to'),
  }

  static override summary = 'Store an application key in a profile'

  public async run(): Promise<void> {
    const {flags} = await this.parse(AuthSetAppKey)
    const {runSetCredential} = await import('../../auth/commands/set.js')
    await runSetCredential({kind: 'appKey', profile: flags.profile}, {io: this.io(), env: this.env, signal: this.abort.signal})
  }
}
