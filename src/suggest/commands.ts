import {closest, orList} from '../closest.js'
import {CREDENTIALS} from '../credentials/credentials.js'
import {looksLikeSecret, shown} from './shown.js'

/** What ddcli has: command ids and topics with spaces (`auth status`, `auth`), hidden ones left out. */
export interface CommandSet {
  commands: readonly string[]
  topics: readonly string[]
}

/** The one line that tells how to store credentials, for words such as `login` or `configure`. */
export const STORE_CREDENTIALS = 'store credentials with ddcli auth set-pat (or set-api-key and set-app-key), or set DD_BEARER_TOKEN (or DD_API_KEY and DD_APP_KEY); ddcli auth status shows what is in use'

/** Words users bring from gh, aws, pup and other CLIs, for what ddcli does with a differently named command. */
const LOGIN_WORDS = new Set(['login', 'log-in', 'signin', 'sign-in', 'configure', 'config-init', 'setup', 'set-up', 'init', 'auth-login', 'add', 'set-key', 'setkey', 'set-token', 'credentials', 'creds', 'key', 'keys'])
const SYNONYMS: Record<string, string> = {
  logout: 'auth clear',
  'log-out': 'auth clear',
  signout: 'auth clear',
  whoami: 'auth status',
  status: 'auth status',
  token: 'auth token',
  validate: 'auth status --check',
  verify: 'auth status --check',
  request: 'call',
  curl: 'call',
  get: 'call GET',
  post: 'call POST',
  search: 'api list',
  describe: 'api show',
  operations: 'api list',
  ops: 'api list',
  profiles: 'config list',
  settings: 'config list',
  help: 'help',
  version: 'version',
  // Other CLIs' version flags; ddcli has --version and the version command (oclif reads -v as a command id).
  '-v': 'version',
}
/** The `auth set-*` commands read a secret from stdin, never from an argument. */
const SECRET_ENV: Record<string, string> = Object.fromEntries(CREDENTIALS.map((def) => [`auth ${def.setCommand}`, def.env[0]!]))
const METHOD = /^(get|post|put|patch|delete|head|options)$/i

/** Whether a word looks like a login, the way other CLIs store credentials. */
export function isLoginWord(word: string): boolean {
  return LOGIN_WORDS.has(word.toLowerCase().replace(/_/g, '-'))
}

/** The longest prefix of the words that is one of the given ids, and its length. */
function longest(words: readonly string[], ids: readonly string[]): [string, number] | undefined {
  for (let n = Math.min(words.length, 3); n > 0; n--) {
    const id = words.slice(0, n).join(' ')
    if (ids.includes(id)) return [id, n]
  }
  return undefined
}

function didYouMean(typed: string, ids: readonly string[]): string {
  return `unknown command ${typed}; did you mean ${orList(ids.map((id) => `ddcli ${id}`))}?`
}

/**
 * The one line ddcli prints for a command it does not have, given the words typed before the first flag. It names
 * the closest commands, the way to store credentials for login-like words, or what an extra word was taken for.
 */
export function commandNotFoundLine(words: readonly string[], known: CommandSet): string {
  const command = longest(words, known.commands)
  if (command) {
    const [id, n] = command
    const env = SECRET_ENV[id]
    if (env) {
      return `ddcli ${id} takes no argument (the value given is not shown); pipe the secret in: echo "$${env}" | ddcli ${id}, or run it at a terminal for a hidden prompt`
    }
    return `ddcli ${id} takes no argument ${shown(words[n]!)}; see ddcli ${id} --help`
  }
  const topic = longest(words, known.topics)
  if (topic) {
    const [id, n] = topic
    const word = words[n]!
    const typed = looksLikeSecret(word) ? shown(word) : shown(`${id} ${word}`)
    if (id === 'auth' && isLoginWord(word)) return `ddcli has no ${typed} command; ${STORE_CREDENTIALS}`
    const children = known.commands.filter((c) => c.startsWith(`${id} `) && !c.slice(id.length + 1).includes(' '))
    const close = closest(word, children.map((c) => c.slice(id.length + 1))).map((c) => `${id} ${c}`)
    if (close.length > 0) return didYouMean(typed, close)
    return `unknown command ${typed}; ddcli ${id} has ${orList(children.map((c) => c.slice(id.length + 1)))} (see ddcli help ${id})`
  }
  const word = words[0] ?? ''
  const typed = shown(word)
  if (isLoginWord(word)) return `ddcli has no ${typed} command; ${STORE_CREDENTIALS}`
  if (METHOD.test(word) || word.startsWith('/')) {
    return `unknown command ${typed}; requests are sent with ddcli call METHOD PATH, e.g. ddcli call GET /api/v1/validate`
  }
  const synonym = SYNONYMS[word.toLowerCase()]
  if (synonym) return didYouMean(typed, [synonym])
  const leaves = known.commands.map((id) => id.split(' ').at(-1)!)
  const close = closest(word, [...known.commands.filter((id) => !id.includes(' ')), ...known.topics])
  const byLeaf = close.length > 0 ? [] : closest(word, leaves).flatMap((leaf) => known.commands.filter((id) => id.endsWith(` ${leaf}`)))
  const ids = [...close, ...byLeaf].slice(0, 3)
  if (ids.length > 0) return didYouMean(typed, ids)
  if (/^(v[12]:)?[A-Z][a-z]+[A-Z]\w*$/.test(word) && !looksLikeSecret(word)) {
    return `unknown command ${typed}; to call an operation, write ddcli call ${word} (ddcli api list finds its name)`
  }
  return `unknown command ${typed}; ddcli help lists the commands`
}

/**
 * The line for a flag typed before the command (`ddcli --profile staging call ...`), which oclif takes for a command
 * named `--profile`: where the flag goes, with the command found later in argv. Undefined when argv does not start
 * with a flag, or starts with one the other lines answer (`-v`). Flag values are never shown: one may be a key.
 */
export function flagBeforeCommandLine(argv: readonly string[], known: CommandSet): string | undefined {
  const first = argv[0]
  if (first === undefined || !first.startsWith('-') || first === '-' || first === '--' || SYNONYMS[first.toLowerCase()]) return undefined
  const name = first.split('=')[0]!
  const flag = /^--?[A-Za-z][\w-]*$/.test(name) && !looksLikeSecret(name) ? name : shown(name)
  for (let i = 1; i < argv.length; i++) {
    const command = longest(argv.slice(i), known.commands)
    if (command) return `${flag} goes after the command: ddcli ${command[0]} ... ${flag} (ddcli ${command[0]} --help lists its flags)`
    const topic = longest(argv.slice(i), known.topics)
    if (topic) return `${flag} goes after the command: ddcli ${topic[0]} COMMAND ... ${flag} (ddcli help ${topic[0]} lists its commands)`
  }
  return `${flag} comes before any command; flags go after one, e.g. ddcli call GET /api/v1/validate --verbose (ddcli help lists the commands)`
}
