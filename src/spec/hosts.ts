import {SPEC_SITES} from './schemes.generated.js'
import type {Operation, ServerVariable} from './types.js'

/**
 * Which On-Call host serves each site. The spec lists the hosts (default navy, "the globally available endpoint") but
 * not which site uses which; this is the table of docs.datadoghq.com/api/latest/on-call-paging/, which also names
 * scarlet for uk1, a host the spec does not list. Keyed by the spec's default host, so a changed spec falls through
 * to an error instead of a wrong region.
 */
const DOCUMENTED_HOSTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'navy.oncall.datadoghq.com': {
    'datadoghq.com': 'navy.oncall.datadoghq.com',
    'us3.datadoghq.com': 'teal.oncall.datadoghq.com',
    'us5.datadoghq.com': 'coral.oncall.datadoghq.com',
    'ap1.datadoghq.com': 'saffron.oncall.datadoghq.com',
    'ap2.datadoghq.com': 'lava.oncall.datadoghq.com',
    'uk1.datadoghq.com': 'scarlet.oncall.datadoghq.com',
    'datadoghq.eu': 'beige.oncall.datadoghq.eu',
    // No government site: the docs list none for them, and a government credential must never reach a commercial host.
  },
}

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? ''
  for (const value of values) while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1)
  return prefix
}

/**
 * The host for a `{site}` variable that lists hosts rather than sites. Besides the documented table, the spec's
 * own naming is used: `browser-intake-us3-datadoghq.com` is the common prefix plus the site with its dots but the
 * last turned into dashes.
 */
function regionalHost(op: Pick<Operation, 'operationId'>, variable: ServerVariable, site: string): string {
  const hosts = variable.enum ?? [variable.default]
  if (hosts.includes(site)) return site
  const documented = DOCUMENTED_HOSTS[variable.default]?.[site]
  if (documented) return documented
  const prefix = commonPrefix(hosts)
  const derived = prefix + site.replace(/\.(?=.*\.)/g, '-')
  if (prefix && hosts.includes(derived)) return derived
  throw new Error(`${op.operationId} is served only from ${hosts.join(', ')}, and none of them is known to serve site ${site}`)
}

/**
 * The origin (e.g. `https://http-intake.logs.datadoghq.eu`) of an operation the spec serves from its own servers,
 * on the given site; undefined when it uses the site's API host. Throws a plain Error when the operation has fixed
 * regional hosts and none is known for the site.
 */
export function operationHost(op: Pick<Operation, 'operationId' | 'server'>, site: string): string | undefined {
  const server = op.server
  if (!server) return undefined
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = server.variables[name]
    if (!variable) throw new Error(`${op.operationId}: server variable {${name}} has no definition`)
    if (name !== 'site') return variable.default
    // A `{site}` whose default is a Datadog site takes the user's site, listed or not (the specs' last server entry
    // accepts "any Datadog deployment"); otherwise its values are hosts.
    return SPEC_SITES.includes(variable.default) ? site : regionalHost(op, variable, site)
  })
  return url.replace(/\/+$/, '')
}
