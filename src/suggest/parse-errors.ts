import {stripVTControlCharacters} from 'node:util'
import {closest, cutShort, orList} from '../closest.js'
import {CREDENTIALS} from '../credentials/credentials.js'
import {looksLikeSecret, shown} from './shown.js'

// oclif's parser speaks of itself ("Missing 1 required arg: shell", "Flag --raw-field expects a value", "Expected
// powershell to be one of: bash, fish, zsh"): each of its messages gets ddcli's own line, naming the flag as typed
// and the fix with an example. test/cli/parse-errors.test.ts runs every command and flag so that new ones are covered.

/** A command's flag as oclif defines it (the fields read here). */
export interface FlagDef {
  char?: string
  aliases?: readonly string[]
  type?: 'boolean' | 'option'
  multiple?: boolean
  options?: readonly string[]
  description?: string
}

/** A command's argument as oclif defines it. */
export interface ArgDef {
  description?: string
  required?: boolean
  options?: readonly string[]
}

/** The command a parse failed for: its id with spaces, its arguments and flags. */
export interface CommandShape {
  id: string
  args: Readonly<Record<string, ArgDef>>
  flags: Readonly<Record<string, FlagDef>>
}

/** What each value-taking flag takes, and a value to show after it. */
const FLAG_VALUES: Readonly<Record<string, readonly [what: string, example: string]>> = {
  'api-url': ['an API base URL', 'https://api.datadoghq.eu'],
  arg: ['NAME VALUE (or NAME=VALUE), a string variable of the --jq filter', 'name web'],
  argjson: ['NAME JSON (or NAME=JSON), a JSON variable of the --jq filter', "limit '5'"],
  cache: ['a duration', '5m'],
  columns: ['column names, comma-separated', 'id,name,creator.handle'],
  concurrency: ['a number of requests', '8'],
  field: ['key=value (typed: numbers, true, false, null, @file)', 'priority=3'],
  header: ["'Name: value'", "'Accept: text/csv'"],
  input: ['a file, or - for stdin', 'body.json'],
  jq: ['a jq filter', "'.data[].id'"],
  'max-items': ['a number of items', '500'],
  'max-wait': ['a duration', '2m'],
  method: ['an HTTP method', 'POST'],
  output: ['a format: json, yaml, table, csv or tsv', 'table'],
  'page-size': ['a number of items', '100'],
  param: ['name=value', 'monitor_id=123'],
  profile: ['a profile name', 'staging'],
  'raw-field': ['key=value', '"filter[query]=service:web"'],
  retries: ['a number of retries', '3'],
  site: ['a site or its region name', 'datadoghq.eu'],
  timeout: ['a duration', '30s'],
}

/** What a missing required argument is, with an example (`ddcli <id> ...` follows "e.g."), by `id arg`. */
const ARG_NEEDS: Readonly<Record<string, (argv: readonly string[]) => string>> = {
  'api show operation': () => 'an OPERATION: an operationId or METHOD PATH; e.g. ddcli api show GetMonitor (ddcli api list finds operations)',
  'auth switch profile': () => 'a PROFILE to use by default; e.g. ddcli auth switch staging (ddcli auth list shows the profiles)',
  'call method': () => 'METHOD and PATH, or an operationId; e.g. ddcli call GET /api/v1/validate, or ddcli call ListMonitors (ddcli api list finds operations)',
  'completion shell': () => "the SHELL: bash, zsh or fish; e.g. echo 'source <(ddcli completion bash)' >> ~/.bashrc (ddcli completion --help shows zsh and fish)",
  'config get key': () => 'a KEY: site, api-url, validate, read-only or output; e.g. ddcli config get site',
  'config set key': () => 'a KEY (site, api-url, validate, read-only or output) and a VALUE; e.g. ddcli config set site datadoghq.eu',
  'config set value': (argv) => argv.includes('api-url')
    ? 'a VALUE: an https API base URL; e.g. ddcli config set api-url https://api.datadoghq.eu'
    : argv.includes('validate') || argv.includes('read-only')
      ? `a VALUE: true or false; e.g. ddcli config set ${argv.includes('read-only') ? 'read-only true' : 'validate false'}`
      : argv.includes('output')
        ? 'a VALUE: json, yaml, table, csv or tsv; e.g. ddcli config set output table'
      : 'a VALUE: a site such as datadoghq.eu, or its region name (EU1); e.g. ddcli config set site datadoghq.eu',
  'config unset key': () => 'a KEY: site, api-url, validate, read-only or output; e.g. ddcli config unset api-url',
}

