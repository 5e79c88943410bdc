import {CREDENTIALS} from './credentials.js'
import {headerSecrets} from './mask.js'

const SECRET_FLAGS = new Set(CREDENTIALS.flatMap((def) => [def.flag, ...def.aliases]))

/** Words that, in a flag name or a field key (`--apikey`, `--token`, `-f app_key=`), announce a secret value. */
const SECRET_WORDS = /^(?:key|apikey|appkey|token|secret|password|passwd|pass|pat|auth|authorization|bearer|credential|credentials)$/i

/** Whether a flag or field name looks like it carries a secret: one of its words (split at `-`, `_`, case) is one. */
function secretLikeName(name: string): boolean {
  return name
    .replace(/^-+/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .split(/[-_.\s[\]]+/)
    .some((word) => SECRET_WORDS.test(word))
}

/** The commands whose arguments can only be a secret typed in the wrong place: `auth set-*`. */
const SECRET_ARGUMENT_COMMANDS = new RegExp(`^(?:auth:)?(?:${CREDENTIALS.map((def) => def.setCommand).join('|')})$`)

/** The header given to `-H` in any spelling: `-H x`, `-Hx`, `-H=x`, `--header x`, `--header=x`. */
function headerArg(argv: readonly string[], i: number): string | undefined {
  const arg = argv[i]!
  const inline = /^(?:--header=|-H=?)(.+)$/s.exec(arg)?.[1]
  return inline ?? (arg === '-H' || arg === '--header' ? argv[i + 1] : undefined)
}

/** The field given to `-f`/`-F` in any spelling: `-f x`, `-fx`, `-f=x`, `--raw-field x`, `--field=x`. */
function fieldArg(argv: readonly string[], i: number): string | undefined {
  const arg = argv[i]!
  const inline = /^(?:--(?:raw-)?field=|-[fF]=?)(.+)$/s.exec(arg)?.[1]
  return inline ?? (/^(?:-[fF]|--(?:raw-)?field)$/.test(arg) ? argv[i + 1] : undefined)
}

/**
 * A header's secrets however it is spelt: `Name: value`, and the malformed `Name=value` or `Name value` that
 * ddcli refuses (the refusal, and a DEBUG trace, must not echo the value either).
 */
function headerArgSecrets(header: string): string[] {
  const colon = header.indexOf(':')
  const separator = colon >= 0 ? colon : (/[=\s]/.exec(header)?.index ?? -1)
  if (separator <= 0) return []
  return headerSecrets(header.slice(0, separator), header.slice(separator + 1))
}

/**
 * Every secret a run can know before anything is resolved: credential env vars, credential flags and credential
 * headers (`-H 'Authorization: ...'`) on argv, and values typed in the wrong place: the value of an unknown flag
 * named like a secret (`--apikey X`, `--token=X`), a field whose key is (`-fapi_key=X`), an argument to
 * `auth set-*`.
 * Used to mask output that is printed before (or without) the resolver: oclif's DEBUG trace, parse errors.
 */
export function processSecrets(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const fromEnv = CREDENTIALS.flatMap((def) => def.env.map((name) => env[name]?.trim() ?? ''))
  const fromArgv = argv.flatMap((arg, i) => {
    if (!arg.startsWith('--')) return []
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(0, eq) : arg
    if (!SECRET_FLAGS.has(name) && !secretLikeName(name)) return []
    if (eq > 0) return [arg.slice(eq + 1).trim()]
    const next = argv[i + 1]?.trim() ?? ''
    return SECRET_FLAGS.has(name) || !next.startsWith('-') ? [next] : []
  })
  const fromHeaders = argv.flatMap((_arg, i) => {
    const header = headerArg(argv, i)
    return header ? headerArgSecrets(header) : []
  })
  const fromFields = argv.flatMap((_arg, i) => {
    const field = fieldArg(argv, i)
    const eq = field?.indexOf('=') ?? -1
    return field && eq > 0 && secretLikeName(field.slice(0, eq)) ? [field.slice(eq + 1).trim()] : []
  })
  const command = argv.findIndex((arg) => SECRET_ARGUMENT_COMMANDS.test(arg))
  const fromArguments = command >= 0 && (command === 0 || argv[command - 1] === 'auth' || argv[command]!.startsWith('auth:'))
    ? argv.slice(command + 1).filter((arg) => !arg.startsWith('-'))
    : []
  return [...fromEnv, ...fromArgv, ...fromHeaders, ...fromFields, ...fromArguments].filter(Boolean)
}
