import {credential, type CredentialKind} from './credentials/credentials.js'
import {BaseCommand, type Parsed, type RunContext} from './base-command.js'
import {profileFlag} from './auth/flags.js'

/**
 * The command class of `auth set-pat`, `set-api-key` and `set-app-key`: the three differ only in the credential,
 * so their shells are made here rather than written three times.
 */
export function setCredentialCommand(kind: CredentialKind, command: string, summary: string, extraRule = '') {
  const def = credential(kind)
  class SetCredential extends BaseCommand {
    static override description = `Reads the ${def.label} from stdin when stdin is piped, otherwise prompts for it on the terminal with hidden input. The value is trimmed; an empty value, a space or a control character inside it is refused.${extraRule} The value is never printed: the confirmation shows only its last 4 characters.

The ${def.label} is stored in the OS keychain (macOS Keychain, Windows Credential Manager, a Secret Service on Linux) with only a reference in the profile's entry of the config file; where no keychain can be used, ddcli says so on stderr and stores it in the config file itself (mode 0600; see ddcli config path). DDCLI_STORAGE=file or DDCLI_STORAGE=keychain forces one. It is sent as ${def.header}: ${def.prefix}<value>; ${def.env.join(' or ')}, when set, takes precedence over it.`

    static override examples = [
      `echo "$${def.env[0]}" | <%= config.bin %> auth ${command}`,
      `echo "$${def.env[0]}" | <%= config.bin %> auth ${command} --profile staging`,
      `<%= config.bin %> auth ${command}`,
      `echo "$${def.env[0]}" | DDCLI_STORAGE=file <%= config.bin %> auth ${command}`,
    ]

    static override flags = {
      profile: profileFlag('write to'),
    }

    static override summary = summary

    static override async execute({flags}: Parsed, {io, env, signal}: RunContext): Promise<void> {
      const {runSetCredential} = await import('./auth/set.js')
      await runSetCredential({kind, profile: flags.profile}, {io, env, signal})
    }
  }
  return SetCredential
}
