import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

// oclif reads stdin into a positional argument that was not given, unless the argument says ignoreStdin: then
// `echo '{...}' | ddcli call CreateX --input -` would take the body as PATH. Every argument must opt out.
const manifest = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8')) as {commands: Record<string, {args: Record<string, unknown>}>}
const withArgs = Object.entries(manifest.commands).filter(([, command]) => Object.keys(command.args).length > 0).map(([id]) => id)

describe('positional arguments', () => {
  it.each(withArgs)('%s never reads stdin into a missing argument', async (id) => {
    const module = (await import(new URL(`../../dist/commands/${id.replace(/:/g, '/')}.js`, import.meta.url).href)) as {default: {args: Record<string, {ignoreStdin?: boolean}>}}
    for (const [name, arg] of Object.entries(module.default.args)) expect(arg.ignoreStdin, `${id} ${name}`).toBe(true)
  })
})
