// Writes dist/<bundle>-<build id>-<node version>-<arch>.cache: V8's code cache for dist/launch.cjs and dist/launch-call.cjs,
// taken after they ran a call, a by-operationId call, --version and --help, so the functions those need are
// compiled in it (bin/launch.js reads it; V8 rejects it, and compiles from source, if the source or V8 differ).
// Usage: node scripts/code-cache.mjs   (after scripts/bundle.mjs)
import {spawn} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {createServer} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

if (process.argv[2] === '--child') {
  // In a child with stdout ignored: run the workload through the real loader, then save what V8 compiled.
  const {cacheFile, cachePath, launchFast, scripts, withCacheChecksums} = await import('../bin/launch.js')
  const origin = process.argv[3]
  for (const argv of [['call', 'GET', '/api/v1/validate', '--api-url', origin], ['call', 'Validate', '--api-url', origin], ['--version'], ['call', '--help']]) {
    // The fast path falls back to oclif quietly when a bundle does not load: here that is a build failure.
    if (!(await launchFast(argv))) throw new Error(`code-cache: the fast path did not run ${argv.join(' ')}`)
  }
  for (const [name, {script, id, bytes}] of scripts) {
    if (id === undefined) throw new Error(`code-cache: dist/${name}.cjs has no build id; run scripts/bundle.mjs`)
    writeFileSync(cachePath(name, id), cacheFile(bytes, withCacheChecksums(() => script.createCachedData())))
    console.error(`dist/${name}-${id}-${process.version}-${process.arch}.cache: written`)
  }
  process.exit(0)
}

const server = createServer((req, res) => {
  req.resume()
  res.writeHead(200, {'content-type': 'application/json'}).end('{"valid":true}')
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const home = await mkdtemp(join(tmpdir(), 'ddcli-code-cache-'))
try {
  const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, DDCLI_CONFIG_DIR: join(home, 'config'), DD_API_KEY: '0123456789abcdef0123456789abcdef'}
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', `http://127.0.0.1:${server.address().port}`], {env, stdio: ['ignore', 'ignore', 'inherit']})
  const code = await new Promise((resolve, reject) => child.on('error', reject).on('close', resolve))
  if (code !== 0) throw new Error(`code-cache: the warm-up run exited ${code}`)
} finally {
  server.close()
  await rm(home, {recursive: true, force: true})
}
