import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {findingLine} from '../../src/call/validate.js'
import {cassettesRoot, haveCassettes, loadInteractions} from '../helpers/har.js'
import {refusedBy, schemaVerdict} from '../helpers/schema-verdicts.js'

// Every recorded request with a JSON body of a known operation, through the spec check (no CLI run: the replay
// suite runs a sample of them through ddcli). Datadog's answer is the judge: a request it accepted (2xx) must pass
// with no error; of those it refused (400, 422), the check catches some before sending. The README states both
// counts; this test fails when they drift.

const present = haveCassettes()
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

/** The README sentence with the counts. */
function countsSentence(accepted: number, caught: number, refused: number): string {
  return `all ${accepted.toLocaleString('en-US')} recorded requests that Datadog accepted (2xx) with a JSON body of a known operation pass it, and it catches ${caught} of the ${refused} that Datadog refused with 400 or 422`
}

describe.skipIf(!present)(`the spec check on recorded traffic from ${cassettesRoot}`, () => {
  it('passes every request Datadog accepted, catches refused ones, and the README says how many', async () => {
    const falsePositives: string[] = []
    let accepted = 0
    let refused = 0
    let caught = 0
    for (const interaction of loadInteractions()) {
      const verdict = await schemaVerdict(interaction)
      if (!verdict) continue
      if (interaction.status >= 200 && interaction.status < 300) {
        accepted++
        if (refusedBy(verdict)) falsePositives.push(`${interaction.id} ${verdict.operation}: ${verdict.notJson ? 'not JSON' : verdict.result!.errors.map(findingLine).join('; ')}`)
      } else if (interaction.status === 400 || interaction.status === 422) {
        refused++
        if (refusedBy(verdict)) caught++
      }
    }
    expect(falsePositives).toEqual([])
    expect(accepted).toBeGreaterThan(1000)
    expect(caught).toBeGreaterThan(0)
    expect(readme).toContain(countsSentence(accepted, caught, refused))
  }, 120_000)
})
