#!/usr/bin/env node

import {execute} from '@oclif/core/execute'

// oclif's DEBUG trace prints argv; with DEBUG set, it goes through ddcli's masking logger instead.
const logger = process.env.DEBUG ? (await import('../dist/debug-logger.js')).maskingLogger(process.argv.slice(2), process.env) : undefined
await execute({dir: import.meta.url, loadOptions: logger ? {logger, root: new URL('..', import.meta.url).pathname} : undefined})
