import {chmod, chown, lstat, mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {makeTempDir} from '../helpers/cli.js'
import {run} from '../helpers/in-process.js'
import {describeRequests, startServer} from '../helpers/server.js'

const API_KEY = 'badinputapikey00000000000000a1b2'
const CONFIG_APP_KEY = 'badinputappkey000000000000000000000000c3'
/** A flag or env credential that a row makes invalid; its distinctive part must never be printed either. */
const BAD_SECRET = 'badsecretvalue9z8y7x'

/** Datadog-shaped secrets typed in the wrong place: masked by shape though never configured. */
const TYPED_PAT = 'ddpat_typedWRONGplace00000000009'
const TYPED_API_KEY = 'abcdef0123456789abcdef012345f00d'

const config = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`
const VALID_CONFIG = config({profiles: {default: {appKey: CONFIG_APP_KEY, site: 'datadoghq.eu'}, work: {site: 'us5.datadoghq.com'}}})

/**
 * One malformed input. `args` follow `ddcli`; `{server}` is the recording server's origin, `{host}` its host:port
 * and `{work}` a scratch dir outside the config dir. `--api-url {server}` is added after the command id unless the
 * row is about the API URL itself.
 */
interface Row {
  name: string
  args: string[]
  code: number
  /** The fix the one stderr line must name. */
  fix: RegExp
  env?: Record<string, string>
  /** Leave DD_API_KEY unset: the row is about credentials. */
  noApiKey?: boolean
  /** Do not add `--api-url {server}`. */
  noApiUrl?: boolean
  /** config.json's content, or 'dir' for a directory in its place; VALID_CONFIG unless given. */
  config?: string | 'dir'
  stdin?: string | Buffer
  setup?: (work: string) => Promise<void>
  /** Mode of the config folder; 0700 unless given. */
  configMode?: number
  /** What stdout must hold (a batch's error result); empty unless given. */
  stdout?: RegExp
}

const rows: Row[] = [
  // -f / -F fields
  {name: 'a -f field without "=" asks for key=value', args: ['call', 'GET', '/api/v1/validate', '-f', 'query'], code: 2, fix: /write key=value/},
  {name: 'a -F field with an empty key asks for key=value', args: ['call', 'POST', '/api/v1/events', '-F', '=1'], code: 2, fix: /key is empty.*write key=value/},
  {name: 'a -f field with an empty key asks for key=value', args: ['call', 'GET', '/api/v1/validate', '-f', '=x'], code: 2, fix: /write key=value/},
  {name: 'a value then nested keys under the same name are a conflict', args: ['call', 'POST', '/api/v1/events', '-f', 'a=1', '-f', 'a[b]=2'], code: 2, fix: /conflicts with "a".*(drop|rename)/},
  {name: 'nested keys then a value under the same name are a conflict', args: ['call', 'POST', '/api/v1/events', '-f', 'a[b]=1', '-f', 'a=2'], code: 2, fix: /conflicts with "a\[b\]".*(drop|rename)/},
  {name: 'the same body key given twice asks for a[] instead', args: ['call', 'POST', '/api/v1/events', '-f', 'a=1', '-f', 'a=2'], code: 2, fix: /give each key once, or use a\[\]/},
  {name: 'an unclosed bracket in a body key shows the key syntax', args: ['call', 'POST', '/api/v1/events', '-f', 'a[b=1'], code: 2, fix: /write name, name\[key\]/},
  {name: 'an array directly inside an array points to name[][key]', args: ['call', 'POST', '/api/v1/events', '-F', 'a[][]=1'], code: 2, fix: /use name\[\]\[key\]/},
  {name: 'a -F number too large to send exactly suggests -f', args: ['call', 'POST', '/api/v1/events', '-F', 'id=12345678901234567890'], code: 2, fix: /use -f to send it as a string/},
  {name: 'a -F @file that does not exist asks to check the path', args: ['call', 'POST', '/api/v1/events', '-F', 'text=@{work}/missing.txt'], code: 2, fix: /no such file.*check the path/},
  {name: 'a -F @dir that is a directory asks to check the path', args: ['call', 'POST', '/api/v1/events', '-F', 'text=@{work}'], code: 2, fix: /it is a directory.*check the path/},
  {name: 'a -F value of a lone "@" asks for @path or -f', args: ['call', 'POST', '/api/v1/events', '-F', 'text=@'], code: 2, fix: /write @path or @- for stdin/},
  {name: 'two -F fields reading stdin ask for @path for the others', args: ['call', 'POST', '/api/v1/events', '-F', 'a=@-', '-F', 'b=@-'], code: 2, fix: /stdin can be read once, use @path/, stdin: 'x'},
  {name: 'two -F fields reading stdin by its two names ask for @path for the others', args: ['call', 'POST', '/api/v1/events', '-F', 'a=@-', '-F', 'b=@/dev/stdin'], code: 2, fix: /stdin can be read once, use @path/, stdin: 'x'},
  {name: 'two -F fields reading /dev/fd/0 and /dev/stdin ask for @path for the others', args: ['call', 'POST', '/api/v1/events', '-F', 'a=@/dev/fd/0', '-F', 'b=@/dev/stdin'], code: 2, fix: /stdin can be read once, use @path/, stdin: 'x'},
  {name: 'stdin for both --input and -F @- asks to pick one', args: ['call', 'POST', '/api/v1/events', '--input', '-', '-F', 'a=@-'], code: 2, fix: /use it for --input - or for one -F key=@-, not both/, stdin: '{}'},

  {name: 'stdin for both --input /dev/stdin and -F @/dev/stdin asks to pick one', args: ['call', 'POST', '/api/v1/events', '--input', '/dev/stdin', '-F', 'a=@/dev/stdin'], code: 2, fix: /use it for --input - or for one -F key=@-, not both/, stdin: '{}'},

  // --input
  {name: 'an --input file that does not exist asks to check the path', args: ['call', 'POST', '/api/v1/events', '--input', '{work}/missing.json'], code: 2, fix: /no such file.*check the path/},
  {name: 'an --input that is a directory asks for a file or -', args: ['call', 'POST', '/api/v1/events', '--input', '{work}'], code: 2, fix: /give a file, or - for stdin/},
  {name: 'an --input with GET suggests -f for query parameters', args: ['call', 'GET', '/api/v1/validate', '--input', '{work}/body.json'], code: 2, fix: /drop --input, or use -f key=value/},
  {name: 'an --input with HEAD suggests -f for query parameters', args: ['call', 'HEAD', '/api/v1/validate', '--input', '-'], code: 2, fix: /drop --input/, stdin: '{}'},

  // scripting: --paginate, --jq, -X
  {name: 'a --jq filter that does not compile is refused with jq\'s message', args: ['call', 'GET', '/api/v1/validate', '--jq', '.a |'], code: 2, fix: /does not compile: syntax error.*check the jq syntax/},
  {name: 'a --jq filter calling an unknown function is refused', args: ['call', 'GET', '/api/v1/validate', '--jq', 'nosuch(1)'], code: 2, fix: /nosuch\/1 is not defined.*check the jq syntax/},
  {name: '--jq-json without --jq asks for --jq', args: ['call', 'GET', '/api/v1/validate', '--jq-json'], code: 2, fix: /add --jq EXPR/},
  {name: '--slurp without --paginate asks for --paginate', args: ['call', 'GET', '/api/v1/monitor', '--slurp'], code: 2, fix: /--slurp works with --paginate; add --paginate/},
  {name: '--max-items without --paginate asks for --paginate', args: ['call', 'GET', '/api/v1/monitor', '--max-items', '3'], code: 2, fix: /add --paginate/},
  {name: '--max-items 0 asks for at least 1', args: ['call', 'GET', '/api/v1/monitor', '--paginate', '--max-items', '0'], code: 2, fix: /--max-items must be a whole number of at least 1/},
  {name: '--paginate on an operation that does not return pages', args: ['call', 'GetMonitor', '-p', 'monitor_id=1', '--paginate'], code: 2, fix: /GetMonitor does not return pages; drop --paginate/},
  {name: '--paginate with --include suggests --verbose', args: ['call', 'GET', '/api/v1/monitor', '--paginate', '-i'], code: 2, fix: /use --verbose/},
  {name: '--paginate with a body from stdin asks for a file', args: ['call', 'POST', '/api/v2/audit/events/search', '--paginate', '--input', '-'], code: 2, fix: /give --input a file/, stdin: '{}'},
  {name: '--page-size on a list the index does not know asks for -f', args: ['call', 'GET', '/api/v2/nothing', '--paginate', '--page-size', '5'], code: 2, fix: /set its limit parameter with -f/},
  {name: '--paginate with a body that is not a JSON object', args: ['call', 'POST', '/api/v2/audit/events/search', '--paginate', '--input', '{work}/list.json', '--no-validate'], code: 2, fix: /needs a JSON object as the request body/, setup: async (work) => writeFile(join(work, 'list.json'), '[1]')},
  {name: '-X disagreeing with METHOD asks for one method', args: ['call', '-X', 'POST', 'GET', '/api/v1/validate'], code: 2, fix: /give the method once/},
  {name: '-X disagreeing with an operationId asks to drop -X', args: ['call', '-X', 'DELETE', 'ListMonitors'], code: 2, fix: /ListMonitors, which is GET; drop -X/},
  {name: 'an unknown -X method lists the methods', args: ['call', '-X', 'FETCH', '/api/v1/validate'], code: 2, fix: /use one of GET, POST/},

  // -H headers
  {name: 'a header without ":" shows the Name: value form', args: ['call', 'GET', '/api/v1/validate', '-H', 'X-Test value'], code: 2, fix: /-H 'Name: value'/},
  {name: 'a header with an empty name shows the Name: value form', args: ['call', 'GET', '/api/v1/validate', '-H', ': value'], code: 2, fix: /-H 'Name: value'/},
  {name: 'a header name with a space shows the Name: value form', args: ['call', 'GET', '/api/v1/validate', '-H', 'X Test: value'], code: 2, fix: /-H 'Name: value'/},
  {name: 'a header name with a character not allowed in names shows the Name: value form', args: ['call', 'GET', '/api/v1/validate', '-H', 'X(Test): value'], code: 2, fix: /-H 'Name: value'/},
  {name: 'a header value with CR LF asks to remove the line break', args: ['call', 'GET', '/api/v1/validate', '-H', 'X-Test: a\r\nX-Injected: b'], code: 2, fix: /line break.*remove it/},
  {name: 'a header value that is not ASCII asks to percent-encode it instead of failing to send', args: ['call', 'GET', '/api/v1/validate', '-H', 'X-Name: \u20ac1'], code: 2, fix: /X-Name has a character that is not ASCII.*percent-encode it/},
  {name: 'a -p value ".." in a literal PATH is refused, not resolved to the parent path', args: ['call', 'DELETE', '/api/v1/dashboard/lists/manual/{list_id}/dashboards', '-p', 'list_id=..'], code: 2, fix: /-p list_id is "\.\." or "\.", which would change the path; give the real value/},
  {name: 'an empty -p value in a literal PATH is refused, not sent as "//"', args: ['call', 'GET', '/api/v1/monitor/{id}', '-p', 'id='], code: 2, fix: /-p id is empty; give the value/},
  {name: 'a -H Content-Length is refused (ddcli frames the body; a wrong one hangs the request)', args: ['call', 'POST', '/api/v1/events', '-f', 'title=x', '-H', 'Content-Length: 5'], code: 2, fix: /^ddcli: header Content-Length is set by ddcli itself .*; remove it\n$/},
  {name: 'a -H Transfer-Encoding in any case is refused', args: ['call', 'GET', '/api/v1/validate', '-H', 'transfer-encoding: chunked'], code: 2, fix: /header transfer-encoding is set by ddcli itself/},
  {name: 'a -H Connection is refused', args: ['call', 'GET', '/api/v1/validate', '-H', 'Connection: close'], code: 2, fix: /header Connection is set by ddcli itself/},
  {name: 'a -H Host is refused', args: ['call', 'GET', '/api/v1/validate', '-H', 'Host: example.com'], code: 2, fix: /header Host is set by ddcli itself.*remove it/},
  {name: 'a -H Expect is refused (a 100-continue nobody answers hangs the request)', args: ['call', 'POST', '/api/v1/events', '-f', 'title=x', '-H', 'Expect: 100-continue'], code: 2, fix: /header Expect is set by ddcli itself/},
  {name: 'a batch -H Content-Length is refused before reading', args: ['batch', '-H', 'Content-Length: 5'], code: 2, fix: /^ddcli: header Content-Length is set by ddcli itself .*; remove it\n$/, stdin: '{"method":"POST","path":"/api/v1/events","body":{}}\n'},
  {name: 'a header value with a bare LF asks to remove the line break', args: ['call', 'GET', '/api/v1/validate', '-H', 'X-Test: a\nb'], code: 2, fix: /remove it/},

  // METHOD and PATH
  {name: 'a method with a space lists the known methods', args: ['call', 'GE T', '/api/v1/validate'], code: 2, fix: /use one of GET, POST/},
  {name: 'an unknown method lists the known methods', args: ['call', 'FETCH', '/api/v1/validate'], code: 2, fix: /use one of GET, POST/},
  {name: 'the TRACE method is refused with the known methods', args: ['call', 'TRACE', '/api/v1/validate'], code: 2, fix: /use one of GET, POST/},
  {name: 'a path with a space asks for percent-encoding', args: ['call', 'GET', '/api/v1/val idate'], code: 2, fix: /percent-encode it/},
  {name: 'a path with a control character asks for percent-encoding', args: ['call', 'GET', '/api/v1/val\u0001idate'], code: 2, fix: /percent-encode it/},
  {name: 'a path with a line break asks for percent-encoding', args: ['call', 'GET', '/api/v1/validate\r\nX-Injected: 1'], code: 2, fix: /percent-encode it/},
  {name: 'a //host path asks for a single leading slash', args: ['call', 'GET', '//evil.example.com/api/v1/validate'], code: 2, fix: /start with a single "\/"/},
  {name: 'an absolute URL on a foreign host is refused before sending credentials', args: ['call', 'GET', 'https://evil.example.com/api/v1/validate'], code: 2, fix: /set --api-url or --site/},
  {name: 'an absolute URL on another port of the same host is refused', args: ['call', 'GET', 'http://127.0.0.1:1/api/v1/validate'], code: 2, fix: /set --api-url or --site/},
  {name: 'an http URL when the API is https on the same host is refused', args: ['call', '--api-url', 'https://{host}', 'GET', 'http://{host}/api/v1/validate'], noApiUrl: true, code: 2, fix: /only https:\/\/127\.0\.0\.1:\d+ is allowed; set --api-url/},
  {name: 'an absolute URL with a user name and password is refused', args: ['call', 'GET', 'http://user:hunter2@{host}/api/v1/validate'], code: 2, fix: /must not contain a user name or password/},
  // Other URL schemes and odd forms: each refused before anything is sent (a blob: URL passed the origin check).
  {name: 'a blob: URL wrapping the API origin is refused, not sent', args: ['call', 'GET', 'blob:{server}/api/v1/validate'], code: 2, fix: /^ddcli: PATH is a blob: URL, which ddcli does not send; give a path such as \/api\/v1\/validate, or a URL on http:\/\/127\.0\.0\.1:\d+\n$/},
  ...['data:application/json,{}', 'file:///etc/passwd', 'javascript:alert(1)', 'ftp://{host}/api/v1/validate', 'ws://{host}/api/v1/validate', 'about:blank', 'urn:isbn:0451450523', 'mailto:ops@example.com'].map((path) => (
    {name: `a ${path.split(':')[0]}: PATH is refused naming the scheme`, args: ['call', 'GET', path], code: 2, fix: new RegExp(`^ddcli: PATH is a ${path.split(':')[0]}: URL, which ddcli does not send; give a path such as /api/v1/validate`)})),
  {name: 'a batch line with a blob: path fails that line, not the run', args: ['batch', '--dry-run'], code: 1, fix: /^ddcli: 1 of 1 request failed/, stdin: '{"method":"GET","path":"blob:http://127.0.0.1:1/api/v1/validate"}\n', stdout: /"error":"PATH is a blob: URL, which ddcli does not send/},
  {name: 'a UNC-style \\\\host PATH (read as //host) is refused', args: ['call', 'GET', '\\\\{host}\\api\\v1\\validate'], code: 2, fix: /^ddcli: PATH has a "\\" before its query string, which URL parsers read as "\/"; write "\/"/},
  {name: 'a backslash in the path is refused', args: ['call', 'GET', '/api\\v1/validate'], code: 2, fix: /PATH has a "\\" before its query string/},
  {name: 'an http:/ URL with one slash is refused, not read as http://', args: ['call', 'GET', 'http:/{host}/api/v1/validate'], code: 2, fix: /^ddcli: PATH is not a valid URL \(http: needs "\/\/" before the host\); give a path such as \/api\/v1\/validate/},
  {name: 'an http:\\\\ URL is refused, not read as http://', args: ['call', 'GET', 'http:\\\\{host}/api/v1/validate'], code: 2, fix: /PATH has a "\\"/},

  // API URL and site
  {name: 'an http --api-url on a non-loopback host asks for https', args: ['call', '--api-url', 'http://api.example.com', 'GET', '/api/v1/validate'], noApiUrl: true, code: 2, fix: /must use https/},
  {name: 'an http DD_API_URL on a non-loopback host asks for https', args: ['call', 'GET', '/api/v1/validate'], noApiUrl: true, env: {DD_API_URL: 'http://api.example.com'}, code: 3, fix: /DD_API_URL must use https/},
  {name: 'an http apiUrl in the config on a non-loopback host asks for https', args: ['call', 'GET', '/api/v1/validate'], noApiUrl: true, config: config({profiles: {default: {apiUrl: 'http://api.example.com'}}}), code: 3, fix: /must use https/},
  {name: 'an --api-url that is not a URL shows a URL to copy', args: ['call', '--api-url', 'api.datadoghq.com', 'GET', '/api/v1/validate'], noApiUrl: true, code: 2, fix: /write it as https:\/\/api\.datadoghq\.com/},
  {name: 'an --api-url with a query string asks to drop it', args: ['call', '--api-url', 'https://api.datadoghq.com/?x=1', 'GET', '/api/v1/validate'], noApiUrl: true, code: 2, fix: /must not have a query string/},
  {name: 'an unknown --site close to no site names a few and the region names', args: ['call', '--site', 'datadoghq.example', 'GET', '/api/v1/validate'], code: 2, fix: /site from --site is not a known Datadog site; use a site such as datadoghq\.com or datadoghq\.eu, or its name in Datadog's docs \(US1, /},
  {name: 'a socks proxy in HTTPS_PROXY names the proxies ddcli supports', args: ['call', 'GET', '/api/v1/validate'], noApiUrl: true, env: {HTTPS_PROXY: 'socks5://user:badsecretvalue9z8y7x@127.0.0.1:1080'}, code: 3, fix: /HTTPS_PROXY uses socks5, which ddcli does not support; use an http:\/\/ or https:\/\/ proxy/},
  // Proxy settings: a config error naming the variable (and the NO_PROXY entry) before any request, in batch before any line.
  ...[
    {entry: '10.0.0.0/99', fix: /^ddcli: NO_PROXY has "10\.0\.0\.0\/99", which is not a valid range: an IPv4 range ends in \/0 to \/32; fix or remove that entry\n$/},
    {entry: '::/200', fix: /^ddcli: NO_PROXY has "::\/200", which is not a valid range: an IPv6 range ends in \/0 to \/128; fix or remove that entry\n$/},
    {entry: '1.2.3.4/-1', fix: /^ddcli: NO_PROXY has "1\.2\.3\.4\/-1", which is not a valid range/},
    {entry: 'example.com/8', fix: /^ddcli: NO_PROXY has "example\.com\/8", which is not a valid range: a range is an IP address and a prefix/},
    {entry: '127.0.0.1:99999', fix: /^ddcli: NO_PROXY has "127\.0\.0\.1:99999", whose port is not from 1 to 65535; fix or remove that entry\n$/},
  ].flatMap(({entry, fix}): Row[] => [
    {name: `a NO_PROXY entry ${entry} is a config error naming it`, args: ['call', 'GET', '/api/v1/validate'], env: {HTTP_PROXY: `http://u:${BAD_SECRET}@127.0.0.1:1`, NO_PROXY: `localhost,${entry}`}, code: 3, fix},
    {name: `a NO_PROXY entry ${entry} fails batch before any line is sent`, args: ['batch'], env: {HTTP_PROXY: 'http://127.0.0.1:1', NO_PROXY: entry}, code: 3, fix, stdin: '{"method":"GET","path":"/api/v1/validate"}\n{"method":"GET","path":"/api/v1/validate"}\n'},
  ]),
  {name: 'a bad NO_PROXY entry fails --paginate before the first page', args: ['call', 'GET', '/api/v2/unknown', '--paginate'], env: {HTTP_PROXY: 'http://127.0.0.1:1', no_proxy: '10.0.0.0/99'}, code: 3, fix: /^ddcli: no_proxy has "10\.0\.0\.0\/99"/},
  ...[
    {value: 'http://[::1', fix: /^ddcli: HTTP_PROXY is not a URL; write it as http:\/\/proxy\.example\.com:3128\n$/},
    {value: `socks5://u:${BAD_SECRET}@127.0.0.1:1080`, fix: /^ddcli: HTTP_PROXY uses socks5, which ddcli does not support; use an http:\/\/ or https:\/\/ proxy, or unset HTTP_PROXY\n$/},
    {value: `http://u:${BAD_SECRET}@127.0.0.1:99999`, fix: /^ddcli: HTTP_PROXY has a port that is not from 1 to 65535; write it as http:\/\/proxy\.example\.com:3128\n$/},
    {value: '127.0.0.1:0', fix: /^ddcli: HTTP_PROXY has a port that is not from 1 to 65535/},
  ].flatMap(({value, fix}): Row[] => [
    {name: `an HTTP_PROXY of ${value.replace(BAD_SECRET, 'PASSWORD')} is a config error`, args: ['call', 'GET', '/api/v1/validate'], env: {HTTP_PROXY: value}, code: 3, fix},
    {name: `an HTTP_PROXY of ${value.replace(BAD_SECRET, 'PASSWORD')} fails batch before any line is sent`, args: ['batch'], env: {HTTP_PROXY: value}, code: 3, fix, stdin: '{"method":"GET","path":"/api/v1/validate"}\n'},
  ]),
  {name: 'a proxy variable that is no URL says how to write one', args: ['call', 'GET', '/api/v1/validate'], noApiUrl: true, env: {ALL_PROXY: 'http://exa mple:1'}, code: 3, fix: /ALL_PROXY is not a URL; write it as http:\/\/proxy.example.com:3128/},
  {name: 'an unknown DDCLI_STORAGE names the two backends', args: ['auth', 'set-api-key'], noApiUrl: true, stdin: 'newkey0000000000000000000000ffff\n', env: {DDCLI_STORAGE: 'vault'}, code: 3, fix: /DDCLI_STORAGE must be file or keychain; unset it/},
  {name: 'a stored default profile that is no valid name names where it was read and auth switch', args: ['call', 'GET', '/api/v1/validate'], config: config({defaultProfile: '../x', profiles: {}}), code: 3, fix: /the default profile in .*config\.json \[defaultProfile\] is not a valid name: .*fix it with ddcli auth switch NAME/},
  {name: 'an unknown DD_SITE names the closest site', args: ['call', 'GET', '/api/v1/validate'], env: {DD_SITE: 'datadoghq.co'}, code: 3, fix: /DD_SITE is not a known Datadog site; did you mean datadoghq\.com\?/},
  {name: 'a DD_SITE close to no site names a few and the region names', args: ['call', 'GET', '/api/v1/validate'], env: {DD_SITE: 'example.org'}, code: 3, fix: /DD_SITE is not a known Datadog site; use a site such as datadoghq\.com or datadoghq\.eu, or its name in Datadog's docs \(US1, US3, US5, EU1, AP1, AP2, UK1, US1-FED, US2-FED\)/},
  {name: 'an unknown site in the config names the closest site', args: ['call', 'GET', '/api/v1/validate'], config: config({profiles: {default: {site: 'datadoghq.eux'}}}), code: 3, fix: /profile default\] is not a known Datadog site; did you mean datadoghq\.eu\?/},

  // credentials
  {name: 'an --api-key with a control character asks to set it again', args: ['call', 'GET', '/api/v1/validate', '--api-key', `${BAD_SECRET}\u0007x`], noApiKey: true, code: 2, fix: /--api-key contains a control character.*set the API key again/},
  {name: 'an --api-key with an inner space asks to paste it again', args: ['call', 'GET', '/api/v1/validate', '--api-key', `${BAD_SECRET} x`], noApiKey: true, code: 2, fix: /--api-key contains a space.*paste the API key again without spaces/},
  {name: 'a --bearer-token with a line break asks to set it again', args: ['call', 'GET', '/api/v1/validate', '--bearer-token', `${BAD_SECRET}\nx`], code: 2, fix: /--bearer-token contains a control character/},
  {name: 'a DD_API_KEY with a line break asks to set it again', args: ['call', 'GET', '/api/v1/validate'], env: {DD_API_KEY: `${BAD_SECRET}\r\nX-Injected: 1`}, code: 3, fix: /DD_API_KEY contains a control character.*set the API key again/},
  {name: 'a DD_APP_KEY with an inner space asks to paste it again', args: ['call', 'GET', '/api/v1/validate'], env: {DD_APP_KEY: `${BAD_SECRET} x`}, code: 3, fix: /DD_APP_KEY contains a space.*paste the application key again/},
  {name: 'an apiKey in the config with a control character asks to set it again', args: ['call', 'GET', '/api/v1/validate'], noApiKey: true, config: config({profiles: {default: {apiKey: `${BAD_SECRET}\u0000x`}}}), code: 3, fix: /profile default\] contains a control character/},
  {name: 'an apiKey in the config with an inner space asks to paste it again', args: ['call', 'GET', '/api/v1/validate'], noApiKey: true, config: config({profiles: {default: {apiKey: `${BAD_SECRET} x`}}}), code: 3, fix: /profile default\] contains a space.*paste the API key again/},
  {name: 'no credentials at all names the env vars and ddcli auth set-pat', args: ['call', 'GET', '/api/v1/validate'], noApiKey: true, config: config({profiles: {default: {site: 'datadoghq.com'}}}), code: 4, fix: /set DD_API_KEY .*or run: ddcli auth set-pat/},

  // profiles
  {name: 'a --profile with a slash lists the allowed characters', args: ['call', '--profile', 'a/b', 'GET', '/api/v1/validate'], code: 2, fix: /use letters, digits/},
  {name: 'a --profile of ".." lists the allowed characters', args: ['call', '--profile', '..', 'GET', '/api/v1/validate'], code: 2, fix: /use letters, digits/},
  {name: 'a DD_PROFILE with a slash lists the allowed characters', args: ['call', 'GET', '/api/v1/validate'], env: {DD_PROFILE: 'team/prod'}, code: 3, fix: /use letters, digits/},
  {name: 'a DD_PROFILE climbing out with ".." lists the allowed characters', args: ['call', 'GET', '/api/v1/validate'], env: {DD_PROFILE: 'x..y'}, code: 3, fix: /use letters, digits/},

  // corrupt config file
  {name: 'an empty config file asks to fix or move it', args: ['call', 'GET', '/api/v1/validate'], config: '', code: 3, fix: /is empty; fix it by hand or move it away/},
  {name: 'a truncated config file asks to fix or move it', args: ['call', 'GET', '/api/v1/validate'], config: VALID_CONFIG.slice(0, 30), code: 3, fix: /is not valid JSON; fix it by hand/},
  {name: 'a config file holding an array asks to fix or move it', args: ['call', 'GET', '/api/v1/validate'], config: '[]\n', code: 3, fix: /is not a JSON object; fix it by hand/},
  {name: 'a config file holding a string asks to fix or move it', args: ['call', 'GET', '/api/v1/validate'], config: '"profiles"\n', code: 3, fix: /is not a JSON object; fix it by hand/},
  {name: 'a config file whose profiles is a string asks to fix or move it', args: ['call', 'GET', '/api/v1/validate'], config: config({profiles: 'default'}), code: 3, fix: /"profiles" that is not an object; fix it by hand/},
  {name: 'a config file whose profile is a number asks to fix or move it', args: ['call', 'GET', '/api/v1/validate'], config: config({profiles: {default: 1}}), code: 3, fix: /profile "default" that is not an object; fix it by hand/},
  {name: 'a config file whose apiKey is a number asks to fix or move it', args: ['call', 'GET', '/api/v1/validate'], config: config({profiles: {default: {apiKey: 12345}}}), code: 3, fix: /"profiles\.default\.apiKey" that is not a string; fix it by hand/},
  {name: 'a config path that is a directory asks to fix or move it', args: ['call', 'GET', '/api/v1/validate'], config: 'dir', code: 3, fix: /is a directory; fix it by hand or move it away/},

  // numeric flags
  {name: 'a --timeout of 0 asks for a duration of at least 1ms', args: ['call', 'GET', '/api/v1/validate', '--timeout', '0'], code: 2, fix: /--timeout must be a duration from 1ms to 24h/},
  {name: 'a --timeout that is not a duration shows the units', args: ['call', 'GET', '/api/v1/validate', '--timeout', 'abc'], code: 2, fix: /--timeout must be a duration from 1ms to 24h \(30 is seconds; or 500ms, 5s, 2m, 1h\), got "abc"; e\.g\. --timeout 30s/},
  {name: 'a --timeout with an upper-case unit shows the units', args: ['call', 'GET', '/api/v1/validate', '--timeout', '5S'], code: 2, fix: /--timeout must be a duration .*500ms, 5s, 2m, 1h.*got "5S"/},
  {name: 'a --timeout in days shows the units', args: ['call', 'GET', '/api/v1/validate', '--timeout', '1d'], code: 2, fix: /--timeout must be a duration .*got "1d"/},
  {name: 'a negative --retries asks for a non-negative number', args: ['call', 'GET', '/api/v1/validate', '--retries', '-1'], code: 2, fix: /--retries must be a non-negative number/},
  {name: 'a negative --max-wait asks for a duration from 0', args: ['call', 'GET', '/api/v1/validate', '--max-wait=-5'], code: 2, fix: /--max-wait must be a duration from 0 to 24h/},
  {name: 'a --timeout beyond a day (which would overflow the timer) gives the limit', args: ['call', 'GET', '/api/v1/validate', '--timeout', '1e10'], code: 2, fix: /--timeout must be a duration from 1ms to 24h/},
  {name: 'a --timeout of Infinity gives the limit', args: ['call', 'GET', '/api/v1/validate', '--timeout', 'Infinity'], code: 2, fix: /--timeout must be a duration from 1ms to 24h/},
  {name: 'a --timeout in hex is refused', args: ['call', 'GET', '/api/v1/validate', '--timeout', '0x10'], code: 2, fix: /--timeout must be a duration/},
  {name: 'a --timeout of 25h gives the limit', args: ['call', 'GET', '/api/v1/validate', '--timeout', '25h'], code: 2, fix: /--timeout must be a duration from 1ms to 24h/},
  {name: 'an empty --max-wait is refused, not read as 0', args: ['call', 'GET', '/api/v1/validate', '--max-wait='], code: 2, fix: /--max-wait must be a duration from 0 to 24h/},
  {name: 'a --max-wait beyond a day gives the limit', args: ['call', 'GET', '/api/v1/validate', '--max-wait', '99999999999'], code: 2, fix: /--max-wait must be a duration from 0 to 24h/},
  {name: 'a fractional --retries asks for a whole number', args: ['call', 'GET', '/api/v1/validate', '--retries', '1.5'], code: 2, fix: /--retries must be a non-negative number of retries \(a whole number up to 100\)/},
  {name: 'a huge --retries gives the limit', args: ['call', 'GET', '/api/v1/validate', '--retries', '1000000000'], code: 2, fix: /a whole number up to 100/},
  // Every numeric flag of every command: one line naming the valid values and what was given, never oclif's bare
  // "Parsing --max-items".
  ...([
    ['call', '--max-items', ['abc', '1e3', '1.5', '-1', ''], /must be a whole number of at least 1/],
    ['call', '--page-size', ['ten', '1e3', '0', '2.5', ''], /must be a whole number of at least 1/],
    ['call', '--timeout', ['abc', '1e3', '-5', '', '5 s', '1m1m'], /must be a duration from 1ms to 24h \(30 is seconds; or 500ms, 5s, 2m, 1h\)/],
    ['call', '--max-wait', ['soon', '1e3', '', '2min'], /must be a duration from 0 to 24h \(30 is seconds; or 500ms, 5s, 2m, 1h\)/],
    ['call', '--retries', ['many', '1e1', '-2', ''], /must be a non-negative number of retries \(a whole number up to 100\)/],
    ['batch', '--concurrency', ['many', '0x10', '1e1', '257', '1.5', ''], /must be a whole number from 1 to 256/],
    ['batch', '--timeout', ['abc', '0', '0ms'], /must be a duration from 1ms to 24h \(30 is seconds; or 500ms, 5s, 2m, 1h\)/],
    ['batch', '--max-wait', ['soon', '-1', '-1s'], /must be a duration from 0 to 24h \(30 is seconds; or 500ms, 5s, 2m, 1h\)/],
    ['batch', '--retries', ['1.5', '101'], /must be a non-negative number of retries \(a whole number up to 100\)/],
  ] as const).flatMap(([command, flag, values, valid]) => values.map((value): Row => ({
    name: `${command} ${flag} ${JSON.stringify(value)} names the valid values and what was given`,
    args: command === 'call' ? ['call', 'GET', '/api/v1/monitor', '--paginate', `${flag}=${value}`] : ['batch', `${flag}=${value}`],
    code: 2,
    fix: new RegExp(`^ddcli: ${flag} ${valid.source}, got ${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; e\\.g\\. ${flag} \\d+s?\\n$`),
    stdin: command === 'batch' ? '{"method":"GET","path":"/api/v1/validate"}\n' : undefined,
  }))),

  // values HTTP cannot carry
  {name: 'a header value with non-ASCII text asks to percent-encode it', args: ['call', 'GET', '/api/v1/validate', '-H', 'X-Note: \u65e5\u672c'], code: 2, fix: /header X-Note has a character that is not ASCII.*percent-encode it/},
  {name: 'a header value with a Latin-1 letter asks to percent-encode it', args: ['call', 'GET', '/api/v1/validate', '-H', 'X-Note: caf\u00e9'], code: 2, fix: /not ASCII.*percent-encode it/},
  {name: 'an --api-key with non-ASCII characters asks to set it again', args: ['call', 'GET', '/api/v1/validate', '--api-key', `${BAD_SECRET}\u65e5`], noApiKey: true, code: 2, fix: /--api-key contains a character that is not printable ASCII.*set the API key again/},
  {name: 'a DD_APP_KEY with a non-ASCII character asks to set it again', args: ['call', 'GET', '/api/v1/validate'], env: {DD_APP_KEY: `${BAD_SECRET}\u00e9`}, code: 3, fix: /DD_APP_KEY contains a character that is not printable ASCII/},
  {name: 'a DD_BEARER_TOKEN with a zero-width space asks to set it again', args: ['call', 'GET', '/api/v1/validate'], env: {DD_BEARER_TOKEN: `ddpat_${BAD_SECRET}\u200b`}, code: 3, fix: /DD_BEARER_TOKEN contains a character that is not printable ASCII/},

  // path parameters that would change the path's shape
  {name: 'a -p value of ".." that would climb the path is refused', args: ['call', 'GetMonitor', '-p', 'monitor_id=..'], code: 2, fix: /-p monitor_id is "\.\." or "\.", which would change the path; give the real value/},
  {name: 'a -p value of "." is refused', args: ['call', 'GET', '/api/v1/monitor/{id}', '-p', 'id=.'], code: 2, fix: /-p id is "\.\." or "\.", which would change the path/},
  {name: 'an empty -p value that would drop a path segment is refused', args: ['call', 'GetMonitor', '-p', 'monitor_id='], code: 2, fix: /-p monitor_id is empty; give the value/},

  // hosts per site
  {name: 'an On-Call operation on a government site is refused rather than sent to a commercial host', args: ['call', '--site', 'ddog-gov.com', 'CreateOnCallPage'], noApiUrl: true, code: 2, fix: /none of them is known to serve site ddog-gov\.com/},

  // batch (a malformed request line is not bad input: it gets an error result, see batch.test.ts)
  {name: 'a batch --concurrency of 0 asks for a whole number in range', args: ['batch', '--concurrency', '0'], code: 2, fix: /--concurrency must be a whole number from 1 to 256/, stdin: '{"method":"GET","path":"/api/v1/validate"}\n'},
  {name: 'a batch --concurrency that is not a number asks for a whole number', args: ['batch', '--concurrency', 'many'], code: 2, fix: /--concurrency must be a whole number from 1 to 256/, stdin: '{"method":"GET","path":"/api/v1/validate"}\n'},
  {name: 'a batch --input that does not exist asks to check the path', args: ['batch', '--input', '{work}/missing.ndjson'], code: 2, fix: /cannot read --input .*no such file.*check the path/},
  {name: 'a batch --input that is a directory asks for a file or -', args: ['batch', '--input', '{work}'], code: 2, fix: /it is a directory.*give a file, or - for stdin/},
  {name: 'a batch --timeout of 0 asks for a duration of at least 1ms', args: ['batch', '--timeout', '0'], code: 2, fix: /--timeout must be a duration from 1ms to 24h/, stdin: '{"method":"GET","path":"/api/v1/validate"}\n'},
  {name: 'a batch -H without ":" shows the header syntax', args: ['batch', '-H', 'X-Bad'], code: 2, fix: /write -H 'Name: value'/, stdin: '{"method":"GET","path":"/api/v1/validate"}\n'},
  {name: 'a batch --jq filter that does not compile is refused before any request', args: ['batch', '--jq', '.a |'], code: 2, fix: /--jq filter does not compile: syntax error.*check the jq syntax/, stdin: '{"method":"GET","path":"/api/v1/validate"}\n'},
  {name: 'batch without any credential names how to set one', args: ['batch'], noApiKey: true, config: config({profiles: {default: {site: 'datadoghq.com'}}}), code: 4, fix: /set DD_API_KEY.*or DD_BEARER_TOKEN/, stdin: '{"method":"GET","path":"/api/v1/validate"}\n'},

  // command line shape
  {name: 'a PAT passed as an argument to auth set-pat is masked in "unknown command"', args: ['auth', 'set-pat', TYPED_PAT], noApiUrl: true, code: 2, fix: /auth set-pat takes no argument \(the value given is not shown\); pipe the secret in/},
  {name: 'an API key in a misspelt flag is masked in "Nonexistent flag"', args: ['call', 'GET', '/api/v1/validate', `--apikey=${TYPED_API_KEY}`], code: 2, fix: /unknown flag "--apikey" for ddcli call; did you mean --api-key/},
  {name: 'an API key after "--api-key= " says to drop the space, without the key', args: ['call', 'GET', '/api/v1/validate', '--api-key=', TYPED_API_KEY], code: 2, fix: /^ddcli: --api-key= gives an empty value, and the word after it is an extra argument; write --api-key=VALUE without a space/},
  {name: 'an unknown flag points to --help', args: ['call', 'GET', '/api/v1/validate', '--bogus'], code: 2, fix: /unknown flag "--bogus" for ddcli call; see ddcli call --help/},
  {name: 'a mistyped flag names the closest one', args: ['call', 'GET', '/api/v1/validate', '--verbse'], code: 2, fix: /did you mean --verbose\?/},
  {name: "curl's -d names the ddcli way to send a body", args: ['call', 'POST', '/api/v1/events', '-d', '{}'], code: 2, fix: /--input FILE/},
  {name: 'an unknown command names the closest one', args: ['cal', 'GET', '/api/v1/validate'], noApiUrl: true, code: 2, fix: /unknown command "cal"; did you mean ddcli call\?/},
  {name: 'a secret given to auth set-pat as an argument is refused without echoing it', args: ['auth', 'set-pat', `ddpat_${BAD_SECRET}`], noApiUrl: true, code: 2, fix: /takes no argument \(the value given is not shown\)/},
  {name: 'an operationId with a PATH shows the -p form', args: ['call', 'GetMonitor', '123'], code: 2, fix: /write ddcli call GetMonitor -p monitor_id=123/},
  {name: 'a mistyped operationId names the closest ones', args: ['call', 'ListMonitor'], code: 2, fix: /did you mean ListMonitors/},
  {name: 'a --profile that does not exist names the profiles that do', args: ['call', '--profile', 'wrk', 'GET', '/api/v1/validate'], code: 2, fix: /its profiles are "default", "work" \(did you mean "work"\?\)/},
  {name: 'a DD_PROFILE that does not exist names the profiles that do', args: ['call', 'GET', '/api/v1/validate'], env: {DD_PROFILE: 'home'}, code: 3, fix: /profile "home" from DD_PROFILE is not in .*its profiles are "default", "work"/},
  {name: 'a flag without its value names it as typed, with an example', args: ['call', 'GET', '/api/v1/validate', '-H'], code: 2, fix: /^ddcli: -H expects 'Name: value'; e\.g\. -H 'Accept: text\/csv'$/m},
  {name: 'an extra argument says what call takes', args: ['call', 'GET', '/api/v1/validate', 'extra'], code: 2, fix: /^ddcli: ddcli call takes METHOD \[PATH\], so "extra" is one too many \(see ddcli call --help\)$/m},
  {name: 'a misspelled credential flag keeps its value masked', args: ['call', 'GET', '/api/v1/validate', '--api_key=0123456789abcdef0123456789abcdef'], code: 2, fix: /^ddcli: unknown flag "--api_key" for ddcli call; did you mean --api-key or --app-key\? \(see ddcli call --help\)\n$/},
  {name: 'a key given without its flag is not shown', args: ['call', 'GET', '/api/v1/validate', '0123456789abcdef0123456789abcdef'], code: 2, fix: /^ddcli: ddcli call takes METHOD \[PATH\], so \(a value that looks like a secret, not shown\) is one too many \(see ddcli call --help\)\n$/},
  {name: 'no METHOD at all says what call needs, with examples', args: ['call'], code: 2, fix: /^ddcli: ddcli call needs METHOD and PATH, or an operationId; e\.g\. ddcli call GET \/api\/v1\/validate, or ddcli call ListMonitors/},
  {name: 'a method without PATH shows where the path goes', args: ['call', 'GET'], code: 2, fix: /PATH is missing; write ddcli call GET \/api\/v1\//},
  {name: 'an unknown operationId points to ddcli api list', args: ['call', 'NoSuchOperation'], code: 2, fix: /run ddcli api list to find its name, or give METHOD and PATH/},
  {name: 'an operation without its required path parameter asks for -p', args: ['call', 'GetMonitor'], code: 2, fix: /monitor_id; pass each with -p name=value/},
  {name: 'a -p without "=" shows the name=value form', args: ['call', 'GetMonitor', '-p', '123'], code: 2, fix: /write e\.g\. -p monitor_id=123/},
  {name: 'an empty PATH (an unset variable) is refused, not sent to the ip-ranges host of GET /', args: ['call', 'GET', ''], code: 2, fix: /^ddcli: PATH is empty; give a path such as \/api\/v1\/validate/},
  {name: 'a -p name for a PATH without placeholders says where it would go', args: ['call', 'GET', '/api/v1/validate', '-p', 'x=1'], code: 2, fix: /PATH has no path parameter x; write \{x\} in PATH where it goes, or drop -p x/},
  {name: 'a -p name for an operation without parameters asks to drop it', args: ['call', 'Validate', '-p', 'x=1'], code: 2, fix: /Validate has no path parameter x; drop -p x/},
  {name: 'an unknown -p name lists the parameters the operation takes', args: ['call', 'GetMonitor', '-p', 'monitor_id=1', '-p', 'monitorId=1'], code: 2, fix: /no path parameter monitorId; it takes monitor_id/},
  {name: 'an unfilled {placeholder} in PATH asks for -p', args: ['call', 'GET', '/api/v1/monitor/{monitor_id}'], code: 2, fix: /unfilled placeholders monitor_id; pass each with -p/},

  // auth set-api-key / set-pat read the secret from stdin
  {name: 'set-api-key with stdin closed and empty shows how to pipe the key', args: ['auth', 'set-api-key'], noApiUrl: true, code: 2, fix: /no API key on stdin.*pipe one in: echo "\$DD_API_KEY" \| ddcli auth set-api-key/},
  {name: 'set-pat with only a newline on stdin shows how to pipe the PAT', args: ['auth', 'set-pat'], noApiUrl: true, stdin: '\n', code: 2, fix: /no PAT on stdin.*pipe one in: echo "\$DD_BEARER_TOKEN" \| ddcli auth set-pat/},
  {name: 'set-api-key with binary stdin asks to pipe the key as text', args: ['auth', 'set-api-key'], noApiUrl: true, stdin: Buffer.from([0x00, 0xff, 0x41, 0x0a]), code: 2, fix: /binary data.*pipe the API key as text/},
  {name: 'set-pat with stdin that is not UTF-8 asks to pipe the PAT as text', args: ['auth', 'set-pat'], noApiUrl: true, stdin: Buffer.from([0x64, 0x64, 0xff, 0xfe, 0x0a]), code: 2, fix: /not UTF-8 text.*pipe the PAT as text/},
  {name: 'set-api-key with a space inside the key asks to pipe only the key', args: ['auth', 'set-api-key'], noApiUrl: true, stdin: `${BAD_SECRET} x\n`, code: 2, fix: /contains a space inside it; pipe only the API key/},
  {name: 'set-pat with a control character inside the PAT asks to pipe only the PAT', args: ['auth', 'set-pat'], noApiUrl: true, stdin: `ddpat_${BAD_SECRET}\u001bx\n`, code: 2, fix: /control character.*pipe only the PAT/},
  {name: 'set-pat with two lines on stdin asks to pipe only the PAT', args: ['auth', 'set-pat'], noApiUrl: true, stdin: `ddpat_${BAD_SECRET}\nsecond\n`, code: 2, fix: /more than one line; pipe only the PAT/},
  {name: 'set-api-key with a non-ASCII key asks to pipe only the key', args: ['auth', 'set-api-key'], noApiUrl: true, stdin: `${BAD_SECRET}\u00e9\n`, code: 2, fix: /not printable ASCII.*pipe only the API key/},
  {name: 'set-api-key with more than 16 KiB on stdin asks to pipe only the key', args: ['auth', 'set-api-key'], noApiUrl: true, stdin: `${BAD_SECRET}${'a'.repeat(20_000)}`, code: 2, fix: /more than 16 KiB.*pipe only the API key/},
  {name: 'set-api-key with a truncated config refuses and leaves it untouched', args: ['auth', 'set-api-key'], noApiUrl: true, stdin: `${BAD_SECRET}\n`, config: VALID_CONFIG.slice(0, 30), code: 3, fix: /is not valid JSON; fix it by hand or move it away/},
  {name: 'set-pat with a config that is not an object refuses and leaves it untouched', args: ['auth', 'set-pat'], noApiUrl: true, stdin: `ddpat_${BAD_SECRET}\n`, config: '[1, 2]\n', code: 3, fix: /is not a JSON object; fix it by hand/},
  {name: 'set-pat with a config path that is a directory refuses and leaves it untouched', args: ['auth', 'set-pat'], noApiUrl: true, stdin: `ddpat_${BAD_SECRET}\n`, config: 'dir', code: 3, fix: /is a directory; fix it by hand/},
  {name: 'set-api-key in a config folder other users can write refuses, naming chmod 700', args: ['auth', 'set-api-key'], noApiUrl: true, stdin: `${BAD_SECRET}\n`, configMode: 0o777, code: 3, fix: /can be written by other users, who could replace the config; run chmod 700 /},
  {name: 'config set in a group-writable config folder refuses, naming chmod 700', args: ['config', 'set', 'site', 'datadoghq.eu'], noApiUrl: true, configMode: 0o770, code: 3, fix: /can be written by other users.*chmod 700/},
  {name: 'set-api-key with a --profile holding a slash lists the allowed characters', args: ['auth', 'set-api-key', '--profile', 'a/b'], noApiUrl: true, stdin: `${BAD_SECRET}\n`, code: 2, fix: /use letters, digits/},
  {name: 'set-pat with a DD_PROFILE climbing out with ".." lists the allowed characters', args: ['auth', 'set-pat'], noApiUrl: true, env: {DD_PROFILE: '../x'}, stdin: `ddpat_${BAD_SECRET}\n`, code: 3, fix: /use letters, digits/},
  // Unknown commands: oclif's own " ›   Error: command foo not found" had no "ddcli:" and no help to read.
  {name: 'an unknown command points to ddcli --help', args: ['monitors', 'list', '--json'], noApiUrl: true, code: 2, fix: /^ddcli: unknown command "monitors"; ddcli help lists the commands$/m},
  {name: 'an unknown command of a topic points to the topic\'s help', args: ['api', 'lst', 'x'], noApiUrl: true, code: 2, fix: /^ddcli: unknown command "api lst"; did you mean ddcli api list\?$/m},
  {name: 'an API key pasted where the command goes is not echoed', args: [API_KEY], noApiUrl: true, code: 2, fix: /unknown command ("\*+a1b2"|\(a value that looks like a secret, not shown\))/},
  {name: 'completion for a shell it has no script for lists the shells', args: ['completion', 'powershell'], noApiUrl: true, code: 2, fix: /^ddcli: ddcli completion's SHELL must be bash, fish or zsh, not "powershell"; e\.g\. ddcli completion bash$/m},
  {name: 'completion for a mistyped shell offers the closest', args: ['completion', 'zhs'], noApiUrl: true, code: 2, fix: /not "zhs"; did you mean zsh\?/},
  {name: 'completion without a shell names the shells and how to install one', args: ['completion'], noApiUrl: true, code: 2, fix: /^ddcli: ddcli completion needs the SHELL: bash, zsh or fish; e\.g\. echo 'source <\(ddcli completion bash\)' >> ~\/\.bashrc/},
]

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(server|host|work)\}/g, (_m, key: string) => values[key]!)

