import {UsageError} from '../errors.js'
import {unknownKeyMessage} from '../output/config-render.js'
import {parseApiUrl, parseSite} from '../credentials/sites.js'
import {parseSwitch} from '../call/read-only.js'
import {parseFormat} from '../output/format.js'

/** A setting `ddcli config` manages: its name on the command line, its field in a profile, the env vars that win. */
export interface ConfigKey {
  key: 'site' | 'api-url' | 'validate' | 'read-only' | 'output'
  field: 'site' | 'apiUrl' | 'validate' | 'readOnly' | 'output'
  env: readonly string[]
  /** Validates and normalises a value typed by the user (a bad one is a usage error); never echoes it. */
  parse(value: string): string
}

/** The keys of `ddcli config`, in the order `config list` shows them. */
export const CONFIG_KEYS: readonly ConfigKey[] = [
  {key: 'site', field: 'site', env: ['DD_SITE', 'DATADOG_SITE'], parse: (value) => parseSite(value, 'flag', 'the site value')},
  {key: 'api-url', field: 'apiUrl', env: ['DD_API_URL'], parse: (value) => parseApiUrl(value.trim(), 'flag', 'the api-url value')},
  {key: 'validate', field: 'validate', env: [], parse: parseValidate},
  // No env var overrides it: DDCLI_READ_ONLY can only turn read-only on (src/call/read-only.ts).
  {key: 'read-only', field: 'readOnly', env: [], parse: (value) => {
    const on = parseSwitch(value, 'flag', 'the read-only value')
    if (on === undefined) throw new UsageError('the read-only value is empty; give true or false')
    return String(on)
  }},
  {key: 'output', field: 'output', env: ['DD_OUTPUT'], parse: (value) => parseFormat(value, 'flag', 'the output value')},
]

/** `true` or `false` (any case, spaces trimmed), stored as typed words so the file stays all strings. */
function parseValidate(value: string): string {
  const word = value.trim().toLowerCase()
  if (word === 'true' || word === 'false') return word
  throw new UsageError('the validate value must be true or false (false sends requests without checking them against the OpenAPI spec, as --no-validate does)')
}

/** The config key of a name, or the usage error that lists the valid ones. */
export function configKey(name: string): ConfigKey {
  const found = CONFIG_KEYS.find((def) => def.key === name)
  if (!found) throw new UsageError(unknownKeyMessage(name, CONFIG_KEYS.map((def) => def.key)))
  return found
}
