// Preloaded with `node -r` by test/e2e/startup.test.ts: writes the Node built-ins the process compiled (its
// process.moduleLoadList, `NativeModule name` lines) to the file named by DDCLI_BUILTINS_TRACE when it exits.
// A CommonJS preload, unlike `--import`, leaves a CommonJS entry to the CommonJS loader, as a plain run does.
'use strict'
const {writeFileSync} = require('node:fs')

process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((line) => line.startsWith('NativeModule ')).map((line) => line.slice('NativeModule '.length))
  writeFileSync(process.env.DDCLI_BUILTINS_TRACE, `${builtins.join('\n')}\n`)
})
