import {createRequire} from 'node:module'
import {ConfigError} from '../errors.js'
import type {Env} from '../io.js'
import {kernelDescription, removeKernelKeys, type KernelRemoval} from './kernel-keyring.js'
import {keychainService} from './keychain-ref.js'
import {shownProfileName} from './mask.js'

type Keyring = typeof import('@napi-rs/keyring')

/** The OS credential store could not be used: none is running, it refused, or the native module is missing. */
export class KeychainError extends Error {}

let loaded: Keyring | undefined

/**
 * Loads @napi-rs/keyring (a native module: macOS Keychain, Windows Credential Manager, Secret Service on Linux)
 * on first use only: a run whose profile does not refer to the keychain never loads it. It is CommonJS with a
 * native binding, so require() loads it, also from the bundled call path (where it stays external).
 */
function keyring(): Keyring {
  if (loaded) return loaded
  try {
    loaded = createRequire(import.meta.url)('@napi-rs/keyring') as Keyring
    return loaded
  } catch (error: unknown) {
    throw new KeychainError(`the keychain module did not load (${(error as Error).message.split('\n')[0]})`)
  }
}

function reason(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0]!
  if (/autolaunch/i.test(text)) return 'no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set'
  const dbus = /DBus error: (.*)$/i.exec(text)
  return dbus ? `no Secret Service reachable on the D-Bus session bus: ${dbus[1]}` : text
}

/**
 * On Linux every entry is pinned to the Secret Service. Left to choose, the library falls back to the kernel keyring
 * when no Secret Service answers: a store that forgets on reboot and that any process of the user can read, where
 * its write also lands before failing (a copy nobody knew of). Pinned, an unreachable Secret Service is an error
 * before anything is written, and ddcli stores in the 0600 file instead. Other systems ignore the option.
 */
const PINNED = {linux: {store: 'secret-service' as const}}

/** The entry of an account of a config file's service; a KeychainError when no keychain can be reached. */
function entry(file: string, account: string): InstanceType<Keyring['AsyncEntry']> {
  const {AsyncEntry} = keyring()
  try {
    return new AsyncEntry(keychainService(file), account, PINNED)
  } catch (error: unknown) {
    throw new KeychainError(reason(error))
  }
}

/**
 * The secret stored for an account of a config file's service; a KeychainError when it cannot be read or is
 * missing. Every call runs off the main thread (AsyncEntry): a keychain that waits for an unlock prompt must not
 * freeze the process, so Ctrl-C still works.
 */
export async function keychainRead(file: string, account: string, signal?: AbortSignal): Promise<string> {
  const found = entry(file, account)
  let value: string | null
  try {
    value = await found.getPassword(signal)
  } catch (error: unknown) {
    if (signal?.aborted) throw signal.reason
    throw new KeychainError(reason(error))
  }
  // ddcli names an entry <profile>/<kind>, but a reference edited by hand can hold the secret itself (keychain:<key>).
  if (value === null) throw new KeychainError(`the OS keychain has no entry ${shownProfileName(account)} for ${keychainService(file)}`)
  return value
}

/**
 * Stores a secret in the OS keychain; a KeychainError when there is none or it refuses. A failed write leaves no copy
 * in the kernel keyring, not even one an earlier ddcli left for this account.
 */
export async function keychainWrite(file: string, account: string, value: string, signal?: AbortSignal): Promise<void> {
  try {
    await entry(file, account).setPassword(value, signal)
  } catch (error: unknown) {
    await forgetKernelCopies(file, account)
    if (signal?.aborted) throw signal.reason
    throw error instanceof KeychainError ? error : new KeychainError(reason(error))
  }
}

/** Removes an entry; false when there was none. A KeychainError when the keychain cannot be used. */
export async function keychainDelete(file: string, account: string, signal?: AbortSignal): Promise<boolean> {
  const found = entry(file, account)
  try {
    return await found.deletePassword(signal)
  } catch (error: unknown) {
    if (signal?.aborted) throw signal.reason
    const text = error instanceof Error ? error.message : String(error)
    if (/no (matching )?entry|not found/i.test(text)) return false
    throw new KeychainError(reason(error))
  }
}

/**
 * Removes the copies of an account's secret that earlier ddcli versions left in the Linux kernel keyring (none off
 * Linux). /proc/keys is read first, so the keyring module is loaded
 * only when there is a copy to remove.
 */
export function forgetKernelCopies(file: string, account: string): Promise<KernelRemoval> {
  const service = keychainService(file)
  return removeKernelKeys(kernelDescription(service, account), async () => {
    await new (keyring().AsyncEntry)(service, account, {linux: {store: 'keyutils'}}).deletePassword()
  })
}

/** Where `auth set-*` stores secrets: DDCLI_STORAGE=file or keychain forces a backend; unset tries the keychain first. */
export type StoragePreference = 'file' | 'keychain' | 'auto'

/** Reads DDCLI_STORAGE; any other value is a configuration error. */
export function storagePreference(env: Env): StoragePreference {
  const value = env.DDCLI_STORAGE?.trim().toLowerCase()
  if (!value) return 'auto'
  if (value === 'file' || value === 'keychain') return value
  throw new ConfigError(`DDCLI_STORAGE must be file or keychain; unset it to use the OS keychain when there is one, else the config file`)
}
