import {clearedLine, envStillSetNote, keychainNotClearedNote, nothingClearedLine} from '../output/auth-render.js'
import {KeychainError, keychainDelete, storagePreference} from '../credentials/keychain.js'
import {accountReferenced, isKeychainRef, keychainAccount, refAccount} from '../credentials/keychain-ref.js'
import {diagnostic} from '../output/render.js'
import {CREDENTIALS, type CredentialKind} from '../credentials/credentials.js'
import {removeFromProfile} from '../credentials/profile-edit.js'
import {profileTarget} from '../credentials/load.js'
import {readConfig, storedProfile} from '../credentials/store.js'
import {updateConfig} from '../credentials/write.js'
import {setEnvNames, type CommandDeps} from './deps.js'

/** What `auth clear` was asked to remove; an empty list means every credential of the profile. */
export interface ClearOptions {
  kinds: CredentialKind[]
  profile?: string
}

/**
 * Removes stored credentials from one profile, keeping its site and API URL. Nothing stored is not an error:
 * it says so and writes nothing.
 */
export async function runClear(options: ClearOptions, deps: CommandDeps): Promise<void> {
  const {io, env} = deps
  const {name: profile, file, where} = profileTarget(options.profile, env)
  const asked = CREDENTIALS.filter((def) => options.kinds.length === 0 || options.kinds.includes(def.kind))
  let data = readConfig(file)
  const stored = storedProfile(data, profile)
  const preference = storagePreference(env)
  let removed: CredentialKind[] = []
  if (asked.some((def) => stored[def.kind] !== undefined)) {
    data = await updateConfig(file, (fresh) => {
      removed = removeFromProfile(fresh, profile, asked.map((def) => def.kind))
    })
  }
  // The keychain too: the entries the file referred to, and (unless DDCLI_STORAGE=file) any left without a reference.
  const fromKeychain: CredentialKind[] = []
  for (const def of asked) {
    const ref = isKeychainRef(stored[def.kind])
    if (!ref && preference === 'file') continue
    const account = ref ? refAccount(stored[def.kind]!) : keychainAccount(profile, def.kind)
    // An entry another profile still refers to stays: it is that profile's secret too.
    if (accountReferenced(data, account)) continue
    try {
      if (await keychainDelete(file, account, deps.signal)) fromKeychain.push(def.kind)
    } catch (error: unknown) {
      if (!(error instanceof KeychainError)) throw error
      if (ref) io.stderr.write(diagnostic(keychainNotClearedNote(def.label, error.message)))
    }
  }
  const gone = asked.filter((def) => removed.includes(def.kind) || fromKeychain.includes(def.kind))
  if (gone.length === 0) {
    io.stderr.write(diagnostic(nothingClearedLine(asked.map((def) => def.label), where)))
    return
  }
  const places = fromKeychain.length > 0 ? `${where} and the OS keychain` : where
  io.stderr.write(diagnostic(clearedLine(gone.map((def) => def.label), places)))
  const still = setEnvNames(env, gone.flatMap((def) => def.env))
  if (still.length > 0) io.stderr.write(diagnostic(envStillSetNote(still)))
}
