import type {CachedCommand} from '../context.js'
import type {CommandSpec} from './candidates.js'


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
