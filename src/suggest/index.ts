import {unknownFlagLine, type FlagInfo} from './flags.js'

export {commandNotFoundLine, flagBeforeCommandLine, isLoginWord, STORE_CREDENTIALS, type CommandSet} from './commands.js'
export {unknownFlagLine, type FlagInfo} from './flags.js'
export {helpWordSubject} from './help-word.js'
export {parseFailureText, type ArgDef, type CommandShape, type FlagDef} from './parse-errors.js'
export {looksLikeSecret, shown} from './shown.js'

/** The flags of a command class as the suggestion code reads them. */
export function flagInfos(flags: Record<string, {char?: string, aliases?: string[], hidden?: boolean}> | undefined): FlagInfo[] {
  return Object.entries(flags ?? {}).filter(([, f]) => !f.hidden).map(([name, f]) => ({name, char: f.char, aliases: f.aliases}))
}

/**
 * The suggestion line for an oclif parse error that has one (an unknown flag), else undefined. Only the first
 * unknown flag is named: one line, and the user fixes them one at a time anyway.
 */
export function parseErrorLine(error: object, flags: FlagInfo[], commandId: string, elsewhere: readonly string[] = []): string | undefined {
  const unknown = (error as {flags?: unknown}).flags
  if (!Array.isArray(unknown) || typeof unknown[0] !== 'string') return undefined
  return unknownFlagLine(unknown[0], flags, commandId, elsewhere)
}
