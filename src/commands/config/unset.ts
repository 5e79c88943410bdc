import * as Args from '@oclif/core/args'
import {profileFlag} from '../../auth/flags.js'
import {BaseCommand, type Parsed, type RunContext} from '../../base-command.js'

/** `ddcli config unset KEY`: remove a profile's site, api-url, validate, read-only or output setting. */
export default class ConfigUnset extends BaseCommand {
  static override args = {
    key: Args.string({ignoreStdin: true, description: 'site, api-url, validate, read-only or output', required: true}),
  }

  static override description = `Removes the key from the profile, so the next source in line applies (for site: datadoghq.com; for api-url: the site's API host; for output: json). When the key was not set, says so and exits 0.`

  static override examples = [
    '<%= config.bin %> config unset api-url',
    '<%= config.bin %> config unset site --profile staging',
  ]

  static override flags = {
    profile: profileFlag('edit'),
  }

  static override summary = 'Remove a profile\'s site, api-url, validate, read-only or output setting'

  static override async execute({args, flags}: Parsed, {io, env, signal}: RunContext): Promise<void> {
    const {runConfigUnset} = await import('../../config/run.js')
    await runConfigUnset({key: args.key, profile: flags.profile}, {io, env, signal})
  }
}
