import type {Env, IO} from '../io.js'
import {SITES, isProfileName} from '../credentials/sites.js'
import {hasSecretShape} from '../credentials/mask.js'
import {configPath, readConfig} from '../credentials/store.js'
import {completeWords} from './candidates.js'
import type {CachedCommand} from '../context.js'
import {commandSpecs} from './commands.js'

/** What `runComplete` needs: stdout, the env (to find the config file), and the commands from oclif's manifest. */
export interface CompleteDeps {
  io: IO
  env: Env
  commands: readonly CachedCommand[]
}

/**
 * The profile names in the config file that `--profile` accepts; none when it is missing or unreadable (completion
 * never fails). A hand-edited name such as `$(cmd)`, `a;b` or one with a newline or terminal escape is left out: the
 * shells insert candidates unquoted into the line the user runs, and --profile would reject it anyway. So is a name
 * with a secret's shape (a key pasted where a name goes): completion would print the key.
 */
export function profileNames(env: Env): string[] {
  try {
    return Object.keys(readConfig(configPath(env)).profiles ?? {}).filter((name) => isProfileName(name) && !hasSecretShape(name))
  } catch {
    return []
  }
}

/** Runs `ddcli __complete`: candidates for the last word, one per line; nothing (and exit 0) when none. */
export async function runComplete(argv: readonly string[], deps: CompleteDeps): Promise<void> {
  const words = argv[0] === '--' ? argv.slice(1) : [...argv]
  const candidates = await completeWords(words.length === 0 ? [''] : words, {
    commands: commandSpecs(deps.commands),
    operations: async () => (await import('../spec/index.js')).loadOperations(),
    // The config file is read only when --profile is completed: not on every TAB (it may be huge, or a FIFO).
    flagValues: (name) => (name === 'site' ? SITES : name === 'profile' ? profileNames(deps.env) : []),
  })
  if (candidates.length > 0) deps.io.stdout.write(`${candidates.join('\n')}\n`)
}
