// Writes dist/<bundle>-<build id>-<node version>-<arch>.cache: V8's code cache for dist/launch.cjs and dist/launch-call.cjs,
// taken after they ran a call, a by-operationId call, a call with a checked JSON body, --version and --help, so the
// functions those need are compiled in it (bin/launch.js reads it; V8 rejects it, and compiles from source, if the
// source or V8 differ).
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
  const {cacheFile, cachePath, launchFast, scripts} = await import('../bin/launch.js')
  const [origin, body] = process.argv.slice(3)
  // The third checks a JSON body (a dashboard's) before sending it: the code of the body check is in the cache too.
  const workload = [['call', 'GET', '/api/v1/validate', '--api-url', origin], ['call', 'Validate', '--api-url', origin], ['call', 'POST', '/api/v1/dashboard', '--input', body, '--api-url', origin], ['--version'], ['call', '--help']]
  for (const argv of workload) {
    // The fast path falls back to oclif quietly when a bundle does not load: here that is a build failure.
    if (!(await launchFast(argv))) throw new Error(`code-cache: the fast path did not run ${argv.join(' ')}`)
    // A call that failed (a refused body, no answer) ran the code of a failure: the cache would be of the wrong code.
    if (process.exitCode) throw new Error(`code-cache: the warm-up's ${argv.join(' ')} exited ${process.exitCode}`)
  }
  for (const [name, {script, id, bytes}] of scripts) {
    if (id === undefined) throw new Error(`code-cache: dist/${name}.cjs has no build id; run scripts/bundle.mjs`)
    writeFileSync(cachePath(name, id), cacheFile(bytes, script.createCachedData()))
    console.error(`dist/${name}-${id}-${process.version}-${process.arch}.cache: written`)
  }
  process.exit(0)
}

// The requests the warm-up's calls sent, checked against its workload: a call that sent nothing did not warm up.
const received = []
const server = createServer((req, res) => {
  received.push(`${req.method} ${req.url}`)
  req.resume()
  res.writeHead(200, {'content-type': 'application/json'}).end('{"valid":true}')
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const home = await mkdtemp(join(tmpdir(), 'ddcli-code-cache-'))
try {
  const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, DDCLI_CONFIG_DIR: join(home, 'config'), DD_API_KEY: '0123456789abcdef0123456789abcdef', DD_APP_KEY: '0123456789abcdef0123456789abcdef01234567'}
  const body = join(home, 'dashboard.json')
  writeFileSync(body, JSON.stringify({title: 'cache', layout_type: 'ordered', widgets: [{definition: {type: 'note', content: 'x'}}]}))
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', `http://127.0.0.1:${server.address().port}`, body], {env, stdio: ['ignore', 'ignore', 'inherit']})
  const code = await new Promise((resolve, reject) => child.on('error', reject).on('close', resolve))
  if (code !== 0) throw new Error(`code-cache: the warm-up run exited ${code}`)
  const sent = ['GET /api/v1/validate', 'GET /api/v1/validate', 'POST /api/v1/dashboard']
  if (received.join('\n') !== sent.join('\n')) throw new Error(`code-cache: the warm-up sent ${JSON.stringify(received)}, not ${JSON.stringify(sent)}`)
} finally {
  server.close()
  await rm(home, {recursive: true, force: true})
}
