import {writeFile} from 'node:fs/promises'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {RunOptions, RunResult} from './cli.js'
import {cassettesRoot, haveCassettes, loadInteractions, sampleInteractions, type Interaction} from './har.js'
import {loadOperations} from '../../src/spec/index.js'
import {refusedBy, schemaVerdict} from './schema-verdicts.js'
import {callByPath, checkRefused, checkReplay, operationArgv, recordedResponse, type Mismatch} from './replay.js'
import {startServer} from './server.js'

// Every recorded Datadog interaction is replayed through ddcli against a local server that answers as Datadog did:
// in process (test/replay), and a smaller sample through the built CLI (test/e2e/replay.test.ts).
// DDCLI_REPLAY_ALL=1 (npm run test:replay) runs all of them in process; otherwise a deterministic sample.
// DDCLI_REPLAY_MATCH=regex replays only the interactions whose id matches (sampling off);
// DDCLI_REPLAY_CONCURRENCY sets how many runs go at once; DDCLI_REPLAY_REPORT=file writes a JSON summary.

/** Defines the replay suite: each interaction run through `run`, `sample` of them unless all are asked for. */
export async function replaySuite(name: string, run: (argv: string[], options: RunOptions) => Promise<RunResult>, sample: number): Promise<void> {

  // Each interaction is replayed as `ddcli call METHOD PATH`, and again as `ddcli call OperationId -p ...` where the
  // spec index identifies its operation and the recorded encoding can be reproduced exactly.
  const byOperation = operationArgv(await loadOperations())
  type Build = (interaction: Interaction, apiUrl: string) => string[] | undefined
  const modes: Array<{name: string, build: Build}> = [
    {name: 'by path', build: callByPath},
    {name: 'by operationId', build: byOperation},
  ]

  const credentials = {apiKey: '0123456789abcdef0123456789abcdef', appKey: '0123456789abcdef0123456789abcdef01234567'}
  const env = {DD_API_KEY: credentials.apiKey, DD_APP_KEY: credentials.appKey}
  const replayAll = process.env.DDCLI_REPLAY_ALL === '1'
  const concurrency = Number(process.env.DDCLI_REPLAY_CONCURRENCY) || 4
  const batchSize = 50
  const present = haveCassettes()
  const selected = present ? pickInteractions(sample) : []
  const results = new Map<string, Mismatch[]>()

  const title = present
    ? `replay of recorded Datadog traffic ${name} from ${cassettesRoot}`
    : `replay of recorded Datadog traffic ${name} (skipped: no cassettes at ${cassettesRoot}, i.e. ../shared next to the repo)`

  describe.skipIf(!present)(title, () => {
    if (!present) it('needs the shared cassettes', () => {})

    beforeAll(async () => {
      const server = await startServer([{status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}])
      try {
        const first = await run(['call', 'GET', '/api/v1/validate', '--api-url', server.url, '--retries', '0'], {env})
        if (server.requests.length !== 1 || first.code !== 0) {
          throw new Error(`ddcli cannot make one call (exit ${first.code}).\n${first.stderr}`)
        }
      } finally {
        await server.close()
      }
    }, 30_000)

    afterAll(async () => {
      const summary = summarise()
      console.log(summary.text)
      if (process.env.DDCLI_REPLAY_REPORT) await writeFile(process.env.DDCLI_REPLAY_REPORT, JSON.stringify(summary.json, null, 2))
    })

    for (const mode of modes) {
      const chosen = selected.filter((interaction) => mode.build(interaction, 'http://127.0.0.1:1') !== undefined)
      describe(`${mode.name}: ${chosen.length} of ${selected.length} interactions`, () => {
        for (let start = 0; start < chosen.length; start += batchSize) {
          const batch = chosen.slice(start, start + batchSize)
          it(`replays interactions ${start + 1}-${start + batch.length} of ${chosen.length} (${batch[0]?.id} ...)`, async () => {
            await forEachBounded(batch, concurrency, async (interaction) => {
              results.set(`${mode.name} ${interaction.id}`, await replay(interaction, mode.build))
            })
            const failures = batch.flatMap((interaction) =>
              (results.get(`${mode.name} ${interaction.id}`) ?? []).map((m) => `${interaction.id} ${interaction.method} ${interaction.target}: ${m.cause}: ${m.detail}`),
            )
            expect(failures).toEqual([])
          }, Math.max(60_000, batch.length * 5_000))
        }
      })
    }
  })

  function pickInteractions(size: number): Interaction[] {
    const all = loadInteractions()
    const match = process.env.DDCLI_REPLAY_MATCH
    if (match) return all.filter((interaction) => new RegExp(match).test(interaction.id))
    return replayAll ? all : sampleInteractions(all, size)
  }

  async function replay(interaction: Interaction, build: Build): Promise<Mismatch[]> {
    const server = await startServer([recordedResponse(interaction)])
    try {
      const result = await run(build(interaction, server.url)!, {env, stdin: interaction.requestBody, timeoutMs: 30_000})
      // A body the spec check refuses (a request Datadog answered 400 or 422) is not sent: exit 2, its problems on stderr.
      if (refusedBy(await schemaVerdict(interaction))) return checkRefused(interaction, result, server.requests)
      return checkReplay(interaction, result, server.requests, credentials, server.clientErrors)
    } finally {
      await server.close()
    }
  }

  async function forEachBounded<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
    let next = 0
    const worker = async () => {
      while (next < items.length) await work(items[next++] as T)
    }
    await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker))
  }

  function summarise() {
    const byCause = new Map<string, string[]>()
    for (const [id, mismatches] of results) {
      for (const cause of new Set(mismatches.map((m) => m.cause))) byCause.set(cause, [...(byCause.get(cause) ?? []), id])
    }
    const failed = [...results.values()].filter((m) => m.length > 0).length
    const lines = [`replay: ${results.size} runs of ${selected.length} interactions (by path, and by operationId where identified), ${results.size - failed} passed, ${failed} failed`]
    for (const [cause, ids] of [...byCause].sort((a, b) => b[1].length - a[1].length)) {
      lines.push(`  ${ids.length} x ${cause}  e.g. ${ids.slice(0, 2).join(', ')}`)
    }
    const json = {
      run: results.size,
      passed: results.size - failed,
      failed,
      causes: Object.fromEntries([...byCause].map(([cause, ids]) => [cause, ids])),
      details: Object.fromEntries([...results].filter(([, m]) => m.length > 0)),
    }
    return {text: lines.join('\n'), json}
  }
}
