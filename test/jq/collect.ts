import type {JqEnd, JqFilter, JqInput} from '../../src/jq/index.js'

/** A whole run of a filter gathered: its outputs (compact JSON texts), what jq wrote on stderr, and how it ended. */
export interface Collected extends JqEnd {
  outputs: string[]
  stderr: string
}

/** Runs `filter` on `input` and gathers everything it printed. */
export async function collect(filter: JqFilter, input: JqInput): Promise<Collected> {
  const outputs: string[] = []
  let stderr = ''
  const end = await filter.run(input, {outputs: (texts) => { outputs.push(...texts) }, stderr: (text) => { stderr += text }})
  return {outputs, stderr, ...end}
}
