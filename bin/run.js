#!/usr/bin/env node
'use strict'

// CommonJS (bin/package.json): an ES module entry costs Node 20 its ESM loader at start-up (about 5 ms of a 30 ms
// `node -e 0`), and importing node:fs as an ES module loads fs/promises and readline with it.
const {statSync} = require('node:fs')
const {userInfo} = require('node:os')
const {join} = require('node:path')
const {launchFast} = require('./launch.js')

/**
 * A container user without a passwd entry (docker run --user 1000) and without HOME or SHELL: os.homedir() and
 * os.userInfo() throw, and oclif and its dependencies call them at start-up, so even --version crashed. Such a user
 * gets Debian's /nonexistent as home (no config file is found there; env credentials still work, DDCLI_CONFIG_DIR
 * gives a config file) and /bin/sh as shell. Nothing required above calls them while loading. `names` says which
 * variables to check: the fast path needs only HOME, and a call should not read /etc/passwd for oclif's SHELL.
 */
function ensureUser(names) {
  if (names.every((name) => process.env[name])) return
  try {
    userInfo()
  } catch {
    process.env.HOME ||= '/nonexistent'
    process.env.SHELL ||= '/bin/sh'
  }
}

/**
 * oclif reads <config dir>/theme.json at start-up with a plain readFile: a fifo there hung every command it runs, a
 * link to /dev/zero was read for seconds. A theme that is not a regular file is ignored, with a line that says so.
 * The path is oclif's own (DDCLI_CONFIG_DIR, else XDG_CONFIG_HOME or ~/.config, then ddcli); no fifos on Windows.
 */
function ignoreOddTheme() {
  const env = process.env
  if (process.platform === 'win32' || env.DDCLI_DISABLE_THEME) return
  const file = join(env.DDCLI_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(env.HOME || '', '.config'), 'ddcli'), 'theme.json')
  const stat = statSync(file, {throwIfNoEntry: false})
  if (stat === undefined || stat.isFile()) return
  const kind = stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a fifo' : stat.isSocket() ? 'a socket' : 'a device'
  process.stderr.write(`ddcli: theme file ${file} is ${kind}, not a regular file; ignored it, move it away\n`)
  env.DDCLI_DISABLE_THEME = '1'
}

async function main(argv) {
  ensureUser(['HOME'])
  // `call`, --version and piped --help run without oclif (bin/launch.js); everything else, and DEBUG runs, with it.
  if (await launchFast(argv)) return
  ensureUser(['HOME', 'SHELL'])
  ignoreOddTheme()
  const {execute} = await import('@oclif/core/execute')
  // The package root, named because oclif would otherwise take bin/ (it has a package.json) for it.
  const root = join(__dirname, '..')
  // oclif's DEBUG trace prints argv; with DEBUG set, it goes through ddcli's masking logger instead.
  const logger = process.env.DEBUG ? (await import('../dist/debug-logger.js')).maskingLogger(argv, process.env) : undefined
  // userPlugins: false: ddcli has no plugins, and oclif would read <data dir>/package.json on every run (a fifo there
  // hung it) and load the code of the plugins it lists.
  await execute({dir: __filename, loadOptions: {root, userPlugins: false, ...(logger && {logger})}})
}

// A run whose work ended without main() settling (a promise nothing resolves) would exit 0 with nothing said; an ES
// module entry exited 13 there. Either way it is a bug: one line, exit 1.
let settled = false
process.on('beforeExit', () => {
  if (settled) return
  settled = true
  process.stderr.write('ddcli: the run stopped before it finished, which is a bug in ddcli; run it again with DEBUG=1 and report what it prints\n')
  process.exitCode = 1
})

main(process.argv.slice(2)).then(() => {
  settled = true
}, (error) => {
  // A failure that escaped oclif's and ddcli's own handling (a bug): one line, exit 1; the error itself, which may
  // hold a request's details, only with DEBUG.
  settled = true
  if (process.env.DEBUG) console.error(error)
  else process.stderr.write('ddcli: unexpected internal error, which is a bug in ddcli; run it again with DEBUG=1 and report what it prints\n')
  process.exitCode = 1
})
