// Preloaded with `node --import` by test/e2e/startup.test.ts: appends every module the process loads (CommonJS
// requests, ES module URLs and vm.Script file names) to the file named by DDCLI_LOAD_TRACE, one a line.
import fs from 'node:fs'
import Module from 'node:module'
import vm from 'node:vm'

const file = process.env.DDCLI_LOAD_TRACE
const load = Module._load
Module._load = function (request, parent, ...rest) {
  fs.appendFileSync(file, `require ${request} from ${parent?.filename ?? '-'}\n`)
  return load.call(this, request, parent, ...rest)
}
// vm.Script: the code the launcher and the body check compile themselves (bundles, verdict functions), by file name.
const Script = vm.Script
vm.Script = class extends Script {
  constructor(source, options) {
    fs.appendFileSync(file, `script ${options?.filename ?? '-'}\n`)
    super(source, options)
  }
}
// ES modules' `import {Script} from 'node:vm'` too.
Module.syncBuiltinESMExports()
Module.register('./load-trace-hooks.mjs', import.meta.url, {data: {file}})
