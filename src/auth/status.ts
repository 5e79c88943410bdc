import {ApiError, NoCredentialsError} from '../errors.js'
import {hasCredentials} from '../http/auth-headers.js'
import type {send as realSend} from '../http/transport.js'
import {NOTHING_CONFIGURED, NOTHING_TO_CHECK, checkFailedMessage, statusJson, statusText} from '../output/auth-render.js'
import {warningLine} from '../output/render.js'
import {nearMissNote} from '../suggest/env.js'
import {checkCredentials, failed} from './check.js'
import {loadSettings} from '../credentials/load.js'
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
}

/**
 * Shows each credential and target the way `call` resolves them (same `loadSettings`), masked, with its source.
 * With `check`, asks the API whether each credential is valid: exit 1 when one is not, 4 when there is none.
 */
export async function runStatus(options: StatusOptions, deps: CommandDeps & {send?: typeof realSend}): Promise<void> {
  const {io} = deps
  const {settings, file, warnings} = loadSettings(options.credentials, deps.env)
  for (const warning of warnings) io.stderr.write(warningLine(warning, io.colorErr))
  const nearMiss = nearMissNote(deps.env)
  if (nearMiss) io.stderr.write(warningLine(nearMiss, io.colorErr))
  const any = hasCredentials(settings)
  if (!any && !options.check) io.stderr.write(warningLine(NOTHING_CONFIGURED, io.colorErr))
  const checks = options.check && any ? await checkCredentials(settings, deps.signal, deps.send) : undefined
  const report = statusReport(settings, file, checks)
  io.stdout.write(options.json
    ? statusJson(report)
    : statusText(report, {tty: io.stdoutIsTTY, width: io.stdoutIsTTY ? options.width : undefined, color: io.colorOut}))
  if (options.check && !any) throw new NoCredentialsError(NOTHING_TO_CHECK)
  const failures = report.entries.filter((entry) => entry.check && failed(entry.check))
  if (failures.length > 0) throw new ApiError(checkFailedMessage(failures))
}
