import {clearedLine, envStillSetNote, kernelNotClearedLine, keychainNotClearedLine, nothingClearedLine} from './render.js'
import {KeychainError, forgetKernelCopies, keychainDelete, storagePreference} from '../credentials/keychain.js'
import {accountReferenced, isKeychainRef, keychainAccount, refAccount} from '../credentials/keychain-ref.js'
import {diagnostic} from '../output/render.js'
import {CREDENTIALS, type CredentialDef, type CredentialKind} from '../credentials/credentials.js'
import {removeFromProfile} from '../credentials/profile-edit.js'
import {profileTarget} from '../credentials/load.js'
import {readConfig, storedProfile} from '../credentials/store.js'
import {updateConfig} from '../credentials/write.js'
import {ConfigError} from '../errors.js'
import {setEnvNames, type CommandDeps} from './deps.js'

/** What `auth clear` was asked to remove; an empty list means every credential of the profile. */
export interface ClearOptions {
  kinds: CredentialKind[]
  profile?: string
}

/**
 * Removes stored credentials from one profile, keeping its site and API URL, from wherever ddcli may have put them:
 * the config file, the OS keychain, and copies earlier versions left in the Linux kernel keyring. The keychain goes
 * first: a reference is removed from the file only once its entry is gone, so an unreachable keychain keeps the
 * reference (and a later clear can still find the entry) and ends in an error that says so. Nothing stored is not
 * an error: it says so and writes nothing.
 */
export async function runClear(options: ClearOptions, deps: CommandDeps): Promise<void> {
  const {io, env} = deps
  const {name: profile, file, where} = profileTarget(options.profile, env)
  const asked = CREDENTIALS.filter((def) => options.kinds.length === 0 || options.kinds.includes(def.kind))
  const before = readConfig(file)
  const stored = storedProfile(before, profile)
  const preference = storagePreference(env)
  // What other profiles still refer to once this profile's asked credentials are gone: a profile block copied by hand
  // shares its entry, which then stays.
  const others = structuredClone(before)
  removeFromProfile(others, profile, asked.map((def) => def.kind))

  const fromKeychain: CredentialDef[] = []
  const unreachable: CredentialDef[] = []
  const fromKernel: CredentialDef[] = []
  const kernelLeft: {def: CredentialDef, ids: number[]}[] = []
  let unreachableReason = ''
  for (const def of asked) {
    const ref = isKeychainRef(stored[def.kind])
    const account = ref ? refAccount(stored[def.kind]!) : keychainAccount(profile, def.kind)
    if (accountReferenced(others, account)) continue
    // Without a reference the keychain is tried for an entry left unreferenced, unless DDCLI_STORAGE=file.
    if (ref || preference !== 'file') {
      try {
        if (await keychainDelete(file, account, deps.signal)) fromKeychain.push(def)
      } catch (error: unknown) {
        if (!(error instanceof KeychainError)) throw error
        if (ref) {
          unreachable.push(def)
          unreachableReason = error.message
        }
      }
    }
    const kernel = await forgetKernelCopies(file, account)
    if (kernel.left.length > 0) kernelLeft.push({def, ids: kernel.left})
    else if (kernel.found > 0) fromKernel.push(def)
  }

  let removed: CredentialKind[] = []
  const fromFile = asked.filter((def) => !unreachable.includes(def)).map((def) => def.kind)
  if (fromFile.some((kind) => stored[kind] !== undefined)) {
    await updateConfig(file, (fresh) => {
      removed = removeFromProfile(fresh, profile, fromFile)
    })
  }
  const gone = asked.filter((def) => removed.includes(def.kind) || fromKeychain.includes(def) || fromKernel.includes(def))
  if (gone.length > 0) {
    const places = [where, ...(fromKeychain.length > 0 ? ['the OS keychain'] : []), ...(fromKernel.length > 0 ? ['the Linux kernel keyring'] : [])]
      .join(', ').replace(/, ([^,]*)$/, ' and $1')
    io.stderr.write(diagnostic(clearedLine(gone.map((def) => def.label), places)))
    const still = setEnvNames(env, gone.flatMap((def) => def.env))
    if (still.length > 0) io.stderr.write(diagnostic(envStillSetNote(still)))
  }
  const problems = [
    ...(unreachable.length > 0 ? [keychainNotClearedLine(unreachable.map((def) => def.label), unreachableReason, where)] : []),
    ...(kernelLeft.length > 0 ? [kernelNotClearedLine(kernelLeft.map(({def}) => def.label), kernelLeft.flatMap(({ids}) => ids))] : []),
  ]
  if (problems.length > 0) throw new ConfigError(problems.join('; '))
  if (gone.length === 0) io.stderr.write(diagnostic(nothingClearedLine(asked.map((def) => def.label), where)))
}
