#!/usr/bin/env node

import {launchFast} from './launch.js'

// `call`, --version and piped --help run without oclif (bin/launch.js); everything else, and DEBUG runs, with it.
if (!(await launchFast(process.argv.slice(2)))) {
  const {execute} = await import('@oclif/core/execute')
  // oclif's DEBUG trace prints argv; with DEBUG set, it goes through ddcli's masking logger instead.
  const logger = process.env.DEBUG ? (await import('../dist/debug-logger.js')).maskingLogger(process.argv.slice(2), process.env) : undefined
  await execute({dir: import.meta.url, loadOptions: logger ? {logger, root: new URL('..', import.meta.url).pathname} : undefined})
}
