#!/usr/bin/env node
'use strict'

// CommonJS (bin/package.json): an ES module entry costs Node 20 its ESM loader at start-up (about 5 ms of a 30 ms
// `node -e 0`), and importing node:fs as an ES module loads fs/promises and readline with it.
const {join} = require('node:path')
const {launchFast, start} = require('./launch.js')

// `call`, --version and piped --help run without oclif (bin/launch.js); everything else, and DEBUG runs, with it.
start(process.argv.slice(2), {fast: launchFast, oclif: async (argv) => {
  const {execute} = await import('@oclif/core/execute')
  // The package root, named because oclif would otherwise take bin/ (it has a package.json) for it.
  const root = join(__dirname, '..')
  // oclif's DEBUG trace prints argv; with DEBUG set, it goes through ddcli's masking logger instead.
  const logger = process.env.DEBUG ? (await import('../dist/debug-logger.js')).maskingLogger(argv, process.env) : undefined
  // ddcli has no plugins: oclif's user and dev plugins (a package.json in <data dir>, DDCLI_DATA_DIR or
  // $XDG_DATA_HOME/ddcli, naming plugins whose hooks run before any command) would run code from there with the
  // credentials of the environment, from the current folder when XDG_DATA_HOME is relative.
  await execute({dir: __filename, loadOptions: {root, userPlugins: false, devPlugins: false, ...(logger && {logger})}})
}})
