import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {ESLint} from 'eslint'
import {describe, expect, it} from 'vitest'

// The folder graph's lint rule (layers/one-way, scripts/layers.mjs) as `npm run lint` runs it, with the repo's own
// eslint.config.js: every way a module of src/ can name another one is checked, whatever the file's extension and
// wherever eslint is started from.
const root = fileURLToPath(new URL('../..', import.meta.url))
const from = join(root, 'src/credentials/probe.ts')

async function problems(code: string, options: {file?: string, cwd?: string} = {}): Promise<string[]> {
  const eslint = new ESLint({cwd: options.cwd ?? root})
  const [result] = await eslint.lintText(code, {filePath: options.file ?? from})
  return result!.messages.filter((m) => m.ruleId === 'layers/one-way').map((m) => m.message)
}

const UP = /credentials imports (commands|runtime|base-command|call), a room above it/

describe('layers/one-way', () => {
  it.each([
    {name: 'a static import', code: "import {x} from '../commands/call.js'\nexport const y = x"},
    {name: 'a type-only import', code: "import type {RunContext} from '../base-command.js'\nexport type Y = RunContext"},
    {name: 'a re-export of everything', code: "export * from '../runtime.js'"},
    {name: 'a named re-export', code: "export {default} from '../commands/call.js'"},
    {name: 'a dynamic import', code: "export const y = () => import('../commands/call.js')"},
    {name: 'a dynamic import of a template literal', code: 'export const y = () => import(`../commands/call.js`)'},
    {name: 'a type import() in a type position', code: "export type Y = typeof import('../commands/call.js')"},
    {name: 'an import() type with a member', code: "export type Y = import('../call/run.js').CallOptions"},
    {name: 'TypeScript\'s import = require', code: "import x = require('../commands/call.js')\nexport const y = x"},
    {name: 'require() of createRequire', code: "import {createRequire} from 'node:module'\nexport const y = createRequire(import.meta.url)('../commands/call.js')"},
    {name: 'a path that leaves src/ and comes back', code: "export {runCall} from '../../src/call/run.js'"},
    {name: 'an absolute path', code: `export {runCall} from '${join(root, 'src/call/run.js')}'`},
  ])('reports an upward import: $name', async ({code}) => {
    const found = await problems(code)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(UP)
  })

  it.each([
    {name: 'built from a variable', code: 'export const y = (name: string) => import(`../commands/${name}.js`)'},
    {name: 'built by concatenation', code: "export const y = () => import('../' + 'commands/call.js')"},
    {name: 'held in a variable', code: "const where = '../commands/call.js'\nexport const y = () => import(where)"},
  ])('reports a dynamic import it cannot check: $name', async ({code}) => {
    expect(await problems(code)).toEqual([expect.stringMatching(/cannot be checked/)])
  })

  it.each([
    {name: 'a room below', code: "import {SECURITY_SCHEMES} from '../spec/schemes.generated.js'\nexport const y = SECURITY_SCHEMES"},
    {name: 'its own room', code: "export {credential} from './credentials.js'"},
    {name: 'a package, also dynamically', code: "import {got} from 'got'\nexport const y = [got, () => import('conf'), () => import(`chalk`)]"},
    {name: 'a node builtin', code: "import {readFileSync} from 'node:fs'\nexport const y = readFileSync"},
  ])('accepts $name', async ({code}) => {
    expect(await problems(code)).toEqual([])
  })

  it.each(['mjs', 'js', 'cjs', 'mts', 'cts'])('checks a .%s file of src/ too', async (extension) => {
    const code = extension === 'cjs' ? "module.exports = require('../commands/call.js')" : "export {default} from '../commands/call.js'"
    expect(await problems(code, {file: join(root, `src/credentials/probe.${extension}`)})).toEqual([expect.stringMatching(UP)])
  })

  it('checks the same when eslint is started from another folder (an editor, or cd src)', async () => {
    expect(await problems("export * from '../runtime.js'", {cwd: join(root, 'src')})).toEqual([expect.stringMatching(UP)])
  })
})
