import {describe, expect, it} from 'vitest'
import {ConfigError} from '../../src/errors.js'
import {noProxyMatches} from '../../src/http/no-proxy.js'
import {parseProxyUrl, proxyEnv, proxyLabel, proxyRoute, proxySecrets} from '../../src/http/proxy.js'

describe('noProxyMatches', () => {
  it.each([
    {name: 'an exact host matches', entry: 'api.example.com', host: 'api.example.com', port: '443', match: true},
    {name: 'a domain matches its subdomains', entry: 'example.com', host: 'api.example.com', port: '443', match: true},
    {name: 'a leading dot matches subdomains', entry: '.example.com', host: 'api.example.com', port: '443', match: true},
    {name: 'a leading dot matches the domain itself', entry: '.example.com', host: 'example.com', port: '443', match: true},
    {name: 'a leading *. matches subdomains', entry: '*.example.com', host: 'a.b.example.com', port: '443', match: true},
    {name: 'a domain does not match a longer name that ends like it', entry: 'example.com', host: 'badexample.com', port: '443', match: false},
    {name: 'case is ignored', entry: 'API.Example.COM', host: 'api.example.com', port: '443', match: true},
    {name: '* matches everything', entry: '*', host: 'anything.io', port: '443', match: true},
    {name: 'host:port matches that port', entry: 'api.example.com:8443', host: 'api.example.com', port: '8443', match: true},
    {name: 'host:port does not match another port', entry: 'api.example.com:8443', host: 'api.example.com', port: '443', match: false},
    {name: 'localhost matches localhost', entry: 'localhost', host: 'localhost', port: '80', match: true},
    {name: 'an IPv4 address matches exactly', entry: '127.0.0.1', host: '127.0.0.1', port: '80', match: true},
    {name: 'an IPv4 address does not match another', entry: '127.0.0.1', host: '127.0.0.2', port: '80', match: false},
    {name: 'an IPv4 range matches inside it', entry: '127.0.0.0/8', host: '127.1.2.3', port: '80', match: true},
    {name: 'an IPv4 range does not match outside it', entry: '10.0.0.0/8', host: '127.0.0.1', port: '80', match: false},
    {name: 'a bare IPv6 loopback matches the bracketed host', entry: '::1', host: '[::1]', port: '80', match: true},
    {name: 'a bracketed IPv6 with port matches', entry: '[::1]:8080', host: '[::1]', port: '8080', match: true},
    {name: 'an IP entry does not match a name as a suffix', entry: '0.0.1', host: '127.0.0.1', port: '80', match: false},
    {name: 'an empty entry matches nothing', entry: ' ', host: 'api.example.com', port: '443', match: false},
    {name: 'a range with a prefix beyond the address matches nothing (and does not throw)', entry: '10.0.0.0/99', host: '10.0.0.1', port: '80', match: false},
  ])('$name', ({entry, host, port, match}) => {
    expect(noProxyMatches(entry, host, port)).toBe(match)
  })
})

