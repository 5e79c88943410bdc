import {describe, expect, it} from 'vitest'
import {failedSummary, heldTooLong, progressLine} from '../../src/batch/render.js'

describe('batch wording', () => {
  it.each([
    {name: 'done out of a known total', args: [3, 10, 4, undefined] as const, line: 'ddcli: 3/10 done, 4 in flight'},
    {name: 'done alone when the total is unknown (stdin)', args: [3, undefined, 0, undefined] as const, line: 'ddcli: 3 done, 0 in flight'},
    {name: 'the current rate-limit wait, rounded up to seconds', args: [7, 10, 0, {name: 'logs_query', ms: 2100}] as const, line: 'ddcli: 7/10 done, 0 in flight, waiting 3 s for logs_query'},
    {name: 'the rate limit\'s name escaped, as the server chose it', args: [7, 10, 0, {name: 'logs\u009b2J\u202e', ms: 2100}] as const, line: 'ddcli: 7/10 done, 0 in flight, waiting 3 s for logs\\u009b2J\\u202e'},
  ])('progressLine shows $name', ({args, line}) => {
    expect(progressLine(args[0], args[1], args[2], args[3])).toBe(line)
  })

  it.each([
    {failed: 1, total: 1, text: /^1 of 1 request failed/},
    {failed: 2, total: 5, text: /^2 of 5 requests failed .*see the results on stdout$/},
  ])('failedSummary says $failed of $total', ({failed, total, text}) => {
    expect(failedSummary(failed, total)).toMatch(text)
  })

  it('heldTooLong names the limit, its reset and --max-wait', () => {
    expect(heldTooLong('hourly', 3_599_001, 60_000)).toBe('rate limited (hourly); the limit resets in 3600 s, longer than --max-wait 60 s; not sent')
  })
})
