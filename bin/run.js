#!/usr/bin/env node
'use strict'

// CommonJS (bin/package.json): an ES module entry costs Node 20 its ESM loader at start-up (about 5 ms of a 30 ms
// `node -e 0`), and importing node:fs as an ES module loads fs/promises and readline with it.
const {closeSync, fstatSync} = require('node:fs')
const {userInfo} = require('node:os')
const {isAbsolute, join} = require('node:path')
const {launchFast, openRegular} = require('./launch.js')

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
 * oclif reads a colour theme from <its config dir>/theme.json (ddcli's config folder) before any command runs, with a
 * plain read: a fifo there hung every run, a link to a device never ended, and a file another user could replace
 * was used. Such a theme is left out (DDCLI_DISABLE_THEME, oclif's own switch): it is used only when it is a regular
 * file of this user (or root) that no one else can write, at an absolute path. The file is opened without blocking
 * and checked on its descriptor by bin/launch.js's openRegular, which never opens a device.
 */
function guardTheme(env) {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || '', '.config')
  const dir = env.DDCLI_CONFIG_DIR || join(base, 'ddcli')
  let usable = false
  if (isAbsolute(dir)) {
    let fd
    try {
      fd = openRegular(join(dir, 'theme.json'))
    } catch (error) {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return
    }
    if (fd !== undefined) {
      try {
        const stat = fstatSync(fd)
        const owner = process.getuid === undefined || stat.uid === process.getuid() || stat.uid === 0
        usable = owner && (process.getuid === undefined || (stat.mode & 0o022) === 0)
      } finally {
        closeSync(fd)
      }
    }
  }
  if (!usable) env.DDCLI_DISABLE_THEME = 'true'
}

async function main(argv) {
  ensureUser(['HOME'])
  // `call`, --version and piped --help run without oclif (bin/launch.js); everything else, and DEBUG runs, with it.
  if (await launchFast(argv)) return
  ensureUser(['HOME', 'SHELL'])
  guardTheme(process.env)
  const {execute} = await import('@oclif/core/execute')
  // The package root, named because oclif would otherwise take bin/ (it has a package.json) for it.
  const root = join(__dirname, '..')
  // oclif's DEBUG trace prints argv; with DEBUG set, it goes through ddcli's masking logger instead.
  const logger = process.env.DEBUG ? (await import('../dist/debug-logger.js')).maskingLogger(argv, process.env) : undefined
  // ddcli has no plugins: oclif's user and dev plugins (a package.json in <data dir>, DDCLI_DATA_DIR or
  // $XDG_DATA_HOME/ddcli, naming plugins whose hooks run before any command) would run code from there with the
  // credentials of the environment, from the current folder when XDG_DATA_HOME is relative.
  await execute({dir: __filename, loadOptions: {root, userPlugins: false, devPlugins: false, ...(logger && {logger})}})
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
