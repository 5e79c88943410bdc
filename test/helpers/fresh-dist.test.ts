import {spawnSync} from 'node:child_process'
import {mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {makeTempDir} from './cli.js'
import {staleBuild} from './fresh-dist.js'

// The e2e project's guard against testing an old build (test/helpers/fresh-dist.ts), on a repo of a few files: it
// must refuse every build that is not the build of the sources as they are, and accept one that is.
const stamp = fileURLToPath(new URL('../../scripts/build-stamp.mjs', import.meta.url))
const SOURCES: Record<string, string> = {
  'src/a.ts': 'export const a = 1\n',
  'src/sub/b.ts': 'export const b = 2\n',
  'bin/run.js': '// run\n',
  'scripts/bundle.mjs': '// bundle\n',
  'package.json': '{"name":"x"}\n',
  'package-lock.json': '{"lockfileVersion":3}\n',
  'tsconfig.json': '{}\n',
  'tsconfig.build.json': '{}\n',
}
const OUTPUTS = ['dist/commands/call.js', 'dist/launch.cjs', 'dist/launch-call.cjs', 'dist/call/run.js', 'oclif.manifest.json', 'dist/launch-help.json']
let root: string
let other: string

function write(at: string, file: string, text: string, mtime?: Date): void {
  mkdirSync(dirname(join(at, file)), {recursive: true})
  writeFileSync(join(at, file), text)
  if (mtime) utimesSync(join(at, file), mtime, mtime)
}

/** What npm run build leaves: its outputs (from the sources' text), then its stamp when the build writes one. */
function build(at: string, mtime = new Date()): void {
  rmSync(join(at, 'dist'), {recursive: true, force: true})
  for (const output of OUTPUTS) write(at, output, `built from ${at}\n`, mtime)
  spawnSync(process.execPath, [stamp], {cwd: at, stdio: 'ignore'})
}

beforeEach(async () => {
  root = await makeTempDir('ddcli-fresh-')
  other = await makeTempDir('ddcli-fresh-other-')
  const past = new Date(Date.now() - 60_000)
  for (const at of [root, other]) for (const [file, text] of Object.entries(SOURCES)) write(at, file, text, past)
  write(other, 'src/a.ts', 'export const a = 3\n', past)
  build(root)
  build(other)
})
afterEach(() => {
  rmSync(root, {recursive: true, force: true})
  rmSync(other, {recursive: true, force: true})
})

describe('staleBuild', () => {
  it('accepts the build of the sources as they are', () => {
    expect(staleBuild(root)).toBeUndefined()
  })

  it('accepts a source saved again unchanged (touch, an editor, a checkout of the same text)', () => {
    write(root, 'src/a.ts', SOURCES['src/a.ts']!)
    expect(staleBuild(root)).toBeUndefined()
  })

  it.each([
    {name: 'a source edited', change: () => write(root, 'src/sub/b.ts', 'export const b = 4\n'), says: /src\/sub\/b\.ts/},
    {name: 'a source deleted (dist keeps its .js)', change: () => rmSync(join(root, 'src/sub/b.ts')), says: /src\/sub\/b\.ts/},
    {name: 'a source added', change: () => write(root, 'src/c.ts', 'export const c = 5\n', new Date(Date.now() - 3_600_000)), says: /src\/c\.ts/},
    {name: 'a source edited while the clock was behind the build\'s', change: () => write(root, 'src/a.ts', 'export const a = 6\n', new Date(Date.now() - 3_600_000)), says: /src\/a\.ts/},
    {name: 'package-lock.json changed (the bundles hold the dependencies)', change: () => write(root, 'package-lock.json', '{"lockfileVersion":3,"x":1}\n', new Date(Date.now() - 3_600_000)), says: /package-lock\.json/},
    {name: 'a build script changed', change: () => write(root, 'scripts/bundle.mjs', '// bundle 2\n'), says: /scripts\/bundle\.mjs/},
    {name: 'an output missing', change: () => rmSync(join(root, 'dist/launch.cjs')), says: /dist\/launch\.cjs/},
    {name: 'an output edited by hand', change: () => write(root, 'dist/launch.cjs', 'patched\n', new Date(Date.now() + 1000)), says: /dist\/launch\.cjs/},
    {
      name: 'dist a link to a newer build of other sources',
      change: () => {
        rmSync(join(root, 'dist'), {recursive: true})
        symlinkSync(join(other, 'dist'), join(root, 'dist'))
      },
      says: /dist/,
    },
  ])('refuses the build after $name', ({change, says}) => {
    change()
    expect(staleBuild(root)).toMatch(says)
  })
})
