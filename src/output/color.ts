import type {ChalkInstance} from 'chalk'

/** A chalk instance at the given colour level, or undefined at level 0; chalk is imported only when colour is on. */
export async function chalkAt(level: 0 | 1 | 2 | 3): Promise<ChalkInstance | undefined> {
  return level > 0 ? new (await import('chalk')).Chalk({level}) : undefined
}
