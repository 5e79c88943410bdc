#!/usr/bin/env node
// Times `ddcli call` against a bare node:http request to the same local server, so start-up cost stays visible.
// Usage: npm run bench -- [--runs 30] [--warmup 1] [--variant raw,call,...] [--baseline raw] [--quick] [--max-ratio call=2.5]
// (needs `npm run build`; the exe-* rows need `npm run build:exe`). --quick: 10 runs of raw, node, call, exe-call, exe-version. --max-ratio name=R (repeatable) exits 1 when
// that variant's median ratio to the baseline exceeds R: the CI guard.
// The body check: npm run bench -- --variant dashboard,dashboard-unchecked --baseline dashboard-unchecked
// Many requests: npm run bench -- --variant batch,calls --baseline batch --runs 1 --warmup 0 [--requests 1000]
//   times one `ddcli batch` of N GETs against N sequential `ddcli call` processes (slow: N process starts).
// The built-in jq on a big list: npm run bench -- --jq [--runs 5] [--max-ratio jq-builtin=1.3]
//   times `ddcli call ... --jq length` against `ddcli call ... | jq length` (Debian's /usr/bin/jq) on a 37 MB list of
//   300,000 items, with each side's peak RSS (ddcli through scripts/max-rss.mjs, jq through GNU time).
import {spawn, spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {createServer} from 'node:http'
import {availableParallelism, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {parseArgs} from 'node:util'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'bin', 'run.js')
const specIndex = join(root, 'dist', 'spec', 'index.js')
const validBody = '{"valid":true}'
// A realistic large body: 200 widgets of the dashboards Datadog accepted in the recorded traffic.
const dashboardFile = join(root, 'test', 'fixtures', 'dashboard-200-widgets.json')

// The whole raw client: what any ddcli call is measured against.
const rawScript = `const http = require('node:http')
http.get(process.argv[1], {headers: {'DD-API-KEY': process.env.DD_API_KEY}}, (res) => res.pipe(process.stdout))
  .on('error', (error) => { console.error(error.message); process.exitCode = 5 })`

// The same request with got 14, as a script using got would make it (ESM, resolved from the repo's node_modules).
const gotScript = `import got from 'got'
const url = process.argv[1]
const body = await got(url, {headers: {'DD-API-KEY': process.env.DD_API_KEY}, throwHttpErrors: false}).text()
process.stdout.write(body)`

const ALL = 'raw,node,call,exe-call,call-config-key,call-by-operation-id,version,exe-version,exe-oclif,call-help,dashboard,dashboard-unchecked,got,httpie,spec-index'
const {values} = parseArgs({
  options: {
    requests: {type: 'string', default: '1000'},
    runs: {type: 'string'},
    warmup: {type: 'string', default: '1'},
    variant: {type: 'string'},
    baseline: {type: 'string', default: 'raw'},
    quick: {type: 'boolean', default: false},
    jq: {type: 'boolean', default: false},
    'max-ratio': {type: 'string', multiple: true, default: []},
  },
})
const count = Number(values.requests)

const dist = () => existsSync(join(root, 'dist')) || 'dist/ missing: run npm run build'
// The single executable (npm run build:exe), timed the same way; its rows are skipped with a note when it is not built.
const exe = join(root, 'dist', 'exe', `ddcli-${process.platform}-${process.arch}`)
const exeBuilt = () => existsSync(exe) || `${exe.slice(root.length)} missing: run npm run build:exe`
const debianJq = () => (spawnSync('/usr/bin/jq', ['--version'], {stdio: 'ignore'}).status === 0 && existsSync('/usr/bin/time')) || '/usr/bin/jq or /usr/bin/time (GNU time) missing: apt-get install jq time'
const maxRss = join(root, 'scripts', 'max-rss.mjs')
// The big list: 300,000 monitors-like items, about 37 MB, served at LIST_PATH (made only when a jq variant runs).
const LIST_PATH = '/api/v1/bench/list'
const LIST_ITEMS = 300_000
const listItem = (i) => `{"id":${1_000_000 + i},"name":"monitor ${i}","overall_state":"${i % 7 ? 'OK' : 'Alert'}","tags":["env:prod","team:t${i % 50}"],"created":"2024-01-01T00:00:00Z"}`
const httpie = () => spawnSync('http', ['--version'], {stdio: 'ignore'}).status === 0 || 'httpie (http) not on PATH: apt-get install httpie'

/**
 * What can be timed. Add a variant here: `argv(origin)` is what `node` runs (or `command`, when it is not node),
 * `stdout` the exact output a correct run prints (or a RegExp it matches), `requests` how many requests it makes,
 * `check(stdout)` instead returns true or what is wrong, `env` what it adds to the clean env, `repeat` how many times
 * the process runs one after another (default 1), `available()` returns true or the reason it cannot run (the
 * variant is then skipped with a note), `rss` which processes' peak RSS to report (`ddcli`, `jq`).
 */
const variants = {
  raw: {
    about: 'node -e, node:http GET, body to stdout',
    argv: (origin) => ['-e', rawScript, `${origin}/api/v1/validate`],
    stdout: validBody,
    requests: 1,
  },
  call: {
    about: 'ddcli call GET /api/v1/validate (key from env)',
    argv: (origin) => [bin, 'call', 'GET', '/api/v1/validate', '--api-url', origin],
    stdout: validBody,
    requests: 1,
    available: dist,
  },
  'exe-call': {
    about: 'the single executable: ddcli call GET /api/v1/validate (key from env)',
    command: exe,
    argv: (origin) => ['call', 'GET', '/api/v1/validate', '--api-url', origin],
    stdout: validBody,
    requests: 1,
    available: exeBuilt,
  },
  'exe-version': {
    about: 'the single executable: ddcli --version',
    command: exe,
    argv: () => ['--version'],
    stdout: /^ddcli\/\S+ \S+ node-v\S+\n$/,
    requests: 0,
    available: exeBuilt,
  },
  'exe-oclif': {
    about: 'the single executable: ddcli config path (oclif, from its code-cached script)',
    command: exe,
    argv: () => ['config', 'path'],
    stdout: /config\.json\n$/,
    requests: 0,
    available: exeBuilt,
  },
  'call-config-key': {
    about: 'the same call, key from the config file (no DD_API_KEY)',
    argv: (origin) => [bin, 'call', 'GET', '/api/v1/validate', '--api-url', origin],
    stdout: validBody,
    requests: 1,
    env: {DD_API_KEY: undefined},
    available: dist,
  },
  'call-by-operation-id': {
    about: 'ddcli call Validate (the operationId of GET /api/v1/validate)',
    argv: (origin) => [bin, 'call', 'Validate', '--api-url', origin],
    stdout: validBody,
    requests: 1,
    available: dist,
  },
  version: {
    about: 'ddcli --version',
    argv: () => [bin, '--version'],
    stdout: /^ddcli\/\S+ \S+ node-v\S+\n$/,
    requests: 0,
    available: dist,
  },
  'call-help': {
    about: 'ddcli call --help',
    argv: () => [bin, 'call', '--help'],
    stdout: /^Send an authenticated request[^]*USAGE[^]*FLAGS[^]*EXAMPLES/,
    requests: 0,
    available: dist,
  },
  dashboard: {
    about: 'ddcli call POST /api/v1/dashboard --input (200 widgets, body checked against the CreateDashboard schema)',
    argv: (origin) => [bin, 'call', 'POST', '/api/v1/dashboard', '--input', dashboardFile, '--api-url', origin],
    stdout: validBody,
    requests: 1,
    available: dist,
  },
  'dashboard-unchecked': {
    about: 'the same with --no-validate: the difference is what the check costs',
    argv: (origin) => [bin, 'call', 'POST', '/api/v1/dashboard', '--input', dashboardFile, '--api-url', origin, '--no-validate'],
    stdout: validBody,
    requests: 1,
    available: dist,
  },
  got: {
    about: 'a 4-line got 14 script making the same GET',
    argv: (origin) => ['--input-type=module', '-e', gotScript, `${origin}/api/v1/validate`],
    stdout: validBody,
    requests: 1,
  },
  httpie: {
    about: 'httpie: http GET with the DD-API-KEY header',
    command: 'http',
    argv: (origin) => ['--ignore-stdin', '--body', 'GET', `${origin}/api/v1/validate`, `DD-API-KEY:${env.DD_API_KEY}`],
    stdout: validBody,
    requests: 1,
    available: httpie,
  },
  batch: {
    about: `ddcli batch: ${count} GETs of /api/v1/validate from an NDJSON file, --concurrency 4`,
    argv: (origin) => [bin, 'batch', '--input', batchInput, '--api-url', origin],
    check: (stdout) => {
      const lines = stdout.trimEnd().split('\n')
      const bad = lines.find((line) => JSON.parse(line).status !== 200)
      return lines.length === count && !bad ? true : `${lines.length} results${bad ? `, one not 200: ${bad}` : ''}`
    },
    requests: count,
    available: dist,
  },
  calls: {
    about: `${count} sequential ddcli call GET /api/v1/validate processes`,
    argv: (origin) => [bin, 'call', 'GET', '/api/v1/validate', '--api-url', origin],
    stdout: validBody,
    requests: 1,
    repeat: count,
    available: dist,
  },
  'jq-builtin': {
    about: `ddcli call GET ${LIST_PATH} --jq length (37 MB, ${LIST_ITEMS} items)`,
    argv: (origin) => [bin, 'call', 'GET', LIST_PATH, '--api-url', origin, '--jq', 'length'],
    stdout: `${LIST_ITEMS}\n`,
    requests: 1,
    rss: ['ddcli'],
    available: () => (dist() === true ? debianJq() : dist()),
  },
  'jq-pipe': {
    about: `ddcli call GET ${LIST_PATH} | /usr/bin/jq length`,
    command: 'bash',
    argv: (origin, files) => ['-c', `"$0" "$1" call GET ${LIST_PATH} --api-url "$2" | /usr/bin/time -f %M -o "$3" /usr/bin/jq length`, process.execPath, bin, origin, files.jqKb],
    stdout: `${LIST_ITEMS}\n`,
    requests: 1,
    rss: ['ddcli', 'jq'],
    available: () => (dist() === true ? debianJq() : dist()),
  },
  node: {
    about: 'node -e 0: bare Node start-up, the floor under spec-index, --version and --help',
    argv: () => ['-e', '0'],
    stdout: '',
    requests: 0,
  },
  'spec-index': {
    about: 'node imports dist/spec/index.js and loads the operations',
    argv: () => [
      '--input-type=module',
      '-e',
      'const spec = await import(process.argv[1]); await spec.loadOperations()',
      pathToFileURL(specIndex).href,
    ],
    stdout: '',
    requests: 0,
    available: () => existsSync(specIndex) || 'dist/spec/index.js missing: run npm run build',
  },
}

const runs = Number(values.runs ?? (values.quick ? '10' : '30'))
const warmup = Number(values.warmup)
const wanted = values.variant ?? (values.jq ? 'jq-builtin,jq-pipe' : values.quick ? 'raw,node,call,exe-call,exe-version' : ALL)
const baseline = values.jq && values.baseline === 'raw' ? 'jq-pipe' : values.baseline
values.baseline = baseline
const names = []
for (const name of new Set([values.baseline, 'node', ...wanted.split(',').map((name) => name.trim())])) {
  const variant = variants[name]
  if (!variant) fail(`unknown variant ${name}; known: ${Object.keys(variants).join(', ')}`)
  const ready = variant.available?.() ?? true
  if (ready === true) names.push(name)
  else if (name === values.baseline) fail(`baseline ${name} cannot run: ${ready}`)
  else console.error(`bench: skipping ${name}: ${ready}`)
}
const limits = values['max-ratio'].map((spec) => {
  const [name, ratio] = spec.split('=')
  if (!names.includes(name) || !(Number(ratio) > 0)) fail(`--max-ratio ${spec}: write variant=ratio for a variant that runs`)
  return {name, ratio: Number(ratio)}
})
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmup) || warmup < 0) fail('--runs must be >= 1, --warmup >= 0')
if (!Number.isInteger(count) || count < 1) fail('--requests must be >= 1')

