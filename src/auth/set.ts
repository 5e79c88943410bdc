import {diagnostic} from '../output/render.js'
import {PAT_PREFIX_WARNING, envPrecedenceNote, storedLine} from '../output/auth-render.js'
import {credential, type CredentialKind} from '../credentials/credentials.js'
import {profileTarget} from '../credentials/load.js'
import {maskValue} from '../credentials/mask.js'
import {editProfile} from '../credentials/profile-edit.js'
import {readSecret} from './secret-input.js'
import {hasTokenPrefix} from '../credentials/secret.js'
import {readConfig} from '../credentials/store.js'
import {updateConfig} from '../credentials/write.js'
import {setEnvNames, type CommandDeps} from './deps.js'

/** What `auth set-pat`, `set-api-key` and `set-app-key` were asked to do. */
export interface SetCredentialOptions {
  kind: CredentialKind
  profile?: string
}

/**
 * Reads one credential from stdin or a hidden prompt and stores it in the profile. The config file is read first,
 * so a corrupt file fails before the user types anything; the secret itself is never printed, only its mask.
 */
export async function runSetCredential(options: SetCredentialOptions, deps: CommandDeps): Promise<void> {
  const {io, env} = deps
  const def = credential(options.kind)
  const {name: profile, file, where} = profileTarget(options.profile, env)
  readConfig(file)
  const value = await readSecret(options.kind, io, deps.signal)
  if (options.kind === 'pat' && !hasTokenPrefix(value)) io.stderr.write(diagnostic(PAT_PREFIX_WARNING))
  await updateConfig(file, (data) => {
    editProfile(data, profile)[options.kind] = value
  })
  io.stderr.write(diagnostic(storedLine(def.label, maskValue(value), where)))
  const overriding = setEnvNames(env, def.env)
  if (overriding.length > 0) io.stderr.write(diagnostic(envPrecedenceNote(def.label, overriding)))
}
