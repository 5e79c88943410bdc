#!/usr/bin/env node

// Runs the compiled commands after a fresh `npm run build`; oclif's ts-node path is not used here.
import {execute} from '@oclif/core/execute'

await execute({development: true, dir: import.meta.url})
