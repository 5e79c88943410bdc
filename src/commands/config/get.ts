import * as Args from '@oclif/core/args'
import {profileFlag} from '../../auth/flags.js'
import {BaseCommand, type Parsed, type RunContext} from '../../base-command.js'

/** `ddcli config get KEY`: print a profile's stored site, api-url, validate, read-only or output setting. */
export default class ConfigGet extends BaseCommand {
  static override args = {
    key: Args.string({ignoreStdin: true, description: 'site, api-url, validate, read-only or output', required: true}),
  }

  static override description = `Prints the value stored in the profile, alone on stdout. When the profile does not set the key, stdout stays empty, a note goes to stderr and the exit code is 0.

This is what the config file holds, not what a run resolves: see ddcli auth status for the site and API URL in use, with env vars and defaults.`

  static override examples = [
    '<%= config.bin %> config get site',
    '<%= config.bin %> config get api-url --profile staging',
  ]

  static override flags = {
    profile: profileFlag('read'),
  }

  static override summary = 'Print a profile\'s stored site, api-url, validate, read-only or output setting'

  static override async execute({args, flags}: Parsed, {io, env, signal}: RunContext): Promise<void> {
    const {runConfigGet} = await import('../../config/run.js')
    await runConfigGet({key: args.key, profile: flags.profile}, {io, env, signal})
  }
}
