#!/usr/bin/env node

import {userInfo} from 'node:os'
import {launchFast} from './launch.js'

// A container user without a passwd entry (docker run --user 1000) and without HOME or SHELL: os.homedir() and
// os.userInfo() throw, and oclif and its dependencies call them at start-up, so even --version crashed. Such a user
// gets Debian's /nonexistent as home (no config file is found there; env credentials still work, DDCLI_CONFIG_DIR
// gives a config file) and /bin/sh as shell. Nothing imported above calls them while loading.
if (!process.env.HOME || !process.env.SHELL) {
  try {
    userInfo()
  } catch {
    process.env.HOME ||= '/nonexistent'
    process.env.SHELL ||= '/bin/sh'
  }
}

// `call`, --version and piped --help run without oclif (bin/launch.js); everything else, and DEBUG runs, with it.
if (!(await launchFast(process.argv.slice(2)))) {
  const {execute} = await import('@oclif/core/execute')
  // oclif's DEBUG trace prints argv; with DEBUG set, it goes through ddcli's masking logger instead.
  const logger = process.env.DEBUG ? (await import('../dist/debug-logger.js')).maskingLogger(process.argv.slice(2), process.env) : undefined
  await execute({dir: import.meta.url, loadOptions: logger ? {logger, root: new URL('..', import.meta.url).pathname} : undefined})
}