let served = 0
const bigList = names.some((name) => name.startsWith('jq-')) ? Buffer.from(`[${Array.from({length: LIST_ITEMS}, (_, i) => listItem(i)).join(',')}]`) : undefined
const server = createServer((req, res) => {
  req.resume()
  served++
  if ((req.method === 'GET' && req.url === '/api/v1/validate') || (req.method === 'POST' && req.url === '/api/v1/dashboard')) {
    res.writeHead(200, {'content-type': 'application/json'}).end(validBody)
  } else if (req.method === 'GET' && req.url === LIST_PATH && bigList) {
    res.writeHead(200, {'content-type': 'application/json', 'content-length': bigList.length}).end(bigList)
  } else {
    res.writeHead(404, {'content-type': 'application/json'}).end('{"errors":["Not found"]}')
  }
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${server.address().port}`
const home = await mkdtemp(join(tmpdir(), 'ddcli-bench-'))
const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, DDCLI_CONFIG_DIR: join(home, 'config'), DD_API_KEY: '0123456789abcdef0123456789abcdef'}
// The key call-config-key reads (the env variants set DD_API_KEY, which wins over it).
await mkdir(env.DDCLI_CONFIG_DIR, {recursive: true, mode: 0o700})
await writeFile(join(env.DDCLI_CONFIG_DIR, 'config.json'), JSON.stringify({profiles: {default: {apiKey: env.DD_API_KEY}}}), {mode: 0o600})
const batchInput = join(home, 'requests.ndjson')
await writeFile(batchInput, Array.from({length: count}, (_, i) => `{"id":${i},"method":"GET","path":"/api/v1/validate"}\n`).join(''))

try {
  const times = Object.fromEntries(names.map((name) => [name, []]))
  const rss = Object.fromEntries(names.map((name) => [name, {}]))
  for (let round = 0; round < warmup + runs; round++) {
    // Rotating the order each round spreads any warm-cache advantage of going second over all variants.
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]
      const {ms, peaks} = await timeOne(name)
      if (round >= warmup) {
        times[name].push(ms)
        for (const [who, bytes] of Object.entries(peaks)) (rss[name][who] ??= []).push(bytes)
      }
    }
  }
  console.log(`node ${process.version}, ${availableParallelism()} CPUs, load ${loadavg().map((n) => n.toFixed(2)).join(' ')}, ${runs} alternating runs each after ${warmup} warm-up, server ${origin}`)
  console.log(render(names, times, values.baseline))
  const peaks = names.flatMap((name) => Object.entries(rss[name]).map(([who, list]) => `${name} ${who} ${(median(list) / 1024 / 1024).toFixed(0)} MB`))
  if (peaks.length > 0) console.log(`median peak RSS: ${peaks.join(', ')}`)
  for (const {name, ratio} of limits) {
    const got = median(times[name].map((ms, i) => ms / times[values.baseline][i]))
    if (got > ratio) {
      console.error(`bench: ${name} is ${got.toFixed(2)}x ${values.baseline}, over the limit of ${ratio}x`)
      process.exitCode = 1
    }
  }
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  server.close()
  await rm(home, {recursive: true, force: true})
}

/** Runs one variant once, checks it did its job, returns its wall time in ms and the peak RSS its `rss` asks for. */
async function timeOne(name) {
  const variant = variants[name]
  let ms = 0
  const files = {ddcli: join(home, `${name}.ddcli.rss`), jqKb: join(home, `${name}.jq.kb`)}
  const measured = variant.rss ? {NODE_OPTIONS: `--import ${pathToFileURL(maxRss).href}`, DDCLI_TEST_RSS_FILE: files.ddcli} : {}
  for (let i = 0; i < (variant.repeat ?? 1); i++) {
    const before = served
    const started = performance.now()
    const {code, stdout, stderr} = await spawnTimed(variant.command ?? process.execPath, variant.argv(origin, files), {...env, ...measured, ...variant.env})
    ms += performance.now() - started
    const matches = variant.stdout instanceof RegExp ? variant.stdout.test(stdout) : stdout === variant.stdout
    const wrong = variant.check ? variant.check(stdout) : matches || `stdout ${JSON.stringify(stdout.slice(0, 200))}`
    if (code !== 0 || wrong !== true || served - before !== variant.requests) {
      throw new Error(`variant ${name} misbehaved: exit ${code}, ${served - before} request(s), ${wrong === true ? 'output as expected' : wrong}\n${stderr}`)
    }
  }
  const peaks = {}
  if (variant.rss) {
    if (variant.rss.includes('ddcli')) peaks.ddcli = Number(await readFile(files.ddcli, 'utf8'))
    if (variant.rss.includes('jq')) peaks.jq = Number(await readFile(files.jqKb, 'utf8')) * 1024
  }
  return {ms, peaks}
}

function spawnTimed(command, argv, childEnv) {
  const clean = Object.fromEntries(Object.entries(childEnv).filter(([, value]) => value !== undefined))
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {env: clean, cwd: root, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}

/** The results table; each ratio (and difference) is the median of per-round ones to that round's run of the baseline (or node). */
function render(names, times, baseline) {
  const rows = [['variant', 'median ms', 'p90 ms', 'min ms', `x ${baseline}`, `ms over ${baseline}`, 'x node', 'what']]
  for (const name of names) {
    const own = times[name]
    const ratio = (base) => median(own.map((ms, i) => ms / times[base][i])).toFixed(2)
    // The median of per-round differences: what a variant costs over the baseline (the body check's 15 ms budget).
    const over = median(own.map((ms, i) => ms - times[baseline][i])).toFixed(1)
    const sorted = [...own].sort((a, b) => a - b)
    rows.push([name, median(own).toFixed(1), percentile(sorted, 0.9).toFixed(1), sorted[0].toFixed(1), ratio(baseline), over, ratio('node'), variants[name].about])
  }
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)))
  return rows.map((row) => row.map((cell, col) => (col === 0 || col === row.length - 1 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ').trimEnd()).join('\n')
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
}

function fail(message) {
  console.error(`bench: ${message}`)
  process.exit(1)
}
