import {CREDENTIALS} from './credentials.js'
import {headerSecrets} from './mask.js'

const SECRET_FLAGS = new Set(CREDENTIALS.flatMap((def) => [def.flag, ...(def.kind === 'pat' ? ['--pat'] : [])]))

/**
 * Every secret a run can know before anything is resolved: credential env vars, credential flags and credential
 * headers (`-H 'Authorization: ...'`) on argv.
 * Used to mask output that is printed before (or without) the resolver: oclif's DEBUG trace, parse errors.
 */
export function processSecrets(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const fromEnv = CREDENTIALS.flatMap((def) => def.env.map((name) => env[name]?.trim() ?? ''))
  const fromArgv = argv.flatMap((arg, i) => {
    const eq = arg.indexOf('=')
    if (eq > 0 && SECRET_FLAGS.has(arg.slice(0, eq))) return [arg.slice(eq + 1).trim()]
    return SECRET_FLAGS.has(arg) ? [argv[i + 1]?.trim() ?? ''] : []
  })
  const fromHeaders = argv.flatMap((arg, i) => {
    const inline = /^(?:--header=|-H=?)(.+)$/s.exec(arg)?.[1]
    const header = inline ?? (arg === '-H' || arg === '--header' ? argv[i + 1] : undefined)
    const colon = header?.indexOf(':') ?? -1
    return header && colon > 0 ? headerSecrets(header.slice(0, colon), header.slice(colon + 1)) : []
  })
  return [...fromEnv, ...fromArgv, ...fromHeaders].filter(Boolean)
}
