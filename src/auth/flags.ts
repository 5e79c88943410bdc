import * as Flags from '@oclif/core/flags'

/** `--profile` of the commands that edit or read one profile of the config file. */
export function profileFlag(verb: 'write to' | 'read' | 'clear' | 'edit') {
  return Flags.string({description: `Config profile to ${verb} (default: DD_PROFILE, else the one set by auth switch, else "default")`})
}

/** The deps every `auth` and `config` shell passes down. */
export type {CommandDeps} from './deps.js'