type Entry = {path: string, type: string, mode: number, bytes?: string}

/** Every entry under `dir` (the dir itself included) with its type, mode and content, to prove nothing changed. */
async function snapshot(dir: string, rel = '.'): Promise<Entry[]> {
  const at = join(dir, rel)
  const stat = await lstat(at)
  if (!stat.isDirectory()) return [{path: rel, type: 'file', mode: stat.mode, bytes: (await readFile(at)).toString('base64')}]
  const names = (await readdir(at)).sort()
  const children = await Promise.all(names.map((name) => snapshot(dir, join(rel, name))))
  return [{path: rel, type: 'dir', mode: stat.mode}, ...children.flat()]
}

async function writeConfig(dir: string, content: string | 'dir'): Promise<void> {
  const file = join(dir, 'config.json')
  if (content === 'dir') {
    await mkdir(file, {mode: 0o700})
    await writeFile(join(file, 'keep.json'), VALID_CONFIG, {mode: 0o600})
    return
  }
  await writeFile(file, content, {mode: 0o600})
  await chmod(file, 0o600)
}

describe('ddcli refuses malformed input before sending anything', () => {
  beforeAll(async () => {
    const {code} = await run(['--version'])
    expect(code, 'run npm run build before the e2e tests').toBe(0)
  })

  it.concurrent.each(rows)('$name', async (row) => {
    const server = await startServer()
    const configDir = await makeTempDir('ddcli-config-')
    const work = await makeTempDir('ddcli-work-')
    try {
      await writeConfig(configDir, row.config ?? VALID_CONFIG)
      await chmod(configDir, row.configMode ?? 0o700)
      await writeFile(join(work, 'body.json'), '{"title":"x"}')
      await row.setup?.(work)
      const values = {server: server.url, host: new URL(server.url).host, work}
      const args = row.args.map((arg) => fill(arg, values))
      if (!row.noApiUrl) args.splice(1, 0, '--api-url', server.url)
      const env = {DDCLI_CONFIG_DIR: configDir, ...(row.noApiKey ? {} : {DD_API_KEY: API_KEY}), ...row.env}
      const before = await snapshot(configDir)

      const result = await run(args, {env, stdin: row.stdin})

      const stderr = result.stderr
      expect(result.timedOut).toBe(false)
      expect({code: result.code, stderr}).toEqual({code: row.code, stderr: expect.stringMatching(/^ddcli: [^\n]+\n$/)})
      expect(stderr).toMatch(row.fix)
      expect(stderr).not.toMatch(/^\s+at /m)
      if (row.stdout) expect(result.stdout.toString()).toMatch(row.stdout)
      else expect(result.stdout.toString()).toBe('')
      for (const secret of [API_KEY, CONFIG_APP_KEY, BAD_SECRET, 'hunter2', TYPED_PAT.slice(0, -4), TYPED_API_KEY.slice(0, -4)]) {
        expect(stderr).not.toContain(secret)
        expect(result.stdout.toString()).not.toContain(secret)
      }
      // A request already on the wire would be recorded within a few milliseconds of the CLI exiting.
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(server.requests, describeRequests(server.requests)).toHaveLength(0)
      expect(await snapshot(configDir)).toEqual(before)
    } finally {
      await server.close()
      await rm(configDir, {recursive: true, force: true})
      await rm(work, {recursive: true, force: true})
    }
  })

  it.skipIf(process.getuid?.() !== 0)('set-api-key refuses a config folder that belongs to another user', async () => {
    const configDir = await makeTempDir('ddcli-config-')
    try {
      await writeConfig(configDir, VALID_CONFIG)
      await chmod(configDir, 0o700)
      await chown(configDir, 65534, 65534)
      const before = await snapshot(configDir)
      const result = await run(['auth', 'set-api-key'], {env: {DDCLI_CONFIG_DIR: configDir}, stdin: `${BAD_SECRET}\n`})
      expect({code: result.code, stderr: result.stderr}).toEqual({code: 3, stderr: expect.stringMatching(/^ddcli: config folder \S+ belongs to another user \(uid 65534\); use a folder of your own[^\n]*\n$/)})
      expect(await snapshot(configDir)).toEqual(before)
    } finally {
      await rm(configDir, {recursive: true, force: true})
    }
  })
})
