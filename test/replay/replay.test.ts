import {runInProcess} from '../helpers/in-process.js'
import {replaySuite} from '../helpers/replay-suite.js'

// The replay of recorded Datadog traffic, in process: a sample of 200 interactions (all 4,042 with npm run
// test:replay). test/e2e/replay.test.ts replays a smaller sample through the built CLI.
await replaySuite('in process', runInProcess, 200)
