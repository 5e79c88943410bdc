import {execFile} from 'node:child_process'
import fs from 'node:fs'

/**
 * Copies of secrets in the Linux kernel keyring (keyutils). ddcli never writes there on purpose: the kernel keyring
 * is not a store (it forgets on reboot, and any process of the user can read what its session keyring holds). But
 * earlier ddcli versions let @napi-rs/keyring fall back to it when no Secret Service answered; that write landed
 * in the session keyring and then failed, so the copy was never read nor removed. These helpers find and remove
 * such copies. keyring-rs names a key `keyring:<account>@<service>`.
 */

/** The kernel key description keyring-rs gives an entry. */
export function kernelDescription(service: string, account: string): string {
  return `keyring:${account}@${service}`
}

// The head of a key's line in /proc/keys: id flags usage timeout perm uid gid type, then its description[: summary].
const HEAD = /^([0-9a-f]+) (\S{7}) +\d+ +\S+ +[0-9a-f]+ +(\d+) +\d+ +(\S+) +/gm

/**
 * The ids of the live `user` keys of a uid with exactly this description, read from the text of /proc/keys (which
 * lists the keys the reading process may view). Invalidated, revoked and dead keys are already gone.
 *
 * The kernel prints a description as it is, line breaks included: a description that holds one (a config path with a
 * line break) spans lines, and another user's key that this user may view can forge what looks like a line of its
 * own, naming any id, uid and description. So the text is searched as a whole, a line naming an id that another line
 * names too is ignored (one of them is forged), and the ids found are only candidates: removeKernelKeys asks the
 * kernel itself (keyctl rdescribe) before it touches one.
 */
export function kernelKeyIds(procKeys: string, description: string, uid: number | undefined): number[] {
  const heads = [...procKeys.matchAll(HEAD)]
  const id = (head: RegExpExecArray) => Number.parseInt(head[1]!, 16)
  const lines = new Map<number, number>()
  for (const head of heads) lines.set(id(head), (lines.get(id(head)) ?? 0) + 1)
  const ids: number[] = []
  for (const head of heads) {
    if (head[4] !== 'user' || /[RDi]/.test(head[2]!) || lines.get(id(head))! > 1) continue
    if (uid !== undefined && Number(head[3]) !== uid) continue
    // The summary of a user key is its length: `<description>: 32`, at the end of a line.
    const at = head.index + head[0].length
    if (!procKeys.startsWith(`${description}: `, at)) continue
    if (/^\d+(?:\n|$)/.test(procKeys.slice(at + description.length + 2, at + description.length + 14))) ids.push(id(head))
  }
  return ids
}

/** What removing kernel keys needs of the system; tests pass their own. */
export interface KernelSystem {
  uid: number | undefined
  /** The text of /proc/keys; undefined where there is none. */
  procKeys(): string | undefined
  /** Runs keyutils' keyctl: its stdout, or undefined when it failed; undefined when keyctl is not installed. */
  keyctl?: (args: string[]) => Promise<string | undefined>
}

/** keyutils' own command, looked for in the system folders only (never PATH: it is handed a key id, not a secret). */
const KEYCTL = ['/usr/bin/keyctl', '/bin/keyctl', '/usr/sbin/keyctl', '/sbin/keyctl']

function linuxSystem(): KernelSystem {
  const keyctl = KEYCTL.find((file) => fs.existsSync(file))
  return {
    uid: process.getuid?.(),
    procKeys: () => {
      if (process.platform !== 'linux') return undefined
      try {
        return fs.readFileSync('/proc/keys', 'utf8')
      } catch {
        return undefined
      }
    },
    keyctl: keyctl ? (args) => new Promise((resolve) => {
      execFile(keyctl, args, {timeout: 5000, encoding: 'utf8'}, (error, stdout) => resolve(error ? undefined : stdout))
    }) : undefined,
  }
}

/** The ids of this process's user's kernel keys with a description, as /proc/keys lists them; none off Linux. */
export function findKernelKeys(description: string, system: KernelSystem = linuxSystem()): number[] {
  const text = system.procKeys()
  return text === undefined ? [] : kernelKeyIds(text, description, system.uid)
}

/** Whether the kernel itself describes a key as a `user` key of this uid with exactly this description. */
async function describedAs(system: KernelSystem, id: number, description: string): Promise<boolean> {
  // keyctl rdescribe prints `type;uid;gid;perm;description` and a line break.
  const found = /^([^;]*);(\d+);\d+;[0-9a-f]+;([\s\S]*)\n$/.exec(await system.keyctl!(['rdescribe', String(id)]) ?? '')
  return found !== null && found[1] === 'user' && Number(found[2]) === system.uid && found[3] === description
}

/** The keys of ours with a description: with keyctl, only those the kernel confirms. */
async function ourKeys(system: KernelSystem, description: string): Promise<number[]> {
  const ids = findKernelKeys(description, system)
  if (!system.keyctl || ids.length === 0) return ids
  const confirmed = await Promise.all(ids.map((id) => describedAs(system, id, description)))
  return ids.filter((_id, i) => confirmed[i])
}

/** What removing kernel keys did: how many there were, and the ids of those still there. */
export interface KernelRemoval {
  found: number
  left: number[]
}

/**
 * Invalidates the keys (the kernel drops them from every keyring at once) with keyutils' `keyctl`, when it is
 * installed, each only once the kernel has confirmed it is ours; `fallback` is tried for keys still there (the keyring
 * library's own keyutils delete, which looks a key up by its description).
 */
export async function removeKernelKeys(description: string, fallback: () => Promise<void>, system: KernelSystem = linuxSystem()): Promise<KernelRemoval> {
  let ids = await ourKeys(system, description)
  const found = ids.length
  if (found === 0) return {found, left: []}
  if (system.keyctl) {
    await Promise.all(ids.map((id) => system.keyctl!(['invalidate', String(id)])))
    ids = await ourKeys(system, description)
  }
  if (ids.length > 0) {
    await fallback().catch(() => {})
    ids = await ourKeys(system, description)
  }
  return {found, left: ids}
}
