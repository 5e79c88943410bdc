import type {IO} from '../io.js'
import {SITES} from '../credentials/sites.js'
import {completeWords} from './candidates.js'
import {commandSpecs, type CachedCommand} from './commands.js'

/** What `runComplete` needs: stdout, and the commands from oclif's manifest. */
export interface CompleteDeps {
  io: IO
  commands: readonly CachedCommand[]
}

/** Runs `ddcli __complete`: candidates for the last word, one per line; nothing (and exit 0) when none. */
export async function runComplete(argv: readonly string[], deps: CompleteDeps): Promise<void> {
  const words = argv[0] === '--' ? argv.slice(1) : [...argv]
  const candidates = await completeWords(words.length === 0 ? [''] : words, {
    commands: commandSpecs(deps.commands),
    operations: async () => (await import('../spec/index.js')).loadOperations(),
    flagValues: {site: SITES},
  })
  if (candidates.length > 0) deps.io.stdout.write(`${candidates.join('\n')}\n`)
}
