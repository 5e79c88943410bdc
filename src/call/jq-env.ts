import {CREDENTIALS} from '../credentials/credentials.js'
import {PROXY_VAR_NAMES} from '../http/proxy.js'
import type {Env} from '../io.js'

const CREDENTIAL_VARS = new Set(CREDENTIALS.flatMap((def) => def.env))

/**
 * What makes a DD_* or DATADOG_* name one of a secret: these anywhere after the prefix, also inside a longer word
 * (DD_APPLICATION_KEY, DD_CLIENTSECRET, DD_PASSPHRASE, DATADOG_OAUTHTOKEN), or PAT as a word of its own (PATH is not).
 */
const SECRET_PARTS = /KEY|TOKEN|SECRET|PASS|PWD|AUTH|BEARER|CRED|COOKIE|SESSION|PRIVATE/

function datadogSecretName(name: string): boolean {
  const [prefix, ...rest] = name.toUpperCase().split('_')
  return (prefix === 'DD' || prefix === 'DATADOG') && (SECRET_PARTS.test(rest.join('_')) || rest.includes('PAT'))
}

/**
 * A proxy variable whose URL carries a user name or password (`http://user:pass@proxy:3128`): any variable named like
 * a proxy, in any case (ddcli's own, but also Https_Proxy, FTP_PROXY, SOCKS_PROXY, npm_config_proxy), whose value
 * has an `@` anywhere, since a password with an unescaped `/` or `#` ends the URL's authority early.
 */
function proxyWithCredentials(name: string, value: string): boolean {
  return (PROXY_VAR_NAMES.includes(name) || /proxy/i.test(name)) && value.includes('@')
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
