import {CREDENTIALS} from '../credentials/credentials.js'
import {EXIT_CODES} from '../errors.js'

/** One environment variable ddcli reads: its name, what it sets, and what wins over it. */
export interface EnvVarDoc {
  name: string
  meaning: string
}

/**
 * Every environment variable ddcli reads, in groups, with its precedence; the credentials' from their table. A test
 * scans src/ for env reads and fails when a variable read there is missing here.
 */
export function environmentVariables(): EnvVarDoc[] {
  return [
    ...CREDENTIALS.flatMap((def): EnvVarDoc[] => {
      // `Personal Access Token (PAT)`, `API key`: the title without "Datadog", with the label when it is another word.
      const title = def.title.replace(/^Datadog /, '')
      const what = title.toLowerCase() === def.label.toLowerCase() ? title : `${title} (${def.label})`
      const alias = def.aliases.length > 0 ? ` (alias ${def.aliases.join(', ')})` : ''
      return [
        {name: def.env[0]!, meaning: `${what}, sent as ${def.header}${def.prefix ? `: ${def.prefix.trim()}` : ''}. After ${def.flag}${alias}, before ${def.env.slice(1).join(', ')} and the stored profile`},
        {name: def.env[1]!, meaning: `the same, read only when ${def.env[0]} is unset or blank`},
        // pup's names, last: DD_ACCESS_TOKEN, pup's OAuth access token.
        ...def.env.slice(2).map((name) => ({name, meaning: `pup's name for it, read only when ${def.env[0]} and ${def.env[1]} are unset or blank`})),
      ]
    }),
    {name: 'DD_SITE', meaning: 'Datadog site (datadoghq.eu, us5.datadoghq.com, ...). After --site, before DATADOG_SITE, the stored site and datadoghq.com'},
    {name: 'DATADOG_SITE', meaning: 'the same, read only when DD_SITE is unset or blank'},
    {name: 'DD_API_URL', meaning: 'API base URL, replaces the site\'s hosts. After --api-url, before the stored api-url and https://api.<site>'},
    {name: 'DD_PROFILE', meaning: 'profile of the config file to read. After --profile, before "default"'},
    {name: 'DD_OUTPUT', meaning: 'output format of call at a terminal: json, yaml, table, csv or tsv (pup\'s name). After -o, before the profile\'s output; neither applies when stdout is not a terminal (piped, it is JSON unless -o says otherwise)'},
    {name: 'DDCLI_STORAGE', meaning: 'where auth set-* stores a secret: keychain (the OS keychain, or exit 3 when there is none) or file (the 0600 config file, no keychain attempt). Unset: the keychain, else the file with a note'},
    {name: 'DDCLI_READ_ONLY', meaning: '1, true, yes or on: call and batch send only reads (GET, HEAD, OPTIONS and the POST searches and queries the spec marks), as --read-only; 0, false, no or off do not lift a profile\'s read-only; any other value is exit 3'},
    {name: 'HTTPS_PROXY', meaning: 'proxy (http://[user:pass@]host:port) for https API URLs, through a CONNECT tunnel; https_proxy also, and it wins'},
    {name: 'HTTP_PROXY', meaning: 'the same for http API URLs (loopback servers); http_proxy also, and it wins'},
    {name: 'ALL_PROXY', meaning: 'proxy for either scheme when the variable of the scheme is unset; all_proxy also, and it wins'},
    {name: 'NO_PROXY', meaning: 'hosts that go direct, comma- or space-separated: host, .domain, *, host:port, IP ranges; no_proxy also, and it wins'},
    {name: 'DDCLI_CONFIG_DIR', meaning: 'folder of config.json, an absolute path (a relative one is exit 3). Before XDG_CONFIG_HOME/ddcli and ~/.config/ddcli'},
    {name: 'XDG_CONFIG_HOME', meaning: 'config folder base when DDCLI_CONFIG_DIR is unset (ddcli uses $XDG_CONFIG_HOME/ddcli); a relative one is ignored, as the XDG spec says'},
    {name: 'HOME', meaning: 'home folder, for ~/.config/ddcli when neither of the above is set, and ~/.cache/ddcli'},
    {name: 'XDG_CACHE_HOME', meaning: 'cache folder base (a relative one is ignored): call --cache keeps answers in $XDG_CACHE_HOME/ddcli/responses, and the single executable its OS keychain module in .../ddcli/native (mode 0700); else ~/.cache/ddcli'},
    {name: 'NO_COLOR', meaning: 'any non-empty value: no colour, whatever FORCE_COLOR says. --no-color also'},
    {name: 'FORCE_COLOR', meaning: 'colour even when not on a terminal (0 or false: never); --no-color and NO_COLOR win over it'},
    {name: 'COLUMNS', meaning: 'width that call -o table fits when stdout is not a terminal (on a terminal, the terminal\'s own width); unset: nothing is cut'},
    {name: 'TERM', meaning: 'dumb: no colour; *-256color: 256 colours'},
    {name: 'COLORTERM', meaning: 'truecolor or 24bit: 16 million colours'},
    {name: 'DEBUG', meaning: 'any value: stack traces and oclif\'s debug trace on stderr (secrets masked); runs every command through oclif'},
    {name: 'DDCLI_NO_FAST_PATH', meaning: 'any value: run call, --version and piped --help through oclif instead of the fast launcher (the output is the same; for comparing or debugging)'},
  ]
}

/** Splits text into lines of at most `width` characters, at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line ? `${line} ${word}` : word
    }
  }
  return [...lines, line]
}

/** `ddcli help environment` */
export function environmentText(): string {
  const vars = environmentVariables()
  const width = Math.max(...vars.map((v) => v.name.length)) + 2
  return `Environment variables ddcli reads

Each value is resolved on its own: a flag wins over the environment, the environment over the
stored profile (ddcli auth set-*, ddcli config set), and that over the default. Empty or blank
values count as unset; ddcli auth status shows each value in use and where it came from.

${vars.map((v) => wrap(v.meaning, 100 - width - 2).map((line, i) => `  ${(i === 0 ? v.name : '').padEnd(width)}${line}`).join('\n')).join('\n')}

Names ddcli does not read (DD_APPLICATION_KEY, DATADOG_APPLICATION_KEY, ...) get a one-line note
naming the one it reads.
`
}

/** `ddcli help exit-codes` */
export function exitCodesText(): string {
  return `Exit codes of ddcli

${EXIT_CODES.map(({code, meaning}) => wrap(meaning, 93).map((line, i) => `  ${(i === 0 ? String(code) : '').padEnd(5)}${line}`).join('\n')).join('\n')}

In a script, test the code right after the command: ddcli call GET /api/v1/validate; code=$?
`
}

/** Help topics that are not commands: `ddcli help NAME`. */
export const HELP_TOPICS: Readonly<Record<string, {summary: string, text: () => string}>> = {
  environment: {summary: 'Environment variables ddcli reads, and their precedence', text: environmentText},
  'exit-codes': {summary: 'What each exit code means', text: exitCodesText},
}
