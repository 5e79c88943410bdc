#!/usr/bin/env node
'use strict'

// Runs the compiled commands through oclif alone, in its development mode, after a fresh `npm run build`; oclif's
// ts-node path is not used here. CommonJS, like bin/run.js (bin/package.json); the package root is named because
// oclif would otherwise take bin/ (it has a package.json) for it.
const {join} = require('node:path')

import('@oclif/core/execute').then(({execute}) => execute({development: true, dir: __filename, loadOptions: {root: join(__dirname, '..')}}))
