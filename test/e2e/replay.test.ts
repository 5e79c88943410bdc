import {runCli} from '../helpers/cli.js'
import {replaySuite} from '../helpers/replay-suite.js'

// A sample of the replay through the built CLI, as a user runs it (the fast path): what the in-process replay
// (test/replay) cannot show, the launcher and the process's own streams, on real traffic.
await replaySuite('through the built CLI', runCli, 8)
