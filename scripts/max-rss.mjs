// Preloaded with NODE_OPTIONS=--import (by the paginate memory test): writes the process's peak RSS (bytes) to $DDCLI_TEST_RSS_FILE at exit.
import {writeFileSync} from 'node:fs'

process.on('exit', () => {
  if (process.env.DDCLI_TEST_RSS_FILE) writeFileSync(process.env.DDCLI_TEST_RSS_FILE, String(process.resourceUsage().maxRSS * 1024))
})
