import {execFileSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'

/**
 * Vitest global setup: the suite must leave no ddcli secret in the Linux kernel keyring. It notes the ddcli keys
 * there before the run; afterwards it invalidates any new one (with keyutils' keyctl, when installed) and fails the
 * run, naming them. (The keychain tests clean the Secret Service they start; it dies with its D-Bus session.)
 */
const keyctl = ['/usr/bin/keyctl', '/bin/keyctl'].find((file) => existsSync(file))

/** What the kernel itself says of a key (`type;uid;gid;perm;description`), or undefined. */
const rdescribe = (id: string): string | undefined => {
  try {
    return execFileSync(keyctl!, ['rdescribe', String(Number.parseInt(id, 16))], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']})
  } catch {
    return undefined
  }
}

// A ddcli secret: a live user key of this user named by keyring-rs `keyring:<account>@ddcli:<path>`.
const HEAD = /^([0-9a-f]+) (\S{7}) +\d+ +\S+ +[0-9a-f]+ +(\d+) +\d+ +user +keyring:.*@ddcli:/gm

const ddcliKeys = (): string[] => {
  if (process.platform !== 'linux') return []
  let text: string
  try {
    text = readFileSync('/proc/keys', 'utf8')
  } catch {
    return []
  }
  // A description may hold a line break, and another user's key viewable by all can so forge a line naming any key:
  // with keyctl, only keys the kernel describes as ddcli keys of this user count (and are invalidated below).
  return [...text.matchAll(HEAD)]
    .filter((head) => !/[RDi]/.test(head[2]!) && Number(head[3]) === process.getuid?.())
    .map((head) => head[1]!)
    .filter((id) => !keyctl || new RegExp(`^user;${process.getuid?.()};\\d+;[0-9a-f]+;keyring:[\\s\\S]*@ddcli:`).test(rdescribe(id) ?? ''))
}

export function setup(): () => void {
  const before = new Set(ddcliKeys())
  return () => {
    const left = ddcliKeys().filter((id) => !before.has(id))
    if (left.length === 0) return
    // Vitest reports an error thrown here but still exits 0: the exit code is set too, first, so that a keyctl that
    // fails (a key this process does not possess and may only view) cannot end the run green.
    process.exitCode = 1
    const kept = left.filter((id) => {
      if (!keyctl) return true
      try {
        execFileSync(keyctl, ['invalidate', String(Number.parseInt(id, 16))], {stdio: 'ignore'})
        return false
      } catch {
        return true
      }
    })
    const after = kept.length === 0 ? '; they are invalidated now' : `; remove ${kept.length === left.length ? 'them' : `keys ${kept.join(', ')}`} with keyctl invalidate (or end the session that holds them)`
    throw new Error(`the tests left ${left.length} ddcli secret(s) in the Linux kernel keyring (keys ${left.join(', ')})${after}`)
  }
}
