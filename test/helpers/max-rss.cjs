// Preloaded with NODE_OPTIONS=--require: writes the process's peak RSS (bytes) to $DDCLI_TEST_RSS_FILE at exit.
const fs = require('node:fs')
process.on('exit', () => {
  if (process.env.DDCLI_TEST_RSS_FILE) fs.writeFileSync(process.env.DDCLI_TEST_RSS_FILE, String(process.resourceUsage().maxRSS * 1024))
})
