import {ApiError, NoCredentialsError} from '../errors.js'
import {hasCredentials} from '../http/auth-headers.js'
import {proxyEnv, proxyRoute} from '../http/proxy.js'
import type {send as realSend} from '../http/transport.js'
import {NOTHING_CONFIGURED, NOTHING_TO_CHECK, checkFailedMessage, statusAllJson, statusAllText, statusJson, statusText} from './render.js'
import {warningLine} from '../output/render.js'
import {nearMissNote} from '../suggest/env.js'
import {checkCredentials, failed} from './check.js'
import {loadSettings, profileTarget} from '../credentials/load.js'
import {requireProfile} from '../credentials/profile-check.js'
import {profileSummaries} from '../credentials/profiles.js'
import {isProfileName} from '../credentials/sites.js'
import {skippedProfileNote} from '../output/profiles-render.js'
import {configPath, readConfig} from '../credentials/store.js'
import type {FlagValues} from '../credentials/resolve.js'
import {statusReport} from './status-report.js'
import type {CommandDeps} from './deps.js'

/** What `auth status` was asked to do. */
export interface StatusOptions {
  credentials: FlagValues & {profile?: string}
  json: boolean
  check: boolean
  /** Terminal width, to fit the table; undefined when stdout is not a terminal. */
  width?: number
  /** Every profile of the config file, each resolved as `call --profile NAME` would. */
  all?: boolean
}

/**
 * Shows each credential and target the way `call` resolves them (same `loadSettings`), masked, with its source.
 * With `check`, asks the API whether each credential is valid: exit 1 when one is not, 4 when there is none.
 */
export async function runStatus(options: StatusOptions, deps: CommandDeps & {send?: typeof realSend}): Promise<void> {
  if (options.all) return runStatusAll(options, deps)
  const {io} = deps
  const {settings, file, warnings} = await loadSettings(options.credentials, deps.env, {keychainErrors: 'report', signal: deps.signal})
  for (const warning of warnings) io.stderr.write(warningLine(warning, io.colorErr))
  const nearMiss = nearMissNote(deps.env)
  if (nearMiss) io.stderr.write(warningLine(nearMiss, io.colorErr))
  const any = hasCredentials(settings)
  if (!any && !options.check) io.stderr.write(warningLine(NOTHING_CONFIGURED, io.colorErr))
  const proxy = proxyEnv(deps.env)
  // The proxy row shows only when a proxy variable is set, and says then whether NO_PROXY bypasses it.
  const route = proxy ? proxyRoute(new URL(settings.apiUrl.value), proxy) : undefined
  const checks = options.check && any ? await checkCredentials(settings, deps.signal, deps.send, proxy) : undefined
  const report = statusReport(settings, file, checks, route)
  io.stdout.write(options.json
    ? statusJson(report)
    : statusText(report, {tty: io.stdoutIsTTY, width: io.stdoutIsTTY ? options.width : undefined, color: io.colorOut}))
  if (options.check && !any) throw new NoCredentialsError(NOTHING_TO_CHECK)
  const failures = report.entries.filter((entry) => entry.check && failed(entry.check))
  if (failures.length > 0) throw new ApiError(checkFailedMessage(failures))
}

/** `auth status --all`: the status of every profile in one table (or a JSON array); exit codes as for one profile. */
async function runStatusAll(options: StatusOptions, deps: CommandDeps & {send?: typeof realSend}): Promise<void> {
  const {io} = deps
  const data = readConfig(configPath(deps.env))
  const target = profileTarget(options.credentials.profile, deps.env, data)
  // The active profile is checked as call checks it: a stored default or DD_PROFILE naming a missing profile is
  // that source's error, not one of a --profile nobody typed.
  requireProfile(target.profile, target.file, data)
  const active = target.name
  const proxy = proxyEnv(deps.env)
  const reports = []
  let any = false
  for (const {name} of profileSummaries(data, active)) {
    // A name edited by hand into the file that --profile would refuse cannot be resolved: say so, show the others.
    if (!isProfileName(name)) {
      io.stderr.write(warningLine(skippedProfileNote(name, configPath(deps.env)), io.colorErr))
      continue
    }
    const {settings, file, warnings} = await loadSettings({...options.credentials, profile: name}, deps.env, {keychainErrors: 'report', signal: deps.signal})
    if (reports.length === 0) for (const warning of warnings) io.stderr.write(warningLine(warning, io.colorErr))
    const has = hasCredentials(settings)
    any ||= has
    const checks = options.check && has ? await checkCredentials(settings, deps.signal, deps.send, proxy) : undefined
    const route = proxy ? proxyRoute(new URL(settings.apiUrl.value), proxy) : undefined
    reports.push({name, active: name === active, report: statusReport(settings, file, checks, route)})
  }
  io.stdout.write(options.json
    ? statusAllJson(reports)
    : statusAllText(reports, {tty: io.stdoutIsTTY, width: io.stdoutIsTTY ? options.width : undefined, color: io.colorOut}))
  if (options.check && !any) throw new NoCredentialsError(NOTHING_TO_CHECK)
  const failures = reports.flatMap(({report}) => report.entries.filter((entry) => entry.check && failed(entry.check)))
  if (failures.length > 0) throw new ApiError(checkFailedMessage(failures))
}
