import {cp, mkdir, rm, symlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {makeTempDir, runNode} from '../helpers/cli.js'

// scripts/code-cache.mjs takes the call bundle's code cache after a warm-up that runs real calls through the fast
// path, a checked dashboard POST among them. A warm-up call that failed (its body refused, nothing sent) still left a
// cache of the code a failure runs, and the build went on as if all were well.
const root = fileURLToPath(new URL('../../', import.meta.url))

describe('the build\'s code cache warm-up', () => {
  let copy: string
  beforeAll(async () => {
    copy = await makeTempDir('ddcli-code-cache-')
  })
  afterAll(async () => rm(copy, {recursive: true, force: true}))

  it('fails the build when the checked dashboard of the warm-up is refused, instead of caching a refusal', async () => {
    for (const name of ['bin', 'package.json']) await cp(join(root, name), join(copy, name), {recursive: true})
    await cp(join(root, 'dist'), join(copy, 'dist'), {recursive: true, filter: (source) => !source.startsWith(join(root, 'dist', 'exe'))})
    await mkdir(join(copy, 'scripts'))
    await cp(join(root, 'scripts', 'code-cache.mjs'), join(copy, 'scripts', 'code-cache.mjs'))
    await symlink(join(root, 'node_modules'), join(copy, 'node_modules'))
    // A dashboard schema the warm-up's body breaks, and no verdict: the checker refuses the body.
    await rm(join(copy, 'dist', 'spec', 'verdicts', 'v1', 'CreateDashboard.verdict'))
    await writeFile(join(copy, 'dist', 'spec', 'schemas', 'v1', 'CreateDashboard.json'), JSON.stringify({body: {type: 'object', required: ['no_such_property']}, defs: {}}))
    const result = await runNode([join(copy, 'scripts', 'code-cache.mjs')], {timeoutMs: 60_000})
    expect(result.stderr).toContain('/no_such_property')
    expect(result.stderr).toMatch(/code-cache: .*call POST \/api\/v1\/dashboard/)
    expect(result.code).not.toBe(0)
  })
})
