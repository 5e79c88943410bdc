import {NoCredentialsError} from '../errors.js'
import {noTokenMessage} from './render.js'
import {warningLine} from '../output/render.js'
import {loadSettings} from '../credentials/load.js'
import type {FlagValues} from '../credentials/resolve.js'
import type {CommandDeps} from './deps.js'

/** What `auth token` was asked to do. */
export interface TokenOptions {
  credentials: FlagValues & {profile?: string}
}

/** Prints the resolved PAT and a newline: the one output of ddcli that is a secret, made for `$(ddcli auth token)`. */
export async function runToken(options: TokenOptions, deps: CommandDeps): Promise<void> {
  const {settings, warnings} = await loadSettings(options.credentials, deps.env, {signal: deps.signal})
  for (const warning of warnings) deps.io.stderr.write(warningLine(warning, deps.io.colorErr))
  if (!settings.pat.value) throw new NoCredentialsError(noTokenMessage(settings.profile.value))
  deps.io.stdout.write(`${settings.pat.value}\n`)
}
