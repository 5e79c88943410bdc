import {relative} from 'node:path'
import {SEA_ROOT} from './files.js'

// Stands in for @oclif/core's module-loader in the single executable (scripts/exe.mjs): oclif imports a command, a
// hook or the help class by its path under the package root, and there is no package folder. Each path the build
// knows (every module oclif.manifest.json and package.json name) maps to the bundled module, evaluated on first use.

type Loaded = Record<string, unknown>
const modules = new Map<string, () => Promise<Loaded>>()

/** Makes the bundled modules known by their paths relative to the root (`dist/commands/call.js`). */
export function registerModules(table: Record<string, () => Promise<Loaded>>): void {
  for (const [path, load] of Object.entries(table)) modules.set(path, load)
}

/** A path oclif names (absolute under the root, or relative with ./) as the table's key, with .js. */
function key(modulePath: string): string {
  const path = modulePath.startsWith('/') ? relative(SEA_ROOT, modulePath) : modulePath.replace(/^\.\//, '')
  return path.endsWith('.js') ? path : `${path}.js`
}

async function loadModule(modulePath: string): Promise<{filePath: string, isESM: boolean, module: Loaded}> {
  const load = modules.get(key(modulePath))
  // oclif's own loader throws a ModuleLoadError here, which oclif reports; the message names the path.
  if (load === undefined) throw Object.assign(new Error(`import() failed to load ${modulePath}: not in this executable`), {code: 'MODULE_NOT_FOUND'})
  return {filePath: `${SEA_ROOT}/${key(modulePath)}`, isESM: true, module: await load()}
}

/** oclif's load(config, path): the module. */
export async function load(_config: unknown, modulePath: string): Promise<Loaded> {
  return (await loadModule(modulePath)).module
}

/** oclif's loadWithData(config, path). */
export function loadWithData(_config: unknown, modulePath: string): Promise<{filePath: string, isESM: boolean, module: Loaded}> {
  return loadModule(modulePath)
}

/** oclif's loadWithDataFromManifest(cached, root): a command by its manifest entry. */
export function loadWithDataFromManifest(cached: {id: string, relativePath?: string[]}, _root: string): Promise<{filePath: string, isESM: boolean, module: Loaded}> {
  if (!cached.relativePath) throw new Error(`Cached command ${cached.id} does not have a relative path`)
  return loadModule(cached.relativePath.join('/'))
}

/** Every module of the executable is an ES module. */
export function isPathModule(): boolean {
  return true
}