/** The flag of a name as the user typed it: `-f`, `--raw-field`, `--pat`, the last time it appears. */
function typedFlag(name: string, def: FlagDef | undefined, argv: readonly string[]): string {
  const forms = [`--${name}`, ...(def?.aliases ?? []).map((alias) => `--${alias}`)]
  for (let i = argv.length - 1; i >= 0; i--) {
    const token = argv[i]!.split('=')[0]!
    if (forms.includes(token)) return token
    if (def?.char !== undefined && /^-[^-]/.test(token) && token.endsWith(def.char)) return `-${def.char}`
  }
  return def?.char === undefined ? `--${name}` : `-${def.char}`
}

/** The flag named in an oclif message (`--raw-field`), with its definition. */
function flagOf(name: string, shape: CommandShape): FlagDef | undefined {
  return Object.hasOwn(shape.flags, name) ? shape.flags[name] : undefined
}

/** The line for an option flag given without its value. */
function missingValue(name: string, shape: CommandShape, argv: readonly string[]): string {
  const def = flagOf(name, shape)
  const typed = typedFlag(name, def, argv)
  const next = argv[argv.lastIndexOf(typed) + 1]
  const took = next !== undefined && next.startsWith('-') && argv.includes(typed) ? ` (${shown(next)} is a flag; write ${typed.startsWith('--') ? `${typed}=VALUE` : `${typed}VALUE`} for a value that starts with -)` : ''
  const credential = CREDENTIALS.find((c) => c.flag === `--${name}`)
  // The word after a credential flag is treated as a secret (and masked), so it is not named.
  if (credential) return `${typed} expects the ${credential.label}; better, set ${credential.env[0]} (a flag shows in ps), or run ddcli auth ${credential.setCommand}`
  if (def?.options) return `${typed} expects one of ${orList(def.options)}${took}; e.g. ${typed} ${def.options[0]}`
  const value = FLAG_VALUES[name]
  if (!value) return `${typed} expects a value${def?.description ? ` (${def.description})` : ''}${took}; see ddcli ${shape.id} --help`
  return `${typed} expects ${value[0]}${took}; e.g. ${typed} ${value[1]}`
}

/** How a command's arguments are written in its usage: `METHOD [PATH]`. */
function usage(shape: CommandShape): string {
  return Object.entries(shape.args).map(([name, def]) => (def.required ? name.toUpperCase() : `[${name.toUpperCase()}]`)).join(' ')
}

/** Flags whose each use takes two words, jq's NAME VALUE (or one, NAME=VALUE): `--arg`, `--argjson`. */
const PAIR_FLAGS = new Set(['arg', 'argjson'])

/**
 * The words each use of a NAME VALUE flag took beyond its pair (`--arg x 1 GET /x`: GET and /x), from argv in order:
 * each use's words are those after it that oclif recorded as its values.
 */
function beyondPairs(typed: string, argv: readonly string[], values: readonly string[]): string[] {
  const extra: string[] = []
  let at = 0
  for (let i = 0; i < argv.length && at < values.length; i++) {
    const token = argv[i]!
    if (token !== typed && !token.startsWith(`${typed}=`)) continue
    const words: string[] = []
    if (token !== typed) words.push(values[at++]!)
    while (at < values.length && argv[i + 1] === values[at]) {
      words.push(values[at++]!)
      i++
    }
    extra.push(...words.slice(/^[A-Za-z_]\w*=/.test(words[0] ?? '') ? 1 : 2))
  }
  return extra
}

