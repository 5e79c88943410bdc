import {cutShort} from '../closest.js'
import type {Agent} from 'node:http'
import {ConfigError} from '../errors.js'
import type {Env} from '../io.js'
import {noProxyMatches, noProxyProblem} from './no-proxy.js'

/** The proxy variables ddcli reads, lower case first (curl's order), then upper case. */
const PROXY_VARS = {
  'https:': ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'],
  'http:': ['http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'],
} as const
const NO_PROXY_VARS = ['no_proxy', 'NO_PROXY'] as const

/** Every proxy variable ddcli reads (`ddcli help environment` lists them). */
export const PROXY_VAR_NAMES: readonly string[] = [...new Set([...PROXY_VARS['https:'], ...PROXY_VARS['http:'], ...NO_PROXY_VARS])]

/** The proxy settings of the environment, read once; a URL is parsed only when a request would use it. */
export interface ProxyEnv {
  vars: Readonly<Record<string, string>>
}

/** How one request goes out: through `url` (named by `source`), or direct, with why when a proxy was set. */
export type ProxyRoute =
  | {kind: 'proxy', url: URL, source: string, label: string}
  | {kind: 'direct', reason?: string}

/** The proxy-related variables of an environment with a non-blank value, or undefined when none is set. */
export function proxyEnv(env: Env): ProxyEnv | undefined {
  const vars = Object.fromEntries(PROXY_VAR_NAMES.filter((name) => env[name]?.trim()).map((name) => [name, env[name]!.trim()]))
  return Object.keys(vars).some((name) => !/^no_proxy$/i.test(name)) ? {vars} : undefined
}

/** A proxy URL for printing: user and password replaced by `****`, so it can appear in any output. */
export function proxyLabel(url: URL): string {
  const auth = url.username || url.password ? `${url.username ? '****' : ''}${url.password ? ':****' : ''}@` : ''
  return `${url.protocol}//${auth}${url.host}`
}

