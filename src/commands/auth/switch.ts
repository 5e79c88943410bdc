import * as Args from '@oclif/core/args'
import {BaseCommand, type Parsed, type RunContext} from '../../base-command.js'

/** `ddcli auth switch PROFILE`: store the default profile. */
export default class AuthSwitch extends BaseCommand {
  static override args = {
    profile: Args.string({ignoreStdin: true, description: 'Profile to use by default (it must exist in the config file; "default" always may)', required: true}),
  }

  static override description = `Stores PROFILE as the default profile in the config file (key defaultProfile). It is used when neither --profile nor DD_PROFILE names a profile: --profile > DD_PROFILE > the stored default > "default". Switching to "default" removes the stored default.

The profile must already exist in the config file, so a typo cannot point every call at an empty profile: list them with ddcli auth list.`

  static override examples = [
    '<%= config.bin %> auth switch staging',
    '<%= config.bin %> auth switch default',
  ]

  static override summary = 'Set the profile used when --profile and DD_PROFILE are not given'

  static override async execute({args}: Parsed, {io, env, signal}: RunContext): Promise<void> {
    const {runAuthSwitch} = await import('../../auth/profiles.js')
    await runAuthSwitch({profile: args.profile}, {io, env, signal})
  }
}
