import {diagnostic, warningLine} from '../output/render.js'
import {PAT_PREFIX_WARNING, envPrecedenceNote, noKeychainForced, noKeychainNote, storedLine} from './render.js'
import {credential, type CredentialKind} from '../credentials/credentials.js'
import {profileTarget} from '../credentials/load.js'
import {maskValue} from '../credentials/mask.js'
import {editProfile} from '../credentials/profile-edit.js'
import {readSecret} from './secret-input.js'
import {hasTokenPrefix} from '../credentials/secret.js'
import {readConfig, storedProfile} from '../credentials/store.js'
import {ConfigError, UsageError} from '../errors.js'
import {KeychainError, forgetKernelCopies, keychainDelete, keychainWrite, storagePreference} from '../credentials/keychain.js'
import {accountReferenced, isKeychainRef, keychainAccount, keychainRef, refAccount} from '../credentials/keychain-ref.js'
import {keychainLabel} from '../credentials/load.js'
import {updateConfig} from '../credentials/write.js'
import {nearMissNote} from '../suggest/env.js'
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
  // Read first, so a corrupt file fails before the user types anything.
  readConfig(file)
  const preference = storagePreference(env)
  // pup's DD_TOKEN_STORAGE (and other tools' names) would otherwise be ignored without a word.
  const nearMiss = nearMissNote(env)
  if (nearMiss) io.stderr.write(warningLine(nearMiss, io.colorErr))
  const value = await readSecret(options.kind, io, deps.signal)
  if (isKeychainRef(value)) throw new UsageError(`the ${def.label} cannot start with keychain: (that marks a keychain reference in the config file); pipe only the ${def.label}`)
  if (options.kind === 'pat' && !hasTokenPrefix(value)) io.stderr.write(diagnostic(PAT_PREFIX_WARNING))
  const account = keychainAccount(profile, options.kind)
  let inKeychain = false
  let before: string | undefined
  // The keychain is written under the config's lock, once its folder is found writable and the file read: a config
  // that cannot take the reference leaves the keychain as it was (no secret stored by a run that failed, nor the one
  // the file refers to replaced).
  const after = await updateConfig(file, async (data) => {
    before = storedProfile(data, profile)[options.kind]
    if (preference !== 'file') {
      try {
        await keychainWrite(file, account, value, deps.signal)
        inKeychain = true
      } catch (error: unknown) {
        if (!(error instanceof KeychainError)) throw error
        if (preference === 'keychain') throw new ConfigError(noKeychainForced(error.message))
        io.stderr.write(warningLine(noKeychainNote(error.message, file), io.colorErr))
      }
    }
    editProfile(data, profile)[options.kind] = inKeychain ? keychainRef(profile, options.kind) : value
  })
  // A secret moved from the keychain to the file leaves no copy behind in the keychain, unless another profile
  // still refers to that entry (a profile block copied by hand).
  if (!inKeychain && isKeychainRef(before) && !accountReferenced(after, refAccount(before!))) await forgetInKeychain(file, refAccount(before!))
  io.stderr.write(diagnostic(storedLine(def.label, maskValue(value), inKeychain ? `the OS keychain (${keychainLabel(profile)}, referenced from ${file})` : where)))
  const overriding = setEnvNames(env, def.env)
  if (overriding.length > 0) io.stderr.write(diagnostic(envPrecedenceNote(def.label, overriding)))
}

/** Best-effort removal of a keychain entry the config file no longer refers to, and of kernel keyring copies. */
async function forgetInKeychain(file: string, account: string): Promise<void> {
  try {
    await keychainDelete(file, account)
  } catch {
    // The file no longer refers to it; an entry left in an unreachable keychain is harmless.
  }
  await forgetKernelCopies(file, account)
}
