import {describe, expect, it} from 'vitest'
import {commandNotFoundLine, flagBeforeCommandLine, helpWordSubject, looksLikeSecret, unknownFlagLine, type FlagInfo} from '../../src/suggest/index.js'
import {closest, editDistance} from '../../src/closest.js'

const KNOWN = {
  commands: ['call', 'completion', 'help', 'version', 'api list', 'api show', 'auth clear', 'auth set-api-key', 'auth set-app-key', 'auth set-pat', 'auth status', 'auth token', 'config get', 'config list', 'config path', 'config set', 'config unset'],
  topics: ['api', 'auth', 'config'],
}
const STORE = /store credentials with ddcli auth set-pat \(or set-api-key and set-app-key\), or set DD_BEARER_TOKEN/
const PAT = 'ddpat_0123456789abcdefABCDEF'
const API_KEY = '0123456789abcdef0123456789abcdef'
const APP_KEY = '0123456789abcdef0123456789abcdef01234567'

describe('the line for an unknown command', () => {
  it.each([
    {name: 'login points to the ways to store credentials', words: ['login'], line: STORE},
    {name: 'auth login points to the ways to store credentials', words: ['auth', 'login'], line: STORE},
    {name: 'configure points to the ways to store credentials', words: ['configure'], line: STORE},
    {name: 'setup points to the ways to store credentials', words: ['setup'], line: STORE},
    {name: 'cal suggests call', words: ['cal', 'GET', '/api/v1/validate'], line: /unknown command "cal"; did you mean ddcli call\?$/},
    {name: 'calll suggests call', words: ['calll'], line: /did you mean ddcli call\?/},
    {name: 'api lst suggests api list', words: ['api', 'lst'], line: /unknown command "api lst"; did you mean ddcli api list\?/},
    {name: 'api shwo suggests api show', words: ['api', 'shwo'], line: /did you mean ddcli api show\?/},
    {name: 'auth set-apikey suggests auth set-api-key first', words: ['auth', 'set-apikey'], line: /did you mean ddcli auth set-api-key or/},
    {name: 'auth set-token points to the ways to store credentials', words: ['auth', 'set-token'], line: STORE},
    {name: 'an auth word close to nothing lists the auth commands', words: ['auth', 'frobnicate'], line: /ddcli auth has clear, set-api-key, set-app-key, set-pat, status or token/},
    {name: 'confg suggests config', words: ['confg'], line: /did you mean ddcli config\?/},
    {name: 'status suggests auth status', words: ['status'], line: /did you mean ddcli auth status\?/},
    {name: 'whoami suggests auth status', words: ['whoami'], line: /did you mean ddcli auth status\?/},
    {name: '-v (other CLIs\' version flag) suggests version', words: ['-v'], line: /^unknown command "-v"; did you mean ddcli version\?$/},
    {name: '-V suggests version', words: ['-V'], line: /did you mean ddcli version\?$/},
    {name: 'logout suggests auth clear', words: ['logout'], line: /did you mean ddcli auth clear\?/},
    {name: 'list suggests the two list commands', words: ['list'], line: /did you mean ddcli api list or ddcli config list\?/},
    {name: 'a method as the command shows ddcli call METHOD PATH', words: ['GET', '/api/v1/validate'], line: /ddcli call METHOD PATH/},
    {name: 'a path as the command shows ddcli call METHOD PATH', words: ['/api/v1/validate'], line: /ddcli call METHOD PATH/},
    {name: 'an operationId as the command shows ddcli call with it', words: ['ListMonitors'], line: /write ddcli call ListMonitors/},
    {name: 'a word close to nothing points to ddcli help', words: ['xyzzy'], line: /unknown command "xyzzy"; ddcli help lists the commands/},
    {name: 'an extra word after a command says it takes no argument', words: ['auth', 'status', 'extra'], line: /ddcli auth status takes no argument "extra"; see ddcli auth status --help/},
    {name: 'a value after auth set-pat shows how to pipe it, without it', words: ['auth', 'set-pat', 'notasecretshape'], line: /takes no argument \(the value given is not shown\); pipe the secret in: echo "\$DD_BEARER_TOKEN" \| ddcli auth set-pat/},
    {name: 'a value after auth set-api-key names DD_API_KEY', words: ['auth', 'set-api-key', 'x'], line: /echo "\$DD_API_KEY" \| ddcli auth set-api-key/},
  ])('$name', ({words, line}) => {
    const out = commandNotFoundLine(words, KNOWN)
    expect(out).toMatch(line)
    expect(out).not.toContain('\n')
    expect(out).not.toMatch(/not found$/)
  })

  it.each([
    {name: 'a PAT typed as a command', words: [PAT]},
    {name: 'an API key typed as a command', words: [API_KEY]},
    {name: 'an application key typed as a command', words: [APP_KEY]},
    {name: 'a PAT typed after auth', words: ['auth', PAT]},
    {name: 'an API key typed after api', words: ['api', API_KEY]},
    {name: 'a PAT given to auth set-pat as an argument', words: ['auth', 'set-pat', PAT]},
    {name: 'an API key given to auth status as an argument', words: ['auth', 'status', API_KEY]},
    {name: 'a secret that looks like an operationId', words: [`Ab${API_KEY}`]},
  ])('never echoes $name', ({words}) => {
    const out = commandNotFoundLine(words, KNOWN)
    for (const secret of [PAT, API_KEY, APP_KEY, 'ddpat_']) expect(out).not.toContain(secret)
  })
})