/** Words a multiple flag took after its value (`-f a=b GET /x`: GET and /x), as oclif's parse recorded them. */
function swallowed(error: ParseError, shape: CommandShape, argv: readonly string[]): {flag: string, words: string[]} | undefined {
  const raw = error.parse?.output?.raw ?? []
  for (const [name, def] of Object.entries(shape.flags)) {
    if (!def.multiple) continue
    const typed = typedFlag(name, def, argv)
    const given = argv.filter((token) => token === typed || token.split('=')[0] === typed).length
    const values = raw.filter((entry) => entry.type === 'flag' && entry.flag === name).map((entry) => entry.input ?? '')
    const extra = PAIR_FLAGS.has(name) ? beyondPairs(typed, argv, values) : values.length > given ? values.slice(given) : []
    if (extra.length > 0 && given > 0) return {flag: typed, words: extra.filter((word) => !looksLikeSecret(word)).map((word) => cutShort(word, 40))}
  }
  return undefined
}

/** The parts of oclif's parse errors read here. */
interface ParseError {
  message: string
  args?: ReadonlyArray<{name?: string} | string>
  parse?: {output?: {raw?: ReadonlyArray<{type?: string, flag?: string, input?: string}>}}
}

/** The line for required arguments not given. */
function missingArgs(error: ParseError, shape: CommandShape, argv: readonly string[]): string {
  const names = (error.args ?? []).map((arg) => (typeof arg === 'string' ? arg : arg.name ?? '')).filter(Boolean)
  const first = names[0] ?? Object.keys(shape.args).find((name) => shape.args[name]!.required) ?? ''
  const needs = ARG_NEEDS[`${shape.id} ${first}`]?.(argv) ?? `${first.toUpperCase()}${shape.args[first]?.description ? `: ${shape.args[first]!.description}` : ''}; see ddcli ${shape.id} --help`
  const taken = swallowed(error, shape, argv)
  if (taken && taken.words.length > 0) {
    return `ddcli ${shape.id} needs ${usage(shape)} before the flags: ${taken.flag} takes every word up to the next flag, so it took ${shown(taken.words.join(' '))}; write ddcli ${shape.id} ${taken.words.join(' ')} ${taken.flag} ...`
  }
  return `ddcli ${shape.id} needs ${needs}`
}

/** The line for arguments beyond those the command takes. */
function unexpectedArgs(error: ParseError, shape: CommandShape, argv: readonly string[]): string {
  const extra = (error.args ?? []).map((arg) => (typeof arg === 'string' ? arg : arg.name ?? ''))[0] ?? ''
  // `--api-key= KEY`: an empty value, then the value as a word of its own.
  const empty = argv.find((token, i) => /^--[\w-]+=$/.test(token) && argv[i + 1] === extra)
  if (empty) return `${empty} gives an empty value, and the word after it is an extra argument; write ${empty}VALUE without a space (see ddcli ${shape.id} --help)`
  const takes = Object.keys(shape.args).length === 0 ? 'no argument' : usage(shape)
  const field = shape.flags['raw-field'] && /^[\w.[\]-]+=/.test(extra) ? `; to send it as a field, write -f ${extra}` : ''
  return `ddcli ${shape.id} takes ${takes}, so ${shown(extra)} is one too many${field} (see ddcli ${shape.id} --help)`
}

/** The line for a value not among an argument's or flag's options. */
function notAnOption(given: string, options: readonly string[], what: string, example: string): string {
  const close = closest(given, options, 1)
  return `${what} must be ${orList(options)}, not ${shown(given)}${close.length > 0 ? `; did you mean ${close[0]}?` : `; e.g. ${example}`}`
}

