import {mkdir, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {makeTempDir} from '../helpers/cli.js'
import {run} from '../helpers/in-process.js'
import {startServer, type TestServer} from '../helpers/server.js'

const API_KEY = 'mistakeapikey000000000000000a1b2'
const PAT = 'ddpat_mistakesecret00000000000000'
const HEX32 = '0123456789abcdef0123456789abcdef'
const STORE = /store credentials with ddcli auth set-pat \(or set-api-key and set-app-key\)/

/**
 * A newcomer's mistake and the fix its one stderr line must name. `issue` marks the kinds issue 12 lists (its
 * "43 plausible mistakes"); the others are ours. `{server}` is the local server's origin.
 */
interface Mistake {
  name: string
  args: string[]
  /** The fix the one stderr line names; for a mistake ddcli simply answers (help), what stdout shows instead. */
  fix: RegExp
  answered?: true
  code: number
  issue?: boolean
  env?: Record<string, string>
  /** Not echoed, whatever the line says. */
  secret?: string
  stdin?: string
  /** `METHOD /path` the server must never see: the mistake is caught before sending. */
  unsent?: string
}

const mistakes: Mistake[] = [
  // commands that do not exist
  {issue: true, name: 'ddcli login points to the ways to store credentials', args: ['login'], code: 2, fix: STORE},
  {issue: true, name: 'ddcli auth login points to the ways to store credentials', args: ['auth', 'login'], code: 2, fix: STORE},
  {issue: true, name: 'ddcli configure points to the ways to store credentials', args: ['configure'], code: 2, fix: STORE},
  {issue: true, name: 'ddcli cal GET /path suggests call', args: ['cal', 'GET', '/api/v1/validate'], code: 2, fix: /did you mean ddcli call\?/},
  {issue: true, name: 'ddcli api lst suggests api list', args: ['api', 'lst'], code: 2, fix: /did you mean ddcli api list\?/},
  {issue: true, name: 'ddcli auth set-apikey suggests auth set-api-key', args: ['auth', 'set-apikey'], code: 2, fix: /did you mean ddcli auth set-api-key/},
  {name: 'ddcli GET /path shows ddcli call METHOD PATH', args: ['GET', '/api/v1/validate'], code: 2, fix: /ddcli call METHOD PATH/},
  {name: 'ddcli ListMonitors shows ddcli call ListMonitors', args: ['ListMonitors'], code: 2, fix: /write ddcli call ListMonitors/},
  {name: 'a flag before the command says it goes after, naming the command', args: ['--profile', 'staging', 'call', 'GET', '/api/v1/validate'], code: 2, fix: /--profile goes after the command: ddcli call \.\.\. --profile/, unsent: 'GET /api/v1/validate'},
  {name: 'a key given to a flag before the command is not echoed', args: ['--api-key', HEX32, 'call', 'GET', '/api/v1/validate'], code: 2, fix: /--api-key goes after the command: ddcli call/, secret: HEX32},
  {name: 'ddcli status suggests auth status', args: ['status'], code: 2, fix: /did you mean ddcli auth status\?/},
  {name: 'ddcli whoami suggests auth status', args: ['whoami'], code: 2, fix: /did you mean ddcli auth status\?/},
  {name: 'ddcli logout suggests auth clear', args: ['logout'], code: 2, fix: /did you mean ddcli auth clear\?/},
  {name: 'ddcli confg suggests config', args: ['confg', 'list'], code: 2, fix: /did you mean ddcli config\?/},
  {name: 'ddcli auth status extra says it takes no argument', args: ['auth', 'status', 'extra'], code: 2, fix: /takes no argument "extra"/},
  {name: 'a PAT given to auth set-pat as an argument shows the pipe, without the PAT', args: ['auth', 'set-pat', PAT], code: 2, fix: /echo "\$DD_BEARER_TOKEN" \| ddcli auth set-pat/, secret: PAT},
  {name: 'an API key typed as a command is not echoed', args: [HEX32], code: 2, fix: /looks like a secret, not shown/, secret: HEX32},
  {name: 'ddcli help with an unknown command suggests the closest', args: ['help', 'cal'], code: 2, fix: /did you mean ddcli call\?/},
  {name: '--help after an unknown command suggests the closest', args: ['auth', 'stauts', '--help'], code: 2, fix: /did you mean ddcli auth status\?/},

  // flags that do not exist
  {issue: true, name: '--verbse suggests --verbose', args: ['call', 'GET', '/api/v1/validate', '--verbse'], code: 2, fix: /did you mean --verbose\?/},
  {issue: true, name: "curl's -d points to --input and -f/-F", args: ['call', 'POST', '/api/v1/events', '-d', '{}'], code: 2, fix: /--input FILE .*-f key=value/},
  {issue: true, name: "curl's --data points to --input", args: ['call', 'POST', '/api/v1/events', '--data', '{}'], code: 2, fix: /--input FILE/},
  {issue: true, name: "curl's -X against a method already given says which to drop", args: ['call', 'GET', '/api/v1/events', '-X', 'POST'], code: 2, fix: /-X POST disagrees with GET; give the method once/},
  {issue: true, name: "curl's --request shows where the method goes", args: ['call', 'GET', '/api/v1/events', '--request', 'POST'], code: 2, fix: /method as the first argument|-X\/--method/},
  {issue: true, name: "curl's -u points to the credential flags and env vars", args: ['call', 'GET', '/api/v1/validate', '-u', 'me'], code: 2, fix: /DD_API_KEY/},
  {name: 'ddcli help --no-colr suggests --no-color, as every command does', args: ['help', '--no-colr'], code: 2, fix: /^ddcli: unknown flag "--no-colr" for ddcli help; did you mean --no-color\? \(see ddcli help --help\)$/m},
  {name: 'ddcli version --json names the flags version takes', args: ['version', '--json'], code: 2, fix: /^ddcli: ddcli version does not take --json \(see ddcli version --help\)$/m},
  {name: "curl's -o says to redirect stdout", args: ['call', 'GET', '/api/v1/validate', '-o', 'out.json'], code: 2, fix: /redirect it with > FILE/},
  {name: 'a mistyped -o format names the closest one', args: ['call', 'GET', '/api/v1/validate', '-o', 'yml'], code: 2, fix: /^ddcli: unknown output format "yml" in -o\/--output; did you mean yaml\?$/m},
  {name: 'batch -o says batch writes JSON lines and -o is for call', args: ['batch', '-o', 'csv'], code: 2, fix: /ddcli batch writes one JSON result per line; .* -o yaml, table, csv or tsv is for ddcli call/},
  {name: "curl's -I points to HEAD and -i", args: ['call', 'GET', '/api/v1/validate', '-I'], code: 2, fix: /HEAD PATH, or -i/},
  {name: "curl's -v points to --verbose", args: ['call', 'GET', '/api/v1/validate', '-v'], code: 2, fix: /use --verbose/},
  {name: "curl's --retry points to --retries", args: ['call', 'GET', '/api/v1/validate', '--retry', '2'], code: 2, fix: /use --retries N/},
  {name: "gh's --hostname points to --site and --api-url", args: ['call', 'GET', '/api/v1/validate', '--hostname', 'x'], code: 2, fix: /--site .* or --api-url/},
  {name: '--apikey=KEY suggests --api-key and never echoes the key', args: ['call', 'GET', '/api/v1/validate', `--apikey=${HEX32}`], code: 2, fix: /did you mean --api-key/, secret: HEX32},
  {name: 'auth status --chek suggests --check', args: ['auth', 'status', '--chek'], code: 2, fix: /did you mean --check\?/},
  {name: 'auth token --api-key names the flags auth token takes', args: ['auth', 'token', '--api-key', 'x'], code: 2, fix: /does not take --api-key; it takes --bearer-token or --profile/},
  {name: 'api list --jsn suggests --json', args: ['api', 'list', '--jsn'], code: 2, fix: /did you mean --json\?/},

  // operations
  {issue: true, name: 'call GetMonitor 123 shows -p monitor_id=123', args: ['call', 'GetMonitor', '123'], code: 2, fix: /write ddcli call GetMonitor -p monitor_id=123/},
  {issue: true, name: 'call ListMonitor offers ListMonitors', args: ['call', 'ListMonitor'], code: 2, fix: /did you mean ListMonitors/},
  {name: 'call GetMonitr 1 offers GetMonitor', args: ['call', 'GetMonitr', '1'], code: 2, fix: /an operationId such as GetMonitor/},
  {name: 'call ListMonitors /path says an operationId takes no PATH', args: ['call', 'ListMonitors', '/api/v1/monitor'], code: 2, fix: /takes no PATH; write ddcli call ListMonitors/},
  {name: 'a 404 on an unknown path names the closest known paths', args: ['call', 'GET', '/api/v1/monitors'], code: 1, fix: /did you mean: \/api\/v1\/monitor/},

  // what the spec settles before sending (issues 18 and 21)
  {name: 'call DELETE /api/v1/monitor names DeleteMonitor and the methods the path has', args: ['call', 'DELETE', '/api/v1/monitor'], code: 2, unsent: 'DELETE /api/v1/monitor',
    fix: /^ddcli: the spec has no DELETE \/api\/v1\/monitor: that path has ListMonitors \(GET\), CreateMonitor \(POST\); DELETE is at DeleteMonitor: DELETE \/api\/v1\/monitor\/\{monitor_id\}; fix the method or path, or send it anyway with --no-validate$/m},
  {name: 'call POST /api/v1/validate names the method the path has', args: ['call', 'POST', '/api/v1/validate'], code: 2, unsent: 'POST /api/v1/validate', fix: /that path has Validate \(GET\); .*--no-validate/},
  {name: 'call DELETE /api/v1/monitor --no-validate: the 404 names the methods the path has, never the path sent', args: ['call', 'DELETE', '/api/v1/monitor', '--no-validate'], code: 1,
    fix: /^ddcli: HTTP 404 Not Found: [^\n]*; the spec has ListMonitors \(GET\), CreateMonitor \(POST\) on this path, and DELETE at DeleteMonitor: DELETE \/api\/v1\/monitor\/\{monitor_id\}$/m},
  {name: 'fields on /api/v1/monitor with no method name both operations and the -X of each', args: ['call', '/api/v1/monitor', '-f', 'name=cpu'], code: 2, unsent: 'POST /api/v1/monitor',
    fix: /has both ListMonitors \(GET\) and CreateMonitor \(POST\); with fields, say which: -X GET for ListMonitors .* or -X POST for CreateMonitor/},
  {name: '-p for a name that only the query string holds says placeholders are for the path', args: ['call', 'GET', '/api/v1/query?query=avg:x{*}by{host}', '-p', 'host=web'], code: 2, fix: /PATH has no path parameter host; write \{host\} in PATH where it goes/},
  {name: '--input holding {bad names stdin, line and column', args: ['call', 'POST', '/api/v1/events', '--input', '-'], stdin: '{bad', code: 2, unsent: 'POST /api/v1/events',
    fix: /^ddcli: --input stdin is not JSON: line 1, column 2: expected a property name in double quotes, found "b"; fix it, or send it as it is with --no-validate/m},
  {name: '--input with single quotes says JSON strings take double quotes', args: ['call', 'POST', '/api/v1/events', '--input', '-'], stdin: "['a']", code: 2, unsent: 'POST /api/v1/events', fix: /line 1, column 2: .*\(JSON strings take double quotes\)/},
  {name: '--input with a trailing comma says JSON allows none', args: ['call', 'POST', '/api/v1/events', '--input', '-'], stdin: '{"title": "x",\n}', code: 2, unsent: 'POST /api/v1/events', fix: /line 2, column 1: .*JSON allows no trailing comma/},
  {name: 'an empty --input says the body is empty', args: ['call', 'POST', '/api/v1/events', '--input', '-'], stdin: '', code: 2, unsent: 'POST /api/v1/events', fix: /--input stdin is not JSON: line 1, column 1: the body is empty/},
  {name: '--dry-run of a body that is not JSON says so', args: ['call', 'POST', '/api/v1/events', '--input', '-', '--dry-run'], stdin: '{bad', code: 2, fix: /--input stdin is not JSON: line 1, column 2/},
  {name: 'config set validate maybe names true and false', args: ['config', 'set', 'validate', 'maybe'], code: 2, fix: /the validate value must be true or false/},

  // credentials and profiles
  {issue: true, name: 'a 403 names the credentials sent, their sources, the site and auth status --check', args: ['call', 'GET', '/forbidden'], code: 1, fix: /sent the API key from DD_API_KEY \(no PAT, no application key\) to .*ddcli auth status --check/},
  {issue: true, name: 'a 401 says the same', args: ['call', 'GET', '/unauthorized'], code: 1, fix: /HTTP 401.*sent the API key from DD_API_KEY.*auth status --check/},
  {issue: true, name: 'DD_APPLICATION_KEY alone names DD_APP_KEY', args: ['call', 'GET', '/api/v1/validate'], env: {DD_API_KEY: '', DD_APPLICATION_KEY: 'x'}, code: 4, fix: /DD_APPLICATION_KEY is set but ddcli reads DD_APP_KEY/},
  {issue: true, name: 'DATADOG_APPLICATION_KEY alone names DD_APP_KEY', args: ['call', 'GET', '/api/v1/validate'], env: {DD_API_KEY: '', DATADOG_APPLICATION_KEY: 'x'}, code: 4, fix: /DATADOG_APPLICATION_KEY is set but ddcli reads DD_APP_KEY/},
  {name: 'DATADOG_ACCESS_TOKEN alone names DD_BEARER_TOKEN', args: ['call', 'GET', '/api/v1/validate'], env: {DD_API_KEY: '', DATADOG_ACCESS_TOKEN: 'x'}, code: 4, fix: /DATADOG_ACCESS_TOKEN is set but ddcli reads DD_BEARER_TOKEN/},
  {issue: true, name: 'call --profile of a missing profile names the existing ones', args: ['call', '--profile', 'stagng', 'GET', '/api/v1/validate'], code: 2, fix: /its profiles are "default", "staging" \(did you mean "staging"\?\)/},
  {issue: true, name: 'auth status --profile of a missing profile names the existing ones', args: ['auth', 'status', '--profile', 'prod'], code: 2, fix: /profile "prod" from --profile is not in .*its profiles are "default", "staging"/},
  {issue: true, name: 'config get --profile of a missing profile names the existing ones', args: ['config', 'get', 'site', '--profile', 'prod'], code: 2, fix: /its profiles are "default", "staging"/},
  {issue: true, name: 'auth status with nothing configured says what to run next', args: ['auth', 'status'], env: {DD_API_KEY: ''}, code: 0, fix: /no credentials configured yet; run ddcli auth set-pat .*then check them with ddcli auth status --check/},
  {name: 'ddcli help with a mistyped topic suggests it', args: ['help', 'exit-code'], code: 2, fix: /did you mean ddcli help exit-codes\?/},
  {name: 'a DD_PROFILE of a missing profile names the existing ones', args: ['call', 'GET', '/api/v1/validate'], env: {DD_PROFILE: 'stagin'}, code: 3, fix: /profile "stagin" from DD_PROFILE .*did you mean "staging"/},

  // oclif's own lines (issue 21): each gets ddcli's line, the flag as typed, the fix and an example
  {name: '-f with no value says -f expects key=value', args: ['call', 'GET', '/api/v1/validate', '-f'], code: 2, fix: /^ddcli: -f expects key=value; e\.g\. -f "filter\[query\]=service:web"$/m},
  {name: '-F followed by a flag says that flag is not its value', args: ['call', 'POST', '/api/v1/events', '-F', '--verbose'], code: 2, fix: /^ddcli: -F expects key=value .*"--verbose" is a flag; write -FVALUE/m},
  {name: '-p with no value shows name=value', args: ['call', 'GetMonitor', '-p'], code: 2, fix: /-p expects name=value; e\.g\. -p monitor_id=123/},
  {name: '--timeout with no value shows a duration', args: ['call', 'GET', '/api/v1/validate', '--timeout'], code: 2, fix: /--timeout expects a duration; e\.g\. --timeout 30s/},
  {name: '--api-key with no value points to DD_API_KEY', args: ['call', 'GET', '/api/v1/validate', '--api-key'], code: 2, fix: /--api-key expects the API key; better, set DD_API_KEY/},
  {name: '--timeout given twice says to give it once', args: ['call', 'GET', '/api/v1/validate', '--timeout', '5', '--timeout', '6'], code: 2, fix: /--timeout was given more than once; give it once/},
  {name: 'ddcli completion names bash, zsh and fish and how to install one', args: ['completion'], code: 2, fix: /^ddcli: ddcli completion needs the SHELL: bash, zsh or fish; e\.g\. echo 'source <\(ddcli completion bash\)' >> ~\/\.bashrc/m},
  {name: 'ddcli completion powershell names the shells it has', args: ['completion', 'powershell'], code: 2, fix: /SHELL must be bash, fish or zsh, not "powershell"/},
  {name: 'ddcli completion zhs offers zsh', args: ['completion', 'zhs'], code: 2, fix: /did you mean zsh\?/},
  {name: 'ddcli config get names the keys', args: ['config', 'get'], code: 2, fix: /^ddcli: ddcli config get needs a KEY: site, api-url, validate, read-only or output; e\.g\. ddcli config get site$/m},
  {name: 'ddcli config set site names a value to give', args: ['config', 'set', 'site'], code: 2, fix: /ddcli config set needs a VALUE: a site such as datadoghq\.eu, or its region name \(EU1\)/},
  {name: 'ddcli call alone shows METHOD PATH and an operationId', args: ['call'], code: 2, fix: /ddcli call needs METHOD and PATH, or an operationId; e\.g\. ddcli call GET \/api\/v1\/validate/},
  {name: 'ddcli api show alone shows an operation to give', args: ['api', 'show'], code: 2, fix: /ddcli api show needs an OPERATION.*e\.g\. ddcli api show GetMonitor/},
  {name: 'ddcli auth switch alone points to auth list', args: ['auth', 'switch'], code: 2, fix: /needs a PROFILE .*ddcli auth list shows the profiles/},
  {name: '-f before METHOD PATH says -f took them', args: ['call', '-f', 'a=b', 'GET', '/api/v1/validate'], code: 2, fix: /-f takes every word up to the next flag, so it took "GET \/api\/v1\/validate"; write ddcli call GET \/api\/v1\/validate -f \.\.\./},
  {name: 'a field without -f says to write -f', args: ['call', 'POST', '/api/v1/events', 'title=deploy'], code: 2, fix: /"title=deploy" is one too many; to send it as a field, write -f title=deploy/},
  {name: 'an extra argument says what the command takes', args: ['config', 'get', 'site', 'extra'], code: 2, fix: /ddcli config get takes KEY, so "extra" is one too many/},
  {name: '--verbose=yes says --verbose takes no value', args: ['call', 'GET', '/api/v1/validate', '--verbose=yes'], code: 2, fix: /--verbose takes no value; write --verbose alone/},
  {name: '--api-key= KEY (a space after =) says to drop the space, without the key', args: ['call', 'GET', '/api/v1/validate', '--api-key=', HEX32], code: 2, fix: /--api-key= gives an empty value.*write --api-key=VALUE without a space/, secret: HEX32},
  {name: 'auth status --all with --profile says they do not go together', args: ['auth', 'status', '--all', '--profile', 'staging'], code: 2, fix: /^ddcli: --all and --profile cannot be used together; drop one/m},

  // the word help after a command or topic (issue 21): help, as git and gh answer it
  {answered: true, name: 'ddcli call help shows the help of call', args: ['call', 'help'], code: 0, fix: /^Send an authenticated request to the Datadog API\n\nUSAGE\n {2}\$ ddcli call METHOD/},
  {answered: true, name: 'ddcli call help GET shows the help of call', args: ['call', 'help', 'GET'], code: 0, fix: /USAGE\n {2}\$ ddcli call METHOD/},
  {answered: true, name: 'ddcli call --help GET shows the help of call', args: ['call', '--help', 'GET'], code: 0, fix: /USAGE\n {2}\$ ddcli call METHOD/},
  {answered: true, name: 'ddcli auth help shows the auth topic', args: ['auth', 'help'], code: 0, fix: /auth set-pat {2,}Store a Personal Access Token/},
  {answered: true, name: 'ddcli auth help status shows the help of auth status', args: ['auth', 'help', 'status'], code: 0, fix: /USAGE\n {2}\$ ddcli auth status/},
  {answered: true, name: 'ddcli auth status help shows the help of auth status', args: ['auth', 'status', 'help'], code: 0, fix: /USAGE\n {2}\$ ddcli auth status/},
  {answered: true, name: 'ddcli config help shows the config topic', args: ['config', 'help'], code: 0, fix: /config set {2,}Set a profile's site/},
  {answered: true, name: 'ddcli api help shows the api topic', args: ['api', 'help'], code: 0, fix: /api show {2,}Show how to call one API operation/},
  {answered: true, name: 'ddcli batch help shows the help of batch', args: ['batch', 'help'], code: 0, fix: /USAGE\n {2}\$ ddcli batch/},
  {answered: true, name: 'ddcli completion help shows the help of completion', args: ['completion', 'help'], code: 0, fix: /USAGE\n {2}\$ ddcli completion SHELL/},
  {answered: true, name: 'ddcli auth set-pat help shows its help, not the secret-as-argument line', args: ['auth', 'set-pat', 'help'], code: 0, fix: /USAGE\n {2}\$ ddcli auth set-pat/},

  // sites (issue 21): region names resolve; anything else gets the closest site, not the whole list
  {name: '--site eux offers EU1', args: ['call', 'GET', '/api/v1/validate', '--site', 'eux'], code: 2, fix: /^ddcli: site from --site is not a known Datadog site; did you mean EU1\?$/m},
  {name: 'config set site datadoghq.eux offers datadoghq.eu', args: ['config', 'set', 'site', 'datadoghq.eux'], code: 2, fix: /^ddcli: the site value is not a known Datadog site; did you mean datadoghq\.eu\?$/m},
  {name: 'a DD_SITE of datadog.eu offers datadoghq.eu', args: ['call', 'GET', '/api/v1/validate'], env: {DD_SITE: 'datadog.eu'}, code: 3, fix: /site from DD_SITE is not a known Datadog site; did you mean datadoghq\.eu\?/},
  {name: 'a region used as a subdomain (eu1.datadoghq.com) offers its site', args: ['auth', 'status', '--site', 'eu1.datadoghq.com'], code: 2, fix: /did you mean datadoghq\.eu\?/},
  {name: 'a gov site typed as us1fed offers US1-FED', args: ['auth', 'status', '--site', 'us1fed'], code: 2, fix: /did you mean US1-FED\?/},
  {name: 'a site close to none names the region names, not all ten hosts', args: ['call', 'GET', '/api/v1/validate', '--site', 'example.com'], code: 2, fix: /use a site such as datadoghq\.com or datadoghq\.eu, or its name in Datadog's docs \(US1, US3, US5, EU1, AP1, AP2, UK1, US1-FED, US2-FED\)$/m},

  // durations (issue 21): a unit is fine, a wrong one shows the right ones
  {name: '--timeout 5sec shows the units a duration takes', args: ['call', 'GET', '/api/v1/validate', '--timeout', '5sec'], code: 2, fix: /--timeout must be a duration from 1ms to 24h \(30 is seconds; or 500ms, 5s, 2m, 1h\), got "5sec"; e\.g\. --timeout 30s/},
  {name: '--timeout "5 s" shows the units without a space', args: ['call', 'GET', '/api/v1/validate', '--timeout', '5 s'], code: 2, fix: /got "5 s"; e\.g\. --timeout 30s/},
  {name: '--max-wait 2min shows 2m', args: ['call', 'GET', '/api/v1/validate', '--max-wait', '2min'], code: 2, fix: /--max-wait must be a duration from 0 to 24h \(30 is seconds; or 500ms, 5s, 2m, 1h\)/},
  {name: 'batch --timeout 2d gives the limit of a day', args: ['batch', '--timeout', '2d'], code: 2, fix: /--timeout must be a duration from 1ms to 24h/},
  {name: "curl's -m points to --timeout with a duration", args: ['call', 'GET', '/api/v1/validate', '-m', '5'], code: 2, fix: /use --timeout DURATION \(seconds, or 500ms, 30s, 2m\)/},
  {name: "curl's --connect-timeout points to --timeout", args: ['call', 'GET', '/api/v1/validate', '--connect-timeout', '5'], code: 2, fix: /use --timeout DURATION/},
]

let server: TestServer
let configDir: string

beforeAll(async () => {
  server = await startServer((request) => {
    if (request.path === '/forbidden') return {status: 403, body: '{"errors":["Forbidden"]}'}
    if (request.path === '/unauthorized') return {status: 401, body: '{"errors":["Unauthorized"]}'}
    if (request.path === '/api/v1/monitors') return {status: 404, body: '{"errors":["Not found"]}'}
    if (request.method === 'DELETE' && request.path === '/api/v1/monitor') return {status: 404, body: '{"errors":["Not found"]}'}
    return {status: 200, headers: {'content-type': 'application/json'}, body: '{}'}
  })
  configDir = await makeTempDir('ddcli-mistakes-')
  await mkdir(configDir, {recursive: true})
  await writeFile(join(configDir, 'config.json'), JSON.stringify({profiles: {default: {}, staging: {site: 'datadoghq.eu'}}}), {mode: 0o600})
})

afterAll(async () => {
  await server.close()
  await rm(configDir, {recursive: true, force: true})
})

describe('a newcomer\'s mistake gets one line that names the fix', () => {
  it.concurrent.each(mistakes.filter((m) => m.answered))('$name', async ({args, env, code, fix}) => {
    const result = await run(args, {env: {DDCLI_CONFIG_DIR: configDir, DD_API_KEY: API_KEY, DD_API_URL: server.url, ...env}})
    expect({code: result.code, stderr: result.stderr}).toEqual({code, stderr: ''})
    expect(result.stdout.toString()).toMatch(fix)
  })

  it.concurrent.each(mistakes.filter((m) => !m.answered))('$name', async ({args, env, code, fix, secret, stdin, unsent}) => {
    const result = await run(args, {env: {DDCLI_CONFIG_DIR: configDir, DD_API_KEY: API_KEY, DD_API_URL: server.url, ...env}, stdin})
    if (unsent) expect(server.requests.map((r) => `${r.method} ${r.path}`)).not.toContain(unsent)
    expect({code: result.code, stderr: result.stderr}).toEqual({code, stderr: expect.stringMatching(/^(ddcli: note: [^\n]+\n)?ddcli: [^\n]+\n$/)})
    expect(result.stderr).toMatch(fix)
    expect(result.stderr).not.toMatch(/not found\.?$|Nonexistent flag|^\s+at /m)
    for (const value of [API_KEY, ...(secret ? [secret] : [])]) expect(result.stderr).not.toContain(value)
  })

  it('covers every kind of mistake issue 12 names', () => {
    expect(mistakes.filter((m) => m.issue).length).toBe(22)
  })
})
