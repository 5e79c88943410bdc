import {closest, orList} from '../closest.js'
import {CREDENTIALS} from '../credentials/credentials.js'
import {shown} from './shown.js'

/** A flag a command has: long name, one-letter char, aliases (all without dashes). */
export interface FlagInfo {
  name: string
  char?: string
  aliases?: readonly string[]
}

const has = (flags: readonly FlagInfo[], name: string) => flags.some((f) => f.name === name || f.aliases?.includes(name))

/** How ddcli takes credentials: every credential flag (with its aliases), then their env vars. */
function credentialFlagsHint(): string {
  const defs = [...CREDENTIALS].sort((a, b) => (a.flag < b.flag ? -1 : 1))
  const flags = defs.map((def) => `${def.flag}${def.aliases.length > 0 ? ` (alias ${def.aliases.join(', ')})` : ''}`)
  return `ddcli sends ${orList(flags)}, or better ${orList(defs.map((def) => def.env[0]!))} from the environment`
}

/**
 * curl and gh flags that ddcli spells differently, with the ddcli way for a command that has the flags named in
 * `needs` (all of them); a flag ddcli also has under that spelling never reaches this table.
 */
const FOREIGN: ReadonlyArray<{flags: readonly string[], needs: readonly string[], fix: (flags: readonly FlagInfo[]) => string}> = [
  {flags: ['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json', '--body'], needs: ['input'],
    fix: () => 'ddcli sends a body with --input FILE (--input - reads stdin), or builds one from -f key=value / -F key=value'},
  {flags: ['--data-urlencode', '-G', '--get'], needs: ['raw-field'],
    fix: () => 'ddcli sends query parameters with -f key=value on a GET (ddcli call GET PATH -f key=value)'},
  {flags: ['-X', '--request', '--method'], needs: ['input'],
    fix: (flags) => has(flags, 'method') ? 'use -X/--method METHOD' : 'ddcli takes the method as the first argument: ddcli call POST /api/v1/...'},
  {flags: ['-u', '--user', '--token', '--key', '--dd-api-key'], needs: ['api-key'],
    fix: credentialFlagsHint},
  {flags: ['-o', '--output'], needs: ['silent'], fix: () => 'ddcli writes the body to stdout: redirect it with > FILE'},
  // batch writes one JSON result per line, of mixed shapes (results and errors, any operation): jq shapes them best.
  {flags: ['-o', '--output', '--columns'], needs: ['concurrency'], fix: () => "ddcli batch writes one JSON result per line; shape them with --jq or jq (ddcli batch | jq -r '[.id, .status] | @csv'), and -o yaml, table, csv or tsv is for ddcli call"},
  {flags: ['-I', '--head'], needs: ['include'], fix: () => 'use ddcli call HEAD PATH, or -i to print the response headers before the body'},
  {flags: ['-L', '--location'], needs: ['include'], fix: () => 'ddcli already follows redirects on the same origin (and never to another one)'},
  {flags: ['-v', '--trace', '--debug'], needs: ['verbose'], fix: () => 'use --verbose'},
  {flags: ['-s', '-S', '--show-error', '--fail', '-f'], needs: ['silent'], fix: () => 'use --silent to print no body; ddcli already exits 1 on HTTP errors'},
  {flags: ['--retry'], needs: ['retries'], fix: () => 'use --retries N'},
  {flags: ['-m', '--max-time', '--connect-timeout'], needs: ['timeout'], fix: () => 'use --timeout DURATION (seconds, or 500ms, 30s, 2m)'},
  {flags: ['-k', '--insecure'], needs: ['api-url'], fix: () => 'ddcli always verifies TLS; http is allowed on loopback hosts with --api-url http://127.0.0.1:PORT'},
  {flags: ['--org', '--org-name', '--organization'], needs: ['profile'],
    fix: () => 'ddcli keeps each org\'s credentials in a profile: use --profile NAME (or DD_PROFILE); ddcli auth list shows them'},
  {flags: ['--hostname', '--host', '--url', '--endpoint', '--base-url', '--api-host'], needs: ['api-url'], fix: () => 'use --site (e.g. datadoghq.eu) or --api-url'},
  {flags: ['--jq'], needs: ['silent'], fix: (flags) => has(flags, 'jq') ? 'use --jq EXPR' : 'pipe the body to jq: ddcli call ... | jq EXPR'},
  {flags: ['--paginate'], needs: ['silent'], fix: (flags) => has(flags, 'paginate') ? 'use --paginate' : 'ddcli sends one request; add the page parameters with -f (see ddcli api show OPERATION)'},
]

/**
 * The one line for a flag a command does not have: the ddcli spelling of a curl or gh flag, or the closest flags.
 * `token` is the word as typed (`--verbse`, `--apikey=VALUE`, `-d`); what follows `=` is never printed.
 */
export function unknownFlagLine(token: string, flags: readonly FlagInfo[], commandId: string, elsewhere: readonly string[] = []): string {
  const name = token.startsWith('--') ? token.split('=')[0]! : token.slice(0, 2)
  const seeHelp = `see ddcli ${commandId} --help`
  const typed = shown(name)
  const foreign = FOREIGN.find((entry) => entry.flags.includes(name) && entry.needs.every((need) => has(flags, need)))
  const longNames = flags.flatMap((f) => [f.name, ...(f.aliases ?? [])])
  const close = foreign ? [] : closest(name, longNames).map((n) => `--${n}`)
  if (foreign) return `unknown flag ${typed} for ddcli ${commandId}; ${foreign.fix(flags)} (${seeHelp})`
  if (close.length > 0) return `unknown flag ${typed} for ddcli ${commandId}; did you mean ${orList(close)}? (${seeHelp})`
  if (name.startsWith('--') && elsewhere.includes(name.slice(2))) {
    // Every command takes --no-color: naming it would only hide the flags that tell the command apart.
    const own = flags.filter((f) => f.name !== 'no-color').map((f) => `--${f.name}`)
    return `ddcli ${commandId} does not take ${name}${own.length > 0 ? `; it takes ${orList(own)}` : ''} (${seeHelp})`
  }
  return `unknown flag ${typed} for ddcli ${commandId}; ${seeHelp}`
}
