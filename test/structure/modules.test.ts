import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import ts from 'typescript'
import {describe, expect, it} from 'vitest'
import {KNOWN_COMMANDS} from '../helpers/in-process.js'

// Every source module outside src/spec/ (generated tables) and src/commands/ (thin shells, run by the in-process
// runner) is imported, directly or through other modules, by a test: a module reached only through a spawned CLI
// would point a failure at an exit code instead of a line.
const root = fileURLToPath(new URL('../..', import.meta.url))

function files(dir: string): string[] {
  return readdirSync(join(root, dir), {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [])
}

/**
 * The repo-relative .ts files a module imports by relative path: static, dynamic with a literal, and re-exports.
 * Type-only imports do not count: they are erased, and run none of the module's code.
 */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8').replace(/^\s*(?:import|export)\s+type\s[^;'"]*?\sfrom\s*['"][^'"]+['"]/gm, '')
  return [...text.matchAll(/(?:from\s*|import\s*\(\s*|import\s+)['"](\.[^'"]+)['"]/g)].flatMap((match) => {
    const target = resolve(root, dirname(file), match[1]!).replace(/\.js$/, '.ts')
    // A path in a test's string (a lint probe) may name a folder, or nothing.
    return existsSync(target) && statSync(target).isFile() ? [relative(root, target)] : []
  })
}

/** Whether a module compiles to nothing (interfaces and types only): it has no code for a test to run. */
function typesOnly(file: string): boolean {
  const {outputText} = ts.transpileModule(readFileSync(join(root, file), 'utf8'), {compilerOptions: {module: ts.ModuleKind.ESNext, removeComments: true}})
  return outputText.replace(/export \{\};?/g, '').trim() === ''
}

describe('the source modules', () => {
  it('are each reached by the imports of some test', () => {
    const reached = new Set<string>()
    const queue = files('test')
    while (queue.length > 0) {
      for (const target of imports(queue.pop()!)) {
        if (reached.has(target)) continue
        reached.add(target)
        queue.push(target)
      }
    }
    // The single executable's two entries run only inside it (npm run test:exe, test/exe/), as bin/run.js runs only spawned.
    const entries = new Set(['src/sea/main.ts', 'src/sea/oclif.ts'])
    const unreached = files('src').filter((file) => !file.startsWith('src/spec/') && !file.startsWith('src/commands/') && !entries.has(file) && !reached.has(file) && !typesOnly(file))
    expect(unreached).toEqual([])
  })
})

describe('the command shells', () => {
  it('are each known to the in-process runner, which else would spawn them (and fail in the unit project)', () => {
    const ids = files('src/commands').map((file) => relative('src/commands', file).replace(/\.ts$/, '').split('/').join(' '))
    expect([...KNOWN_COMMANDS].sort()).toEqual(ids.sort())
  })
})