describe('the line for a flag typed before the command', () => {
  it.each([
    {name: '--profile before call says flags go after the command, naming call', argv: ['--profile', 'staging', 'call', 'GET', '/api/v1/validate'], line: /^--profile goes after the command: ddcli call \.\.\. --profile \(ddcli call --help lists its flags\)$/},
    {name: '--site=eu before auth status names auth status', argv: ['--site=eu', 'auth', 'status'], line: /^--site goes after the command: ddcli auth status \.\.\. --site \(/},
    {name: 'a flag before a topic names the topic', argv: ['--verbose', 'config', 'list'], line: /ddcli config list \.\.\. --verbose/},
    {name: 'a flag and no command shows where flags go', argv: ['--bogus'], line: /^--bogus comes before any command; flags go after one, e\.g\. ddcli call GET \/api\/v1\/validate --verbose \(ddcli help lists the commands\)$/},
    {name: '--pat=KEY before call names --pat alone', argv: [`--pat=${PAT}`, 'call', 'GET', '/x'], line: /^--pat goes after the command: ddcli call \.\.\. --pat \(/},
    {name: 'a short flag before call', argv: ['-o', 'table', 'call', 'ListMonitors'], line: /^-o goes after the command: ddcli call \.\.\. -o \(/},
  ])('$name', ({argv, line}) => {
    expect(flagBeforeCommandLine(argv, KNOWN)).toMatch(line)
  })

  it.each([
    {name: 'a command first', argv: ['call', '--profile', 'x']},
    {name: '-v, which suggests version', argv: ['-v']},
    {name: '-V, which suggests version', argv: ['-V']},
    {name: 'nothing', argv: []},
  ])('leaves $name to the other lines', ({argv}) => {
    expect(flagBeforeCommandLine(argv, KNOWN)).toBeUndefined()
  })

  it.each([
    {name: 'a PAT as the flag', argv: [`--${PAT}`, 'call']},
    {name: 'a PAT after --pat=', argv: [`--pat=${PAT}`, 'call', 'GET', '/x']},
    {name: 'an API key after --api-key', argv: ['--api-key', API_KEY, 'call', 'GET', '/x']},
    {name: 'an escape sequence as the flag', argv: ['--\u001b[2Jx', 'call']},
  ])('never echoes $name', ({argv}) => {
    const out = flagBeforeCommandLine(argv, KNOWN)!
    expect(out).not.toContain('\u001b')
    expect(out).toMatch(/go(es)? after/)
    for (const secret of [PAT, API_KEY, 'ddpat_']) expect(out).not.toContain(secret)
  })
})

const CALL_FLAGS: FlagInfo[] = ['api-key', 'api-url', 'app-key', 'profile', 'site', 'dry-run', 'field', 'header', 'include', 'input', 'max-wait', 'no-color', 'param', 'raw-field', 'retries', 'retry-unsafe', 'silent', 'timeout', 'verbose']
  .map((name) => ({name}))
  .concat([{name: 'bearer-token', aliases: ['pat']} as FlagInfo])

describe('the word help after a command or topic', () => {
  it.each([
    {name: 'after a command', words: ['call', 'help'], want: ['call']},
    {name: 'after a command, with what follows', words: ['call', 'help', 'GET', '/x'], want: ['call', 'GET', '/x']},
    {name: 'after a command of a topic', words: ['auth', 'status', 'help'], want: ['auth', 'status']},
    {name: 'after a topic', words: ['auth', 'help'], want: ['auth']},
    {name: 'after a topic, naming one of its commands', words: ['auth', 'help', 'status'], want: ['auth', 'status']},
    {name: 'after a command, flags following', words: ['batch', 'help', '--concurrency', '2'], want: ['batch', '--concurrency', '2']},
    {name: 'after an argument (a path named help)', words: ['call', 'GET', 'help'], want: undefined},
    {name: 'after a flag', words: ['call', '--verbose', 'help'], want: undefined},
    {name: 'after --', words: ['call', '--', 'help'], want: undefined},
    {name: 'as a flag value', words: ['auth', 'status', '--profile', 'help'], want: undefined},
    {name: 'first (the help command itself)', words: ['help', 'call'], want: undefined},
    {name: 'after an unknown word', words: ['cal', 'help'], want: undefined},
    {name: 'a profile named help for auth switch', words: ['auth', 'switch', 'help'], want: undefined},
    {name: 'a search for help with api list', words: ['api', 'list', 'help'], want: undefined},
    {name: 'a word to complete', words: ['__complete', 'help', ''], want: undefined},
    {name: 'Help in capitals, which is not the word', words: ['call', 'Help'], want: undefined},
  ])('$name', ({words, want}) => {
    expect(helpWordSubject(words, {...KNOWN, commands: [...KNOWN.commands, 'auth switch', 'batch', '__complete']})).toEqual(want)
  })
})

describe('the line for an unknown flag', () => {
  it.each([
    {name: '--verbse suggests --verbose', token: '--verbse', line: /unknown flag "--verbse" for ddcli call; did you mean --verbose\?/},
    {name: '--dryrun suggests --dry-run', token: '--dryrun', line: /did you mean --dry-run\?/},
    {name: '--apikey suggests --api-key', token: '--apikey', line: /did you mean --api-key/},
    {name: '--app_key suggests --app-key', token: '--app_key', line: /did you mean --app-key/},
    {name: '--bearer suggests --bearer-token', token: '--bearer', line: /did you mean --bearer-token/},
    {name: '--headers suggests --header', token: '--headers', line: /did you mean --header\b/},
    {name: '--timout suggests --timeout', token: '--timout', line: /did you mean --timeout\?/},
    {name: "curl's --retry points to --retries", token: '--retry', line: /use --retries N/},
    {name: "curl's -d points to --input and fields", token: '-d', line: /--input FILE .*-f key=value/},
    {name: "curl's --data points to --input and fields", token: '--data', line: /--input FILE/},
    {name: "curl's --data-raw points to --input and fields", token: '--data-raw', line: /--input FILE/},
    {name: "curl's --json points to --input", token: '--json', line: /--input FILE/},
    {name: "curl's -X shows the method as first argument", token: '-X', line: /method as the first argument: ddcli call POST/},
    {name: "curl's --request shows the method as first argument", token: '--request', line: /method as the first argument/},
    {name: "curl's -u points to the credential flags and env vars", token: '-u', line: /--api-key, --app-key or --bearer-token .*DD_API_KEY/},
    {name: "curl's -o says to redirect stdout", token: '-o', line: /redirect it with > FILE/},
    {name: "curl's -I points to HEAD and -i", token: '-I', line: /ddcli call HEAD PATH, or -i/},
    {name: "curl's -L says same-origin redirects are followed", token: '-L', line: /already follows redirects/},
    {name: "curl's -v points to --verbose", token: '-v', line: /use --verbose/},
    {name: "curl's -k says TLS is always verified", token: '-k', line: /always verifies TLS/},
    {name: "gh's --hostname points to --site and --api-url", token: '--hostname', line: /use --site .* or --api-url/},
    {name: "gh's --jq points to a pipe to jq", token: '--jq', line: /pipe the body to jq/},
    {name: "gh's -q is no foreign flag (call takes it as --jq): no pipe to jq for it", token: '-q', line: /^unknown flag "-q" for ddcli call; see ddcli call --help$/},
    {name: "gh's --paginate says ddcli sends one request", token: '--paginate', line: /sends one request/},
    {name: 'an unrelated flag points to --help', token: '--zzzzzz', line: /unknown flag "--zzzzzz" for ddcli call; see ddcli call --help$/},
  ])('$name', ({token, line}) => {
    expect(unknownFlagLine(token, CALL_FLAGS, 'call')).toMatch(line)
  })

  it('says which flags a command takes when the flag belongs to another command', () => {
    expect(unknownFlagLine('--api-key', [{name: 'no-color'}, {name: 'bearer-token', aliases: ['pat']}, {name: 'profile'}], 'auth token', ['api-key', 'verbose']))
      .toBe('ddcli auth token does not take --api-key; it takes --bearer-token or --profile (see ddcli auth token --help)')
  })

  it('names no flags to take when a command has only --no-color (version)', () => {
    expect(unknownFlagLine('--json', [{name: 'no-color'}], 'version', ['json'])).toBe('ddcli version does not take --json (see ddcli version --help)')
  })

  it('names --method for -X when the command has it', () => {
    expect(unknownFlagLine('--request', [...CALL_FLAGS, {name: 'method', char: 'X'}], 'call')).toMatch(/use -X\/--method METHOD/)
  })

  it.each([
    {name: 'the value after = of a mistyped credential flag', token: `--apikey=${API_KEY}`},
    {name: 'a PAT written as a flag', token: `--${PAT}`},
    {name: 'an application key after a short flag', token: `-d${APP_KEY}`},
  ])('never echoes $name', ({token}) => {
    const out = unknownFlagLine(token, CALL_FLAGS, 'call')
    for (const secret of [PAT, API_KEY, APP_KEY]) expect(out).not.toContain(secret)
  })
})

describe('the suggestion helpers', () => {
  it.each([
    {name: 'a ddpat_ token', word: PAT, secret: true},
    {name: 'a ddsat_ token', word: 'ddsat_abc', secret: true},
    {name: 'a 32-hex API key', word: API_KEY, secret: true},
    {name: 'a 40-hex application key', word: APP_KEY, secret: true},
    {name: 'a 32-hex key after --flag=', word: `--api-key=${API_KEY}`, secret: true},
    {name: 'a command word', word: 'set-api-key', secret: false},
    {name: 'an operationId', word: 'ListMonitorDowntimes', secret: false},
  ])('looksLikeSecret says $secret for $name', ({word, secret}) => {
    expect(looksLikeSecret(word)).toBe(secret)
  })

  it.each([
    {name: 'a swap of two letters is one edit', a: 'lsit', b: 'list', distance: 1},
    {name: 'a missing letter is one edit', a: 'cal', b: 'call', distance: 1},
    {name: 'equal words are zero edits', a: 'call', b: 'call', distance: 0},
  ])('$name', ({a, b, distance}) => {
    expect(editDistance(a, b)).toBe(distance)
  })

  it('suggests nothing, at once, for a word far longer than every candidate', () => {
    const start = performance.now()
    expect(closest(`call${'l'.repeat(120_000)}`, Array.from({length: 40}, (_, i) => `command-${i}`))).toEqual([])
    expect(performance.now() - start).toBeLessThan(1500)
  })

  it('suggests nothing for a word close to no candidate', () => {
    expect(closest('zz', ['call', 'auth'])).toEqual([])
  })
})