describe('proxyRoute', () => {
  const route = (url: string, env: Record<string, string | undefined>) => proxyRoute(new URL(url), proxyEnv(env))
  it.each([
    {name: 'no variable: direct', url: 'https://api.datadoghq.com', env: {}, expected: 'direct'},
    {name: 'HTTPS_PROXY for https', url: 'https://api.datadoghq.com', env: {HTTPS_PROXY: 'http://p:3128'}, expected: 'HTTPS_PROXY'},
    {name: 'lower case wins over upper case', url: 'https://api.datadoghq.com', env: {https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2'}, expected: 'https_proxy'},
    {name: 'HTTP_PROXY is not used for https', url: 'https://api.datadoghq.com', env: {HTTP_PROXY: 'http://p:3128'}, expected: 'direct'},
    {name: 'HTTP_PROXY for http', url: 'http://127.0.0.1:8080', env: {HTTP_PROXY: 'http://p:3128'}, expected: 'HTTP_PROXY'},
    {name: 'ALL_PROXY when no scheme variable is set', url: 'https://api.datadoghq.com', env: {ALL_PROXY: 'http://p:3128'}, expected: 'ALL_PROXY'},
    {name: 'the scheme variable wins over ALL_PROXY', url: 'https://api.datadoghq.com', env: {ALL_PROXY: 'http://a:1', HTTPS_PROXY: 'http://b:2'}, expected: 'HTTPS_PROXY'},
    {name: 'NO_PROXY bypasses', url: 'https://api.datadoghq.com', env: {HTTPS_PROXY: 'http://p:3128', NO_PROXY: 'localhost, .datadoghq.com'}, expected: 'direct: NO_PROXY has .datadoghq.com'},
    {name: 'a blank variable is ignored', url: 'https://api.datadoghq.com', env: {HTTPS_PROXY: '  '}, expected: 'direct'},
  ])('$name', ({url, env, expected}) => {
    const result = route(url, env)
    expect(result.kind === 'proxy' ? result.source : `direct${result.reason ? `: ${result.reason}` : ''}`).toBe(expected)
  })
})

describe('proxy URLs', () => {
  it.each([
    {name: 'no credentials', raw: 'http://proxy.corp:3128', label: 'http://proxy.corp:3128'},
    {name: 'a user and password', raw: 'http://me:pw@proxy.corp:3128', label: 'http://****:****@proxy.corp:3128'},
    {name: 'a token as user name', raw: 'https://tok3n@proxy.corp', label: 'https://****@proxy.corp'},
    {name: 'no scheme means http', raw: 'proxy.corp:3128', label: 'http://proxy.corp:3128'},
  ])('labels a proxy with $name', ({raw, label}) => {
    expect(proxyLabel(parseProxyUrl(raw, 'HTTPS_PROXY'))).toBe(label)
  })

  it.each([
    {name: 'a socks proxy', raw: 'socks5://p:1080', message: 'HTTPS_PROXY uses socks5, which ddcli does not support; use an http:// or https:// proxy, or unset HTTPS_PROXY'},
    {name: 'text that is not a URL', raw: 'http://exa mple:1', message: 'HTTPS_PROXY is not a URL; write it as http://proxy.example.com:3128'},
  ])('refuses $name', ({raw, message}) => {
    expect(() => parseProxyUrl(raw, 'HTTPS_PROXY')).toThrow(message)
  })
})

describe('proxySecrets', () => {
  it.each([
    {name: 'a password, raw and decoded', env: {HTTPS_PROXY: 'http://u:p%40ss-word@p:1'}, out: ['p%40ss-word', 'p@ss-word']},
    {name: 'a long user name too', env: {http_proxy: 'http://corp-account:secretpw@p:1'}, out: ['corp-account', 'secretpw']},
    {name: 'nothing for a short user and password, which would garble all output', env: {ALL_PROXY: 'http://u:abc@p:1'}, out: []},
    {name: 'nothing without credentials', env: {HTTPS_PROXY: 'proxy.corp:3128'}, out: []},
  ])('masks $name', ({env, out}) => {
    expect([...new Set(proxySecrets(env))]).toEqual(out)
  })
})

describe('bad proxy settings are a config error before anything is sent', () => {
  const route = (url: string, env: Record<string, string | undefined>) => () => proxyRoute(new URL(url), proxyEnv(env))
  const fixEntry = 'fix or remove that entry'
  it.each([
    // NO_PROXY entries: each checked, even after one that matches, so a typo never silently sends through the proxy.
    {name: 'an IPv4 range beyond /32', env: {NO_PROXY: '10.0.0.0/99'}, message: `NO_PROXY has "10.0.0.0/99", which is not a valid range: an IPv4 range ends in /0 to /32; ${fixEntry}`},
    {name: 'an IPv6 range beyond /128', env: {no_proxy: '::/200'}, message: `no_proxy has "::/200", which is not a valid range: an IPv6 range ends in /0 to /128; ${fixEntry}`},
    {name: 'a bracketed IPv6 range beyond /128', env: {NO_PROXY: '[::1]/129'}, message: `NO_PROXY has "[::1]/129", which is not a valid range: an IPv6 range ends in /0 to /128; ${fixEntry}`},
    {name: 'a negative prefix', env: {NO_PROXY: '1.2.3.4/-1'}, message: `NO_PROXY has "1.2.3.4/-1", which is not a valid range: an IPv4 range ends in /0 to /32; ${fixEntry}`},
    {name: 'a range without its prefix', env: {NO_PROXY: '1.2.3.4/'}, message: `NO_PROXY has "1.2.3.4/", which is not a valid range: an IPv4 range ends in /0 to /32; ${fixEntry}`},
    {name: 'a range on a name', env: {NO_PROXY: 'example.com/8'}, message: `NO_PROXY has "example.com/8", which is not a valid range: a range is an IP address and a prefix, e.g. 10.0.0.0/8; ${fixEntry}`},
    {name: 'a URL instead of a host', env: {NO_PROXY: 'https://api.example.com/'}, message: `NO_PROXY has "https://api.example.com/", which is not a valid range: a range is an IP address and a prefix, e.g. 10.0.0.0/8; ${fixEntry}`},
    {name: 'a port beyond 65535', env: {NO_PROXY: '127.0.0.1:99999'}, message: `NO_PROXY has "127.0.0.1:99999", whose port is not from 1 to 65535; ${fixEntry}`},
    {name: 'port 0 on a bracketed IPv6', env: {NO_PROXY: '[::1]:0'}, message: `NO_PROXY has "[::1]:0", whose port is not from 1 to 65535; ${fixEntry}`},
    {name: 'a bad entry after one that matches', env: {NO_PROXY: 'api.datadoghq.com, 10.0.0.0/33'}, message: `NO_PROXY has "10.0.0.0/33", which is not a valid range`},
    {name: 'a long bad entry, cut in the message', env: {NO_PROXY: `${'a'.repeat(80)}/8`}, message: 'NO_PROXY has "...", which is not a valid range'},
    {name: 'a long bad entry, cut at a word boundary', env: {NO_PROXY: `10.0.0.0/${'a'.repeat(80)}`}, message: 'NO_PROXY has "10.0.0.0/...", which is not a valid range'},
    // Proxy URLs: never echoed, they may hold a password.
    {name: 'an IPv6 proxy without its closing bracket', env: {HTTPS_PROXY: 'http://[::1'}, message: 'HTTPS_PROXY is not a URL; write it as http://proxy.example.com:3128'},
    {name: 'a proxy port beyond 65535', env: {HTTPS_PROXY: 'http://user:pw@proxy.corp:99999'}, message: 'HTTPS_PROXY has a port that is not from 1 to 65535; write it as http://proxy.example.com:3128'},
    {name: 'a proxy port beyond 65535 without a scheme', env: {https_proxy: 'proxy.corp:70000'}, message: 'https_proxy has a port that is not from 1 to 65535; write it as http://proxy.example.com:3128'},
    {name: 'proxy port 0', env: {ALL_PROXY: 'http://proxy.corp:0'}, message: 'ALL_PROXY has a port that is not from 1 to 65535; write it as http://proxy.example.com:3128'},
    {name: 'a proxy without a host', env: {HTTPS_PROXY: 'http://:3128'}, message: 'HTTPS_PROXY is not a URL; write it as http://proxy.example.com:3128'},
    {name: 'a socks5 proxy', env: {HTTPS_PROXY: 'socks5://user:pw@127.0.0.1:1080'}, message: 'HTTPS_PROXY uses socks5, which ddcli does not support; use an http:// or https:// proxy, or unset HTTPS_PROXY'},
    {name: 'a socks5h proxy', env: {ALL_PROXY: 'socks5h://127.0.0.1:1080'}, message: 'ALL_PROXY uses socks5h, which ddcli does not support'},
  ])('refuses $name', ({env, message}) => {
    const proxySet = Object.keys(env).some((name) => /_proxy$/i.test(name) && !/^no_proxy$/i.test(name))
    const run = route('https://api.datadoghq.com', {...(proxySet ? {} : {HTTPS_PROXY: 'http://proxy.corp:3128'}), ...env})
    expect(run).toThrow(ConfigError)
    expect(run).toThrow(message)
    try {
      run()
    } catch (error: unknown) {
      expect((error as Error).message).not.toMatch(/user|pw@/)
    }
  })

  it.each([
    {name: 'a bad NO_PROXY when no proxy variable is set (NO_PROXY is never read)', url: 'https://api.datadoghq.com', env: {NO_PROXY: '10.0.0.0/99'}},
    {name: 'a bad HTTP_PROXY for an https API (it is never used)', url: 'https://api.datadoghq.com', env: {HTTP_PROXY: 'socks5://p:1080', HTTPS_PROXY: 'http://p:3128'}},
    {name: 'entries other tools write (<local>, 10.*, a trailing dot)', url: 'https://api.datadoghq.com', env: {HTTPS_PROXY: 'http://p:3128', NO_PROXY: '<local>, 10.*, .corp., 169.254.169.254, [::1]'}},
  ])('accepts $name', ({url, env}) => {
    expect(() => proxyRoute(new URL(url), proxyEnv(env))).not.toThrow()
  })
})
