import {cutShort, nearest, orList} from '../closest.js'
import {badValue, type Origin} from '../errors.js'
import {hasSecretShape} from './mask.js'

/** Datadog sites ddcli accepts: the specs' site list plus the staging site. */
export const SITES = [
  'datadoghq.com',
  'us3.datadoghq.com',
  'us5.datadoghq.com',
  'ap1.datadoghq.com',
  'ap2.datadoghq.com',
  'uk1.datadoghq.com',
  'datadoghq.eu',
  'ddog-gov.com',
  'us2.ddog-gov.com',
  'datad0g.com',
] as const

/** The site used when none is configured. */
export const DEFAULT_SITE = 'datadoghq.com'

/**
 * The names Datadog's docs give the sites ("Getting Started with Datadog Sites"), with EU for EU1; any case, `_` for
 * `-`. Each resolves to its site, which is what is stored and shown.
 */
export const SITE_REGIONS: Readonly<Record<string, (typeof SITES)[number]>> = {
  'US1': 'datadoghq.com',
  'US3': 'us3.datadoghq.com',
  'US5': 'us5.datadoghq.com',
  'EU1': 'datadoghq.eu',
  'EU': 'datadoghq.eu',
  'AP1': 'ap1.datadoghq.com',
  'AP2': 'ap2.datadoghq.com',
  'UK1': 'uk1.datadoghq.com',
  'US1-FED': 'ddog-gov.com',
  'US2-FED': 'us2.ddog-gov.com',
}

/** The host part of what users paste: `https://app.datadoghq.eu/` -> `app.datadoghq.eu`, lower case. */
function hostOf(input: string): string {
  const host = input.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
  return host.replace(/[/?#].*$/, '').replace(/:\d+$/, '').replace(/\.$/, '')
}

/** The region name of a value typed as one (`eu`, `us1-fed`), as the docs write it (`EU1`, `US1-FED`). */
export function siteRegion(input: string): string | undefined {
  const name = input.trim().toUpperCase().replace(/_/g, '-')
  if (!Object.hasOwn(SITE_REGIONS, name)) return undefined
  return name === 'EU' ? 'EU1' : name
}

/**
 * Normalises what users paste (`https://app.datadoghq.eu/`, `api.us5.datadoghq.com`, `US3.datadoghq.com`, `EU1`,
 * `us1-fed`) to a site name; returns undefined when the result is not a known site.
 */
export function normalizeSite(input: string): string | undefined {
  const region = siteRegion(input)
  if (region !== undefined) return SITE_REGIONS[region]
  const host = hostOf(input)
  const known = (name: string) => (SITES as readonly string[]).includes(name)
  if (known(host)) return host
  const stripped = host.replace(/^(app|api|www)\./, '')
  return known(stripped) ? stripped : undefined
}

/** What an unknown site may have meant, closest first: a site or region name; a region used as a subdomain gives its site. */
function siteGuesses(input: string): string[] {
  const host = hostOf(input).replace(/^(app|api|www)\./, '')
  const region = siteRegion(host.split('.')[0]!)
  if (region !== undefined && host.includes('.')) return [SITE_REGIONS[region]!]
  return nearest(host, [...SITES, ...Object.keys(SITE_REGIONS).filter((name) => name !== 'EU')])
}

/** Validates a site value from the given origin, or throws the error with the closest sites (never the value: it may be a pasted key). */
export function parseSite(input: string, origin: Origin, label: string): string {
  const site = normalizeSite(input)
  if (site !== undefined) return site
  const guesses = siteGuesses(input)
  const fix = guesses.length > 0
    ? `did you mean ${orList(guesses)}?`
    : `use a site such as datadoghq.com or datadoghq.eu, or its name in Datadog's docs (${Object.keys(SITE_REGIONS).filter((name) => name !== 'EU').join(', ')})`
  throw badValue(origin, `${label} is not a known Datadog site; ${fix}`)
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|\[::1\]|localhost)$/i

/** Whether a URL host is on this machine, where plain http is allowed for local testing. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname)
}

/**
 * Validates an API base URL: https, or http on a loopback host. Returns it without a trailing slash, keeping any
 * path prefix (for proxies that mount the API below a path).
 */
export function parseApiUrl(input: string, origin: Origin, label: string): string {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    throw badValue(origin, `${label} is not a URL; write it as https://api.datadoghq.com`)
  }
  if (url.username || url.password) {
    throw badValue(origin, `${label} must not contain a user name or password; use the credential settings instead`)
  }
  if (url.search || url.hash) throw badValue(origin, `${label} must not have a query string or fragment`)
  const loopback = isLoopbackHost(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw badValue(origin, `${label} must use https (plain http is allowed only for 127.0.0.1, ::1 and localhost)`)
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** The API base URL of a site. */
export function siteApiUrl(site: string): string {
  return `https://api.${site}`
}

/** Whether `--profile` accepts a name: letters, digits, `-`, `_` and `.`, so also safe on a shell command line. */
export function isProfileName(input: string): boolean {
  return /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/.test(input) && !input.includes('..')
}

/** Validates a profile name: nothing that could escape or corrupt the config file's structure. */
export function parseProfileName(input: string, origin: Origin): string {
  // A key given to --profile by mistake (meant for --api-key) would otherwise become a profile: written into the
  // config file as a name and printed by every line that names the profile.
  if (hasSecretShape(input)) {
    const from = origin === 'flag' ? '--profile' : origin === 'env' ? 'DD_PROFILE' : 'the stored default profile'
    throw badValue(origin, `the profile name from ${from} looks like a key or token (not shown); a profile is a label such as staging, and a key goes in --api-key, --app-key or --pat (or DD_API_KEY, DD_APP_KEY, DD_BEARER_TOKEN)`)
  }
  if (!isProfileName(input)) {
    throw badValue(origin, `profile name ${JSON.stringify(cutShort(input, 67))} is not allowed; use letters, digits, "-", "_" and "."`)
  }
  return input
}
