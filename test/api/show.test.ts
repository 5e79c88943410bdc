import {execFileSync} from 'node:child_process'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {detailLines} from '../../src/api/render-show.js'
import {operationDetail} from '../../src/api/detail.js'
import {runApiShow} from '../../src/api/show.js'
import {UsageError} from '../../src/errors.js'
import {findOperationById, loadOperations} from '../../src/spec/index.js'
import {memoryIO} from './memory-io.js'

const ops = await loadOperations()

function detail(id: string, site = 'datadoghq.com') {
  const op = findOperationById(ops, id)
  if (!op) throw new Error(`${id} is not in the index`)
  return operationDetail(op, site)
}

const line = (id: string, label: string, site?: string) => Object.fromEntries(detailLines(detail(id, site)))[label]

describe('api show details', () => {
  it.each([
    {name: 'names the credentials as env vars', id: 'ListMonitors', label: 'credentials', want: 'DD_API_KEY with DD_APP_KEY, or a PAT'},
    {name: 'says no credentials are needed for security: []', id: 'GetIPRanges', label: 'credentials', want: 'none needed'},
    {name: 'names the API key alone for the logs intake', id: 'SubmitLog', label: 'credentials', want: 'DD_API_KEY'},
    {name: 'shows the site API host and that it follows --site', id: 'ListMonitors', label: 'host', want: 'https://api.datadoghq.com (the API host of site datadoghq.com; follows --site and --api-url)'},
    {
      name: 'shows the own intake host of another site',
      id: 'SubmitLog', label: 'host', site: 'datadoghq.eu',
      want: "https://http-intake.logs.datadoghq.eu (this operation's own host on site datadoghq.eu; follows --site, --api-url replaces it)",
    },
    {name: 'says when no host serves the site', id: 'CreateOnCallPage', label: 'host', site: 'datad0g.com', want: expect.stringMatching(/^none known for site datad0g\.com \(/)},
    {name: 'marks required path parameters', id: 'GetMonitor', label: 'path params', want: 'monitor_id (required)'},
    {name: 'lists query parameters in spec order', id: 'GetMonitor', label: 'query params', want: 'group_states, with_downtimes, with_assets'},
    {name: 'shows x-pagination fields', id: 'ListMonitors', label: 'pagination', want: 'limitParam=page_size, pageParam=page, limitDefault=100, limitMax=1000'},
    {name: 'lists request content types', id: 'SubmitLog', label: 'request body', want: 'application/json, application/logplex-1, text/plain'},
    {name: 'leaves out a body line when there is no body', id: 'ListMonitors', label: 'request body', want: undefined},
    {name: 'marks a preview operation with its note', id: 'ListAPIs', label: 'preview', want: 'yes, it may change without notice (Note: This endpoint is deprecated.)'},
    {name: 'marks a deprecated operation', id: 'ListAPIs', label: 'deprecated', want: 'yes'},
    {name: 'gives the sunset date', id: 'CreateAWSLambdaARN', label: 'deprecated', want: 'yes, sunset 2027-02-20'},
    {name: 'leaves out status lines for a stable operation', id: 'ListMonitors', label: 'preview', want: undefined},
  ])('$name', ({id, label, site, want}) => {
    expect(line(id, label, site)).toEqual(want)
  })
})

async function shown(target: string, options: {site?: string, apiUrl?: string, profile?: string} = {}, extraEnv: Record<string, string | undefined> = {}) {
  const io = memoryIO(false)
  await runApiShow({target, json: false, ...options}, {io, env: {...env, ...extraEnv}})
  return Object.fromEntries(io.out().split('\n').map((l) => /^([a-z ]+):\s+(.*)$/.exec(l)).filter((m) => m !== null).map((m) => [m[1], m[2]]))
}

describe('api show tells how to call', () => {
  it.each([
    {name: 'lists the required body fields of CreateMonitor first, with their types', target: 'CreateMonitor', label: 'body fields', want: /^query \(string, required\)$/},
    {name: 'gives a runnable example with the spec example body', target: 'CreateMonitor', label: 'example', want: /^echo '\{.*"type":"query alert"\}' \| ddcli call CreateMonitor --input -$/},
    {name: 'links the documentation page of the operation', target: 'CreateMonitor', label: 'docs', want: /^https:\/\/docs\.datadoghq\.com\/api\/latest\/monitors\/#create-a-monitor$/},
    {name: 'fills path parameters with placeholders in the example', target: 'GetMonitor', label: 'example', want: /^ddcli call GetMonitor -p monitor_id=MONITOR_ID$/},
    {name: 'names a v1 operation that v2 shares with its prefix', target: 'v1:ListUsers', label: 'example', want: /^ddcli call v1:ListUsers$/},
    {name: 'shows the JSON:API data fields of a v2 body', target: 'CreateIncident', label: 'body fields', want: /^data \(object, required\)$/},
    {name: 'builds an example body for an operation without a spec example', target: 'UpdateMonitor', label: 'example', want: /\| ddcli call UpdateMonitor -p monitor_id=MONITOR_ID --input -$/},
  ])('$name', async ({target, label, want}) => {
    expect((await shown(target))[label]).toMatch(want)
  })

  it.each([
    {name: '--api-url replaces the host and is repeated in the example', options: {apiUrl: 'http://127.0.0.1:9'}, extra: {},
      host: 'http://127.0.0.1:9 (the API URL from --api-url; it replaces the site\'s hosts)', example: /--api-url http:\/\/127\.0\.0\.1:9$/},
    {name: 'DD_API_URL replaces the host', options: {}, extra: {DD_API_URL: 'http://127.0.0.1:8'},
      host: 'http://127.0.0.1:8 (the API URL from DD_API_URL; it replaces the site\'s hosts)', example: /^ddcli call GetMonitor -p monitor_id=MONITOR_ID$/},
    {name: '--site picks the site host and is repeated in the example', options: {site: 'datadoghq.eu'}, extra: {},
      host: 'https://api.datadoghq.eu (the API host of site datadoghq.eu; follows --site and --api-url)', example: /--site datadoghq\.eu$/},
  ])('$name', async ({options, extra, host, example}) => {
    const out = await shown('GetMonitor', options, extra)
    expect(out.host).toBe(host)
    expect(out.example).toMatch(example)
  })

  it('reads the site and api-url of --profile, and refuses a profile that does not exist', async () => {
    const {mkdtemp, writeFile, rm} = await import('node:fs/promises')
    const {tmpdir} = await import('node:os')
    const dir = await mkdtemp(`${tmpdir()}/ddcli-show-`)
    try {
      await writeFile(`${dir}/config.json`, JSON.stringify({profiles: {eu: {site: 'datadoghq.eu'}, local: {apiUrl: 'http://127.0.0.1:7'}}}))
      expect((await shown('GetMonitor', {profile: 'eu'}, {DDCLI_CONFIG_DIR: dir})).host).toMatch(/^https:\/\/api\.datadoghq\.eu /)
      expect((await shown('GetMonitor', {profile: 'local'}, {DDCLI_CONFIG_DIR: dir})).host).toMatch(/^http:\/\/127\.0\.0\.1:7 \(the API URL from .*\[profile local\]/)
      await expect(shown('GetMonitor', {profile: 'e'}, {DDCLI_CONFIG_DIR: dir})).rejects.toThrow(/its profiles are "eu", "local"/)
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })
})

// No config file there: the site comes from the arguments and env of each test only.
const env = {DDCLI_CONFIG_DIR: '/nonexistent/ddcli-test-config'}

describe('runApiShow', () => {
  it.each([
    {name: 'prints the header lines of one operation', target: 'get-monitor', json: false, want: /^GetMonitor \(v1\)\nGET \/api\/v1\/monitor\/\{monitor_id\}\nGet a monitor's details\n\ncredentials: {3}/},
    {name: 'separates several operations with a blank line', target: '/api/v1/monitor', json: false, want: /\n\nCreateMonitor \(v1\)\nPOST \/api\/v1\/monitor\n/},
    {name: 'prints a JSON array with null for absent values', target: 'GetIPRanges', json: true, want: /^\[\{"operationId":"GetIPRanges","version":"v1",.*"credentials":null,.*"pagination":null/},
  ])('$name', async ({target, json, want}) => {
    const io = memoryIO(false)
    await runApiShow({target, json}, {io, env})
    expect(io.out()).toMatch(want)
  })

  it('refuses an unknown site as a usage error', async () => {
    await expect(runApiShow({target: 'ListMonitors', site: 'example.com', json: false}, {io: memoryIO(false), env})).rejects.toThrow(UsageError)
  })

  // A schema file that is there but is not one: the same line as the body check's (src/call/validate.ts), exit 2,
  // nothing printed. A fifo must not hang the run; a missing file is an operation without a JSON body.
  describe('with a damaged schema file', () => {
    let dir: string
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ddcli-show-schemas-'))
      await mkdir(join(dir, 'v1'))
    })
    afterAll(() => rm(dir, {recursive: true, force: true}))

    it.each([
      {name: 'cut short', make: (file: string) => writeFile(file, '{"body":{"type":"obj')},
      {name: 'not a schema', make: (file: string) => writeFile(file, '[]')},
      {name: 'a folder', make: (file: string) => mkdir(file)},
      {name: 'a fifo', make: async (file: string) => { execFileSync('mkfifo', [file]) }},
    ])('says so on one line when it is $name', async ({name, make}) => {
      const file = join(dir, 'v1', 'CreateMonitor.json')
      await rm(file, {recursive: true, force: true})
      await make(file)
      const io = memoryIO(false)
      const error = await runApiShow({target: 'CreateMonitor', json: false, schema: true}, {io, env, schemas: pathToFileURL(`${dir}/`)}).catch((caught: unknown) => caught)
      expect(error, name).toBeInstanceOf(UsageError)
      expect((error as UsageError).message).toBe("CreateMonitor's request schema file cannot be read (a damaged install: reinstall ddcli)")
      expect(io.out()).toBe('')
    })

    it('says an operation without a schema file takes no JSON body', async () => {
      const io = memoryIO(false)
      await runApiShow({target: 'GetMonitor', json: false, schema: true}, {io, env, schemas: pathToFileURL(`${dir}/`)})
      expect(io.out()).toBe('GetMonitor takes no JSON request body\n')
    })
  })

  it('shows the host for DD_SITE when --site is not given', async () => {
    const io = memoryIO(false)
    await runApiShow({target: 'SubmitLog', json: true}, {io, env: {...env, DD_SITE: 'datadoghq.eu'}})
    expect(io.out()).toContain('"host":"https://http-intake.logs.datadoghq.eu"')
  })
})
