import {UsageError} from '../errors.js'
import {profileEnvNote, profileListJson, profileListText, profileNamesText, switchedLine, unknownProfileMessage} from '../output/profiles-render.js'
import {diagnostic} from '../output/render.js'
import {profileTarget} from '../credentials/load.js'
import {profileSummaries} from '../credentials/profiles.js'
import {parseProfileName} from '../credentials/sites.js'
import {configPath, profileNames, readConfig} from '../credentials/store.js'
import {updateConfig} from '../credentials/write.js'
import type {CommandDeps} from './deps.js'

/** What `auth list` and `config profiles` were asked to show. */
export interface ProfileListOptions {
  profile?: string
  json?: boolean
  /** Terminal width, to fit the table; undefined when stdout is not a terminal. */
  width?: number
}

function summaries(options: ProfileListOptions, deps: CommandDeps) {
  const data = readConfig(configPath(deps.env))
  const {name} = profileTarget(options.profile, deps.env, data)
  return profileSummaries(data, name)
}

/** `auth list`: every profile with its stored credentials (masked), site and API URL; the active one marked. */
export async function runAuthList(options: ProfileListOptions, deps: CommandDeps): Promise<void> {
  const profiles = summaries(options, deps)
  const {io} = deps
  io.stdout.write(options.json ? profileListJson(profiles) : profileListText(profiles, {tty: io.stdoutIsTTY, width: io.stdoutIsTTY ? options.width : undefined, color: io.colorOut}))
}

/** `config profiles`: the profile names, one per line when piped. */
export async function runConfigProfiles(options: ProfileListOptions, deps: CommandDeps): Promise<void> {
  const {io} = deps
  io.stdout.write(profileNamesText(summaries(options, deps), {tty: io.stdoutIsTTY, color: io.colorOut}))
}

/**
 * `auth switch PROFILE`: stores the profile used when neither --profile nor DD_PROFILE names one. The profile
 * must exist in the file (a typo would otherwise silently point every call at nothing); `default` always may.
 */
export async function runAuthSwitch(options: {profile: string}, deps: CommandDeps): Promise<void> {
  const profile = parseProfileName(options.profile, 'flag')
  const file = configPath(deps.env)
  const known = profileNames(readConfig(file))
  if (profile !== 'default' && !known.includes(profile)) throw new UsageError(unknownProfileMessage(profile, file, known))
  await updateConfig(file, (data) => {
    if (profile === 'default') delete data.defaultProfile
    else data.defaultProfile = profile
  })
  deps.io.stderr.write(diagnostic(switchedLine(profile, file)))
  const env = deps.env.DD_PROFILE?.trim()
  if (env && env !== profile) deps.io.stderr.write(diagnostic(profileEnvNote(env)))
}
