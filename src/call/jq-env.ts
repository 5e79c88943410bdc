import {CREDENTIALS} from '../credentials/credentials.js'
import {PROXY_VAR_NAMES} from '../http/proxy.js'
import type {Env} from '../io.js'

const CREDENTIAL_VARS = new Set(CREDENTIALS.flatMap((def) => def.env))

/** Words that make a DD_* or DATADOG_* name one of a secret: DD_APPLICATION_KEY, DD_ACCESS_TOKEN, DATADOG_CLIENT_SECRET. */
const SECRET_WORDS = new Set(['KEY', 'APIKEY', 'APPKEY', 'TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'PASS', 'PAT', 'AUTH', 'AUTHORIZATION', 'BEARER', 'CREDENTIAL', 'CREDENTIALS'])

function datadogSecretName(name: string): boolean {
  const words = name.toUpperCase().split('_')
  return (words[0] === 'DD' || words[0] === 'DATADOG') && words.slice(1).some((word) => SECRET_WORDS.has(word))
}

/** A proxy variable whose URL carries a user name or password (`http://user:pass@proxy:3128`). */
function proxyWithCredentials(name: string, value: string): boolean {
  return PROXY_VAR_NAMES.includes(name) && /^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i.test(value.trim())
}

/**
 * The environment a --jq filter sees as `$ENV` and `env`: the process's own, as gh and jq show it, less every
 * variable that could hand the filter one of ddcli's credentials, since its outputs go to stdout unmasked:
 * the credential variables (DD_API_KEY, DATADOG_APP_KEY, ...) and any DD_* or DATADOG_* variable named like a secret,
 * set or not; proxy URLs with a user or password; and any variable whose value holds one of `secrets` (the
 * credentials resolved from flags, environment, config file or keychain, and proxy passwords). Left-out variables
 * are absent (`$ENV.DD_API_KEY` is null), never replaced by a made-up value.
 */
export function jqEnvironment(env: Env, secrets: readonly string[]): Record<string, string> {
  const known = secrets.filter((secret) => secret.length >= 4)
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || CREDENTIAL_VARS.has(name) || datadogSecretName(name) || proxyWithCredentials(name, value)) continue
    if (known.some((secret) => value.includes(secret))) continue
    kept[name] = value
  }
  return kept
}
