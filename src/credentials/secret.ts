import {UsageError} from '../errors.js'
import {CREDENTIALS, credential, type CredentialKind} from './credentials.js'

/** The `auth set-*` command of each credential kind. */
export const SET_COMMANDS = Object.fromEntries(CREDENTIALS.map((def) => [def.kind, def.setCommand])) as Record<CredentialKind, string>

/** Longest stdin accepted: Datadog credentials are well under 100 characters. */
export const MAX_SECRET_BYTES = 16 * 1024

/** Prefixes of Datadog Personal and Service Access Tokens. */
const TOKEN_PREFIXES = ['ddpat_', 'ddsat_']

/** How to give the secret again, for the end of every refusal: `echo "$DD_API_KEY" | ddcli auth set-api-key`. */
export function pipeHint(kind: CredentialKind): string {
  return `echo "$${credential(kind).env[0]}" | ddcli auth ${SET_COMMANDS[kind]}`
}

/**
 * Decodes stdin bytes as text. Binary input (a NUL byte or invalid UTF-8) is refused before any text is formed,
 * so nothing of it can reach an error message.
 */
export function decodeSecretInput(bytes: Buffer, kind: CredentialKind): string {
  const label = credential(kind).label
  if (bytes.length > MAX_SECRET_BYTES) {
    throw new UsageError(`stdin holds more than ${MAX_SECRET_BYTES / 1024} KiB, far longer than any ${label}; pipe only the ${label}: ${pipeHint(kind)}`)
  }
  if (bytes.includes(0)) throw new UsageError(`stdin is binary data, not the ${label}; pipe the ${label} as text: ${pipeHint(kind)}`)
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    throw new UsageError(`stdin is not UTF-8 text, so it is not the ${label}; pipe the ${label} as text: ${pipeHint(kind)}`)
  }
}

/**
 * Trims and checks a secret typed or piped in; the error never contains the value. `from` says where it came
 * from, to phrase the empty case: an empty pipe is most often a variable that was not set.
 */
export function validateSecret(raw: string, kind: CredentialKind, from: 'stdin' | 'prompt'): string {
  const label = credential(kind).label
  const value = raw.trim()
  const again = from === 'prompt' ? `run ddcli auth ${SET_COMMANDS[kind]} again and paste only the ${label}` : `pipe only the ${label}: ${pipeHint(kind)}`
  if (value === '') {
    if (from === 'prompt') throw new UsageError(`no ${label} entered; ${again}`)
    throw new UsageError(`no ${label} on stdin (it was empty or closed); pipe one in: ${pipeHint(kind)}`)
  }
  if (/[\r\n]/.test(value)) throw new UsageError(`the input holds more than one line; ${again}`)
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) throw new UsageError(`the ${label} contains a control character (tab, escape, ...); ${again}`)
  if (/\s/.test(value)) throw new UsageError(`the ${label} contains a space inside it; ${again}`)
  if (!/^[\x21-\x7e]+$/.test(value)) throw new UsageError(`the ${label} contains a character that is not printable ASCII (Datadog credentials never do); ${again}`)
  return value
}

/** Whether a PAT has a Datadog token prefix; a token without one is stored anyway, with a warning. */
export function hasTokenPrefix(value: string): boolean {
  return TOKEN_PREFIXES.some((prefix) => value.startsWith(prefix))
}
