import {execFile} from 'node:child_process'
import fs from 'node:fs'

/**
 * Copies of secrets in the Linux kernel keyring (keyutils). ddcli never writes there on purpose: the kernel keyring
 * is not a store (it forgets on reboot, and any process of the user can read what its session keyring holds). But
 * earlier ddcli versions let @napi-rs/keyring fall back to it when no Secret Service answered; that write landed
 * in the session keyring and then failed, so the copy was never read nor removed. These helpers find and remove
 * such copies. keyring-rs names a key `keyring:<account>@<service>`.
 */

/** keyutils' own command, looked for in the system folders only (never PATH: it is handed a key id, not a secret). */
const KEYCTL = ['/usr/bin/keyctl', '/bin/keyctl', '/usr/sbin/keyctl', '/sbin/keyctl']

/** The kernel key description keyring-rs gives an entry. */
export function kernelDescription(service: string, account: string): string {
  return `keyring:${account}@${service}`
}

// /proc/keys: id flags usage timeout perm uid gid type description[: summary]
const LINE = /^([0-9a-f]+) (\S{7}) +\d+ +\S+ +[0-9a-f]+ +(\d+) +\d+ +(\S+) +(.*)$/

/**
 * The ids of the live `user` keys of a uid with exactly this description, read from the text of /proc/keys (which
 * lists the keys the reading process may view). Invalidated, revoked and dead keys are already gone.
 */
export function kernelKeyIds(procKeys: string, description: string, uid: number | undefined): number[] {
  const ids: number[] = []
  for (const line of procKeys.split('\n')) {
    const match = LINE.exec(line)
    if (!match || match[4] !== 'user' || /[RDi]/.test(match[2]!)) continue
    if (uid !== undefined && Number(match[3]) !== uid) continue
    const rest = match[5]!
    // The summary of a user key is its length: `<description>: 32`.
    if (rest.startsWith(`${description}: `) && /^\d+$/.test(rest.slice(description.length + 2))) ids.push(Number.parseInt(match[1]!, 16))
  }
  return ids
}

/** The ids of this process's user's kernel keys with a description; none off Linux or without /proc/keys. */
export function findKernelKeys(description: string): number[] {
  if (process.platform !== 'linux') return []
  let text: string
  try {
    text = fs.readFileSync('/proc/keys', 'utf8')
  } catch {
    return []
  }
  return kernelKeyIds(text, description, process.getuid?.())
}

/** What removing kernel keys did: how many there were, and the ids of those still there. */
export interface KernelRemoval {
  found: number
  left: number[]
}

/**
 * Invalidates the keys (the kernel drops them from every keyring at once) with keyutils' `keyctl`, when it is
 * installed; `fallback` is tried for keys still there (the keyring library's own keyutils delete).
 */
export async function removeKernelKeys(description: string, fallback: () => Promise<void>): Promise<KernelRemoval> {
  let ids = findKernelKeys(description)
  const found = ids.length
  if (found === 0) return {found, left: []}
  const keyctl = KEYCTL.find((file) => fs.existsSync(file))
  if (keyctl) {
    await Promise.all(ids.map((id) => new Promise<void>((resolve) => {
      execFile(keyctl, ['invalidate', String(id)], {timeout: 5000}, () => resolve())
    })))
    ids = findKernelKeys(description)
  }
  if (ids.length > 0) {
    await fallback().catch(() => {})
    ids = findKernelKeys(description)
  }
  return {found, left: ids}
}
