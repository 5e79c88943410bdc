import {execFileSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'

/**
 * Vitest global setup: the suite must leave no ddcli secret in the Linux kernel keyring. It notes the ddcli keys
 * there before the run; afterwards it invalidates any new one (with keyutils' keyctl, when installed) and fails the
 * run, naming them. (The keychain tests clean the Secret Service they start; it dies with its D-Bus session.)
 */
const ddcliKeys = (): string[] => {
  if (process.platform !== 'linux') return []
  try {
    return readFileSync('/proc/keys', 'utf8').split('\n')
      .filter((line) => / user +keyring:[^@]*@ddcli/.test(line) && !/^\S+ \S*[RDi]/.test(line))
      .map((line) => line.split(' ')[0]!)
  } catch {
    return []
  }
}

export function setup(): () => void {
  const before = new Set(ddcliKeys())
  return () => {
    const left = ddcliKeys().filter((id) => !before.has(id))
    if (left.length === 0) return
    const keyctl = ['/usr/bin/keyctl', '/bin/keyctl'].find((file) => existsSync(file))
    for (const id of left) if (keyctl) execFileSync(keyctl, ['invalidate', String(Number.parseInt(id, 16))])
    // Vitest reports an error thrown here but still exits 0: the exit code is set too.
    process.exitCode = 1
    throw new Error(`the tests left ${left.length} ddcli secret(s) in the Linux kernel keyring (keys ${left.join(', ')})${keyctl ? '; they are invalidated now' : ''}`)
  }
}
