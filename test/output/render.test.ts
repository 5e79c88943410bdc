import {describe, expect, it} from 'vitest'
import {errorLine, warningLine} from '../../src/output/render.js'

describe('errorLine and warningLine', () => {
  it.each([
    {name: 'an error line is plain without colour', line: errorLine('bad\nthing', 0), want: 'ddcli: bad thing\n'},
    {name: 'an error line has a red prefix with colour', line: errorLine('bad', 1), want: '\u001b[31mddcli:\u001b[39m bad\n'},
    {name: 'a warning line is plain without colour', line: warningLine('careful', 0), want: 'ddcli: careful\n'},
    {name: 'a warning line has a yellow prefix at any colour level', line: warningLine('careful', 3), want: '\u001b[33mddcli:\u001b[39m careful\n'},
  ])('$name', ({line, want}) => {
    expect(line).toBe(want)
  })
})
