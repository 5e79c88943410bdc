import type {Clock} from '../../src/context.js'

/**
 * A clock whose waits take almost no time: a timer fires after `settleMs` of real time (long enough for what is
 * already under way on this machine, a local request or a read of stdin, to come first), and the clock's time then
 * jumps to its deadline. The scheduler still sees every wait it asked for, in order, so an hour of pacing is tested
 * in milliseconds. A test's server that reads the same clock sees the same time.
 */
export function jumpingClock(settleMs = 20, start = 1_700_000_000_000): Clock & {waits: number[]} {
  let now = start
  const waits: number[] = []
  return {
    waits,
    now: () => now,
    setTimer(fn, ms) {
      waits.push(ms)
      const timer = setTimeout(() => {
        now += ms
        fn()
      }, settleMs)
      return () => clearTimeout(timer)
    },
  }
}
