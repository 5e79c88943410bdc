import net from 'node:net'

// NO_PROXY entries: what each one covers, and which ones cannot mean anything (proxy.ts reads the variables).

/** The host without IPv6 brackets, lower case, with no trailing dot. */
function bareHost(host: string): string {
  return host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase()
}

/** An entry and its port, when it names one: `host:port`, `[v6]:port`; a bare IPv6 address has no port. */
function splitPort(entry: string): {pattern: string, port?: string} {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed) return {pattern: bracketed[1]!, port: bracketed[2]}
  const bracketedRange = /^\[([^\]]+)\](\/.*)$/.exec(entry)
  if (bracketedRange) return {pattern: `${bracketedRange[1]}${bracketedRange[2]}`}
  if (net.isIPv6(entry.split('/')[0]!)) return {pattern: entry}
  const withPort = /^(.*):(\d+)$/.exec(entry)
  return withPort ? {pattern: withPort[1]!, port: withPort[2]} : {pattern: entry}
}

/**
 * What is wrong with one NO_PROXY entry, or undefined when nothing is. Only what cannot mean anything is refused (a
 * range that is not IP/bits within its family, a port outside 1-65535), so lists written for other tools (`<local>`,
 * `10.*`) still load; ignoring a broken range would send through the proxy what the user meant to go direct.
 */
export function noProxyProblem(entry: string): string | undefined {
  const {pattern, port} = splitPort(entry.trim().toLowerCase())
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65_535)) return 'whose port is not from 1 to 65535'
  const slash = pattern.indexOf('/')
  if (slash === -1) return undefined
  const ip = pattern.slice(0, slash)
  const bits = pattern.slice(slash + 1)
  if (!net.isIP(ip)) return 'which is not a valid range: a range is an IP address and a prefix, e.g. 10.0.0.0/8'
  const max = net.isIPv6(ip) ? 128 : 32
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return `which is not a valid range: an IPv${max === 32 ? 4 : 6} range ends in /0 to /${max}`
  return undefined
}

/**
 * Whether one NO_PROXY entry covers a host and port: `*`; a host or IP (`localhost`, `127.0.0.1`, `::1`, `[::1]`);
 * a domain with its subdomains (`example.com`, `.example.com`, `*.example.com`); any of these with `:port`;
 * an IP range (`127.0.0.0/8`).
 */
export function noProxyMatches(entry: string, host: string, port: string): boolean {
  const trimmed = entry.trim().toLowerCase()
  if (trimmed === '') return false
  if (trimmed === '*') return true
  if (noProxyProblem(trimmed) !== undefined) return false
  const target = bareHost(host)
  const {pattern: written, port: wantPort} = splitPort(trimmed)
  if (wantPort !== undefined && wantPort !== port) return false
  const cidr = /^([^/]+)\/(\d{1,3})$/.exec(written)
  if (cidr && net.isIP(target)) {
    const family = net.isIPv6(cidr[1]!) ? 'ipv6' : 'ipv4'
    if ((net.isIPv6(target) ? 'ipv6' : 'ipv4') !== family) return false
    const list = new net.BlockList()
    list.addSubnet(cidr[1]!, Number(cidr[2]), family)
    return list.check(target, family)
  }
  const pattern = written.replace(/^\*?\./, '').replace(/\.$/, '')
  if (net.isIP(pattern) || net.isIP(target)) return pattern === target
  return target === pattern || target.endsWith(`.${pattern}`)
}