/** The line for oclif's flag validation (exclusive, dependsOn, required flags): its first reason, reworded. */
function failedValidation(reason: string, shape: CommandShape, argv: readonly string[]): string {
  const typed = (name: string) => typedFlag(name, flagOf(name, shape), argv)
  let match = /^--([\w-]+)(?:=.*)? cannot also be provided when using --([\w-]+)$/.exec(reason)
  if (match) return `${typed(match[2]!)} and ${typed(match[1]!)} cannot be used together; drop one (see ddcli ${shape.id} --help)`
  match = /^All of the following must be provided when using --([\w-]+): (.*)$/.exec(reason)
  if (match) return `${typed(match[1]!)} also needs ${match[2]!.replace(/, (?=[^,]*$)/, ' and ')} (see ddcli ${shape.id} --help)`
  match = /^Missing required flag ([\w-]+)$/.exec(reason)
  if (match) return `ddcli ${shape.id} needs --${match[1]}${FLAG_VALUES[match[1]!] ? `; e.g. --${match[1]} ${FLAG_VALUES[match[1]!]![1]}` : ` (see ddcli ${shape.id} --help)`}`
  match = /^(Exactly one|At least one|One) of the following must be provided(?: when using (--[\w-]+))?: (.*)$/.exec(reason)
  if (match) return `${match[2] ? `${match[2]} needs ` : 'give '}${match[1] === 'Exactly one' ? 'exactly one of' : 'one of'} ${match[3]!.replace(/, (?=[^,]*$)/, ' or ')} (see ddcli ${shape.id} --help)`
  return `${reason.replace(/\.$/, '')} (see ddcli ${shape.id} --help)`
}

/**
 * ddcli's line for an oclif parse error (without `ddcli: `), or undefined when the error is not one of oclif's
 * parse messages (an unknown flag is unknownFlagLine's). `argv` is the command's argv as typed.
 */
export function parseFailureText(error: ParseError, shape: CommandShape, argv: readonly string[]): string | undefined {
  // oclif colours the reasons of a failed flag validation on a terminal.
  const message = stripVTControlCharacters(error.message)
  // A boolean flag given a value (`--verbose=yes`): oclif takes the value for an argument, which then fails.
  const boolWithValue = argv.find((token) => /^--[\w-]+=/.test(token) && flagOf(token.slice(2).split('=')[0]!, shape)?.type === 'boolean')
  if (boolWithValue && /^(Unexpected argument|Missing \d+ required arg)/.test(message)) {
    const name = boolWithValue.split('=')[0]!
    return `${name} takes no value; write ${name} alone (see ddcli ${shape.id} --help)`
  }
  let match = /^Flag --([\w-]+) expects (?:a value|one of these values)/.exec(message)
  if (match) return missingValue(match[1]!, shape, argv)
  match = /^Flag --([\w-]+) can only be specified once/.exec(message)
  if (match) {
    const typed = typedFlag(match[1]!, flagOf(match[1]!, shape), argv)
    return `${typed} was given more than once; give it once (see ddcli ${shape.id} --help)`
  }
  if (/^Missing \d+ required args?/.test(message)) return missingArgs(error, shape, argv)
  if (/^Unexpected arguments?: /.test(message)) return unexpectedArgs(error, shape, argv)
  match = /^Expected --([\w-]+)=(.*) to be one of: (.*)$/m.exec(message)
  if (match) {
    const typed = typedFlag(match[1]!, flagOf(match[1]!, shape), argv)
    return notAnOption(match[2]!, match[3]!.split(', '), typed, `${typed} ${match[3]!.split(', ')[0]}`)
  }
  match = /^Expected (.*) to be one of: (.*)$/m.exec(message)
  if (match) {
    const [name] = Object.entries(shape.args).find(([, def]) => def.options?.join(', ') === match![2]) ?? ['value']
    const options = match[2]!.split(', ')
    return notAnOption(match[1]!, options, `ddcli ${shape.id}'s ${name.toUpperCase()}`, `ddcli ${shape.id} ${options[0]}`)
  }
  match = /^The following errors? occurred:\s*\n\s*(.+)/.exec(message)
  if (match) return failedValidation(match[1]!.trim(), shape, argv)
  return undefined
}