/** The user name and password of every proxy variable, raw and decoded, for the masker (short ones excepted). */
export function proxySecrets(env: Env): string[] {
  return [...new Set([...PROXY_VARS['https:'], ...PROXY_VARS['http:']])].flatMap((name) => {
    const raw = env[name]?.trim()
    if (!raw) return []
    try {
      const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`)
      // Masking by value replaces every occurrence: a short user name ("u", "proxy") would garble all output.
      return [[url.username, 8], [url.password, 4]].filter(([part, min]) => (part as string).length >= (min as number))
        .flatMap(([part]) => [part as string, safeDecode(part as string)])
    } catch {
      return []
    }
  })
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * Parses a proxy variable: `host:port` means http://; only http and https proxies are supported. The value is never
 * echoed: it may hold a password.
 */
export function parseProxyUrl(raw: string, name: string): URL {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`
  const badPort = () => new ConfigError(`${name} has a port that is not from 1 to 65535; write it as http://proxy.example.com:3128`)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    // The URL parser refuses a port beyond 65535 as it refuses any broken URL: say which part is wrong.
    const port = /^[^:]+:\/\/(?:[^@/?#]*@)?(?:\[[^\]/]*\]|[^:/?#]*):(\d+)(?:[/?#]|$)/.exec(text)?.[1]
    if (port !== undefined && Number(port) > 65_535) throw badPort()
    throw new ConfigError(`${name} is not a URL; write it as http://proxy.example.com:3128`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} uses ${url.protocol.replace(/:$/, '')}, which ddcli does not support; use an http:// or https:// proxy, or unset ${name}`)
  }
  if (url.port === '0') throw badPort()
  return url
}

/** Which proxy a request to `target` uses, by the variables of `settings`; NO_PROXY entries are comma or space separated. */
export function proxyRoute(target: URL, settings: ProxyEnv | undefined): ProxyRoute {
  if (!settings) return {kind: 'direct'}
  const names = PROXY_VARS[target.protocol as 'https:' | 'http:'] ?? []
  const name = names.find((candidate) => settings.vars[candidate])
  if (!name) return {kind: 'direct'}
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  // Every entry is checked before any is used: a broken one after a match would otherwise show only for other hosts.
  const lists = NO_PROXY_VARS.map((noName) => [noName, settings.vars[noName]?.split(/[\s,]+/) ?? []] as const)
  for (const [noName, entries] of lists) {
    for (const entry of entries) {
      const problem = noProxyProblem(entry)
      if (problem) throw new ConfigError(`${noName} has ${JSON.stringify(cutShort(entry, 43))}, ${problem}; fix or remove that entry`)
    }
  }
  const url = parseProxyUrl(settings.vars[name]!, name)
  for (const [noName, entries] of lists) {
    const entry = entries.find((item) => noProxyMatches(item, target.hostname, port))
    if (entry !== undefined) return {kind: 'direct', reason: `${noName} has ${entry}`}
  }
  return {kind: 'proxy', url, source: name, label: proxyLabel(url)}
}

const PROXY_FAILURE = Symbol.for('ddcli.proxyFailure')

/** Marks an error as the proxy's failure before its tunnel was open: its line names the proxy, not the API host. */
export function markProxyFailure<T extends object>(error: T, route: Extract<ProxyRoute, {kind: 'proxy'}>): T {
  Object.defineProperty(error, PROXY_FAILURE, {value: route, enumerable: false})
  return error
}

/** The proxy an error was marked with by `markProxyFailure`, if any. */
export function proxyFailureOf(error: unknown): Extract<ProxyRoute, {kind: 'proxy'}> | undefined {
  return typeof error === 'object' && error !== null ? (error as Record<symbol, Extract<ProxyRoute, {kind: 'proxy'}> | undefined>)[PROXY_FAILURE] : undefined
}

/** `no tunnel through proxy http://****:****@proxy.corp:3128 (HTTPS_PROXY): connection refused (ECONNREFUSED); check HTTPS_PROXY` */
export function noTunnelLine(route: Extract<ProxyRoute, {kind: 'proxy'}>, cause: string): string {
  return `no tunnel through proxy ${route.label} (${route.source}): ${cause}; check ${route.source}`
}

/**
 * A failure of the proxy before its tunnel, as a cause that says what the proxy did (`networkCause` prints its
 * `proxyCause`). https-proxy-agent's own messages name neither side; a socket error (ECONNREFUSED) stays as it is.
 */
export function proxyError(cause: string, code: string): Error {
  return Object.assign(new Error(`proxy: ${cause}`), {code, proxyCause: cause})
}

function agentFailure(error: unknown): unknown {
  const message = (error as {message?: unknown})?.message
  if (typeof message !== 'string' || (error as {code?: unknown}).code !== undefined) return error
  if (message.startsWith('Proxy connection ended before receiving CONNECT response')) return proxyError('it closed the connection before answering CONNECT', 'ECONNRESET')
  if (/^(No header received|Invalid header) from proxy CONNECT response/.test(message)) return proxyError('its answer to CONNECT is not HTTP', 'EPROTO')
  return error
}

const agents = new Map<string, Agent>()

/**
 * The agent that tunnels through a proxy with CONNECT, for http and https targets alike: the request and its
 * credential headers travel inside the tunnel, and the proxy sees only `CONNECT host:port` (with
 * Proxy-Authorization when the proxy URL has a user). https-proxy-agent is imported here, only when a proxy is used.
 * `timeoutMs` bounds the wait for the proxy's answer to CONNECT: got's timeouts start only once the agent hands
 * over a socket, so a proxy that accepts the connection and then never answers (or never ends its headers) would
 * otherwise hold the run forever.
 */
export async function proxyAgent(url: URL, timeoutMs: number): Promise<Agent> {
  const key = `${timeoutMs} ${url.href}`
  const known = agents.get(key)
  if (known) return known
  const {HttpsProxyAgent} = await import('https-proxy-agent')
  // The agent logs its proxy URL through `debug` when DEBUG is set: it gets the URL without user and password,
  // and the credentials as a header of the CONNECT request only.
  const bare = new URL(url.href)
  bare.username = bare.password = ''
  const auth = url.username || url.password ? `${safeDecode(url.username)}:${safeDecode(url.password)}` : undefined
  const headers = auth ? {'Proxy-Authorization': `Basic ${Buffer.from(auth).toString('base64')}`} : {}
  class TimedProxyAgent extends HttpsProxyAgent<string> {
    override async connect(...args: Parameters<InstanceType<typeof HttpsProxyAgent>['connect']>) {
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), timeoutMs)
      // connect() opens the proxy socket before its first await: the signal (which destroys the socket on abort)
      // reaches that socket only, and the shared options are restored at once.
      const shared = this.connectOpts
      ;(this as {connectOpts: unknown}).connectOpts = {...shared, signal: controller.signal}
      try {
        const pending = super.connect(...args)
        ;(this as {connectOpts: unknown}).connectOpts = shared
        return await pending
      } catch (error: unknown) {
        if (!controller.signal.aborted) throw agentFailure(error)
        throw proxyError(`no answer to CONNECT within ${timeoutMs / 1000} s`, 'ETIMEDOUT')
      } finally {
        ;(this as {connectOpts: unknown}).connectOpts = shared
        clearTimeout(timer)
      }
    }
  }
  const agent = new TimedProxyAgent(bare, {headers}) as unknown as Agent
  agents.set(key, agent)
  return agent
}
