import type {CommandSpec} from './candidates.js'

/** The parts of oclif's cached command metadata (the manifest) that completion reads. */
export interface CachedCommand {
  id: string
  hidden?: boolean
  flags: Readonly<Record<string, {name: string, char?: string, aliases?: string[], type: string, hidden?: boolean, multiple?: boolean, options?: readonly string[]}>>
  args: Readonly<Record<string, {name: string, options?: readonly string[], hidden?: boolean}>>
}

/** The visible commands and flags, in the shape completion works with. */
export function commandSpecs(commands: readonly CachedCommand[]): CommandSpec[] {
  return commands.filter((c) => !c.hidden).map((c) => ({
    id: c.id,
    flags: Object.values(c.flags).filter((f) => !f.hidden).map((f) => ({
      name: f.name,
      ...(f.char ? {char: f.char} : {}),
      ...(f.aliases ? {aliases: f.aliases} : {}),
      takesValue: f.type === 'option',
      ...(f.multiple ? {multiple: true} : {}),
      ...(f.options ? {options: f.options} : {}),
    })),
    args: Object.values(c.args).map((a) => ({name: a.name, ...(a.options ? {options: a.options} : {})})),
  })).sort((a, b) => a.id.localeCompare(b.id))
}
