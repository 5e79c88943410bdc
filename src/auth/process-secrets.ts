import {CREDENTIALS} from './credentials.js'

const SECRET_FLAGS = new Set(CREDENTIALS.flatMap((def) => [def.flag, ...(def.kind === 'pat' ? ['--pat'] : [])]))

/**
 * Every secret a run can know before anything is resolved: credential env vars and credential flags on argv.
 * Used to mask output that is printed before (or without) the resolver: oclif's DEBUG trace, parse errors.
 */
export function processSecrets(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const fromEnv = CREDENTIALS.flatMap((def) => def.env.map((name) => env[name]?.trim() ?? ''))
  const fromArgv = argv.flatMap((arg, i) => {
    const eq = arg.indexOf('=')
    if (eq > 0 && SECRET_FLAGS.has(arg.slice(0, eq))) return [arg.slice(eq + 1).trim()]
    return SECRET_FLAGS.has(arg) ? [argv[i + 1]?.trim() ?? ''] : []
  })
  return [...fromEnv, ...fromArgv].filter(Boolean)
}
