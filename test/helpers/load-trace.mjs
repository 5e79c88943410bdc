// Preloaded with `node --import` by test/e2e/startup.test.ts: appends every module the process loads (CommonJS
// requests and ES module URLs) to the file named by DDCLI_LOAD_TRACE, one a line.
import fs from 'node:fs'
import Module from 'node:module'

const file = process.env.DDCLI_LOAD_TRACE
const load = Module._load
Module._load = function (request, parent, ...rest) {
  fs.appendFileSync(file, `require ${request} from ${parent?.filename ?? '-'}\n`)
  return load.call(this, request, parent, ...rest)
}
Module.register('./load-trace-hooks.mjs', import.meta.url, {data: {file}})
