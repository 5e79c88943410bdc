import {readFileSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startServer, type TestServer} from './server.js'
import {shellSandbox, type ShellSandbox} from './shell.js'

/** One shell command of the README: its line, the heading it is under, and whether its block is marked skip. */
interface Example {
  line: number
  command: string
  heading: string
  skip?: string
}

/** Every command of every `sh` block, continuation lines joined; blocks after `<!-- readme-test: skip (why) -->` are marked. */
function readmeExamples(text: string): Example[] {
  const lines = text.split('\n')
  const out: Example[] = []
  let heading = ''
  for (let i = 0; i < lines.length; i++) {
    if (/^#{2,3} /.test(lines[i]!)) heading = lines[i]!
    if (lines[i] !== '```sh') continue
    let before = i - 1
    while (before >= 0 && lines[before]!.trim() === '') before--
    const skip = /^<!-- readme-test: skip \((.+)\) -->$/.exec(lines[before] ?? '')?.[1]
    let command = ''
    for (i++; i < lines.length && lines[i] !== '```'; i++) {
      command += lines[i]!.endsWith('\\') ? `${lines[i]!.slice(0, -1)} ` : lines[i]!
      if (lines[i]!.endsWith('\\')) continue
      if (command.trim() !== '' && !command.trim().startsWith('#')) out.push({line: i + 1, command, heading, ...(skip ? {skip} : {})})
      command = ''
    }
  }
  return out
}

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const examples = readmeExamples(readme)

/**
 * The README's examples in three parts, each run in order in a sandbox of its own by its own test file, so that
 * vitest runs the parts at once (the examples of one part may depend on each other, as a reader's shell would):
 * the guide, the reference of the api, auth and config commands (which share profiles), and that of the rest.
 */
export const READMES = ['guide', 'api, auth and config commands', 'other commands'] as const

function partOf(example: Example): (typeof READMES)[number] {
  if (!example.heading.startsWith('### `ddcli ')) return 'guide'
  return /^### `ddcli (api|auth|config) /.test(example.heading) ? 'api, auth and config commands' : 'other commands'
}

/** Defines the tests of one part of the README's examples. */
export function readmeSuite(part: (typeof READMES)[number]): void {
  const runnable = examples.filter((example) => !example.skip && partOf(example) === part)

  let server: TestServer
  let shell: ShellSandbox
  let failValidate = false
  const ENV = {
    DD_API_KEY: 'readmeapikey00000000000000000a1b2',
    DD_APP_KEY: 'readmeappkey0000000000000000000000000c3',
    DD_BEARER_TOKEN: 'ddpat_readmeenvtoken000000000000',
    MY_PAT: 'ddpat_readmetest0000000000000000',
  }
  /** What a command that reads a secret from stdin (`ddcli auth set-api-key` as printed) gets. */
  const STDIN = 'readmestdinkey000000000000000a1b2\n'

  beforeAll(async () => {
    server = await startServer((request) => {
      if (request.path === '/api/v1/validate') return failValidate ? {status: 403, body: '{"errors":["Forbidden"]}'} : {status: 200, headers: {'content-type': 'application/json'}, body: '{"valid":true}'}
      const json = (body: string) => ({status: 200, headers: {'content-type': 'application/json'}, body})
      // The lists the Pipelines examples walk, each one short page, as Datadog shapes them.
      if (request.method === 'GET' && request.path === '/api/v1/monitor') return json('[{"id":1,"name":"cpu","overall_state":"Alert"}]')
      if (request.method === 'GET' && /^\/api\/v1\/monitor\/\d+$/.test(request.path)) return json('{"id":1,"name":"cpu"}')
      if (request.method === 'POST' && request.path === '/api/v1/monitor') return json('{"id":1,"name":"cpu"}')
      if (request.method === 'GET' && request.path === '/api/v2/users') return json('{"data":[{"id":"u1","type":"users","attributes":{"email":"a@example.com"},"relationships":{"roles":{"data":[{"id":"r1","type":"roles"}]}}}],"included":[{"id":"r1","type":"roles","attributes":{"name":"Datadog Admin Role"}}],"meta":{"page":{"total_count":1}}}')
      if (request.method === 'POST' && request.path === '/api/v2/logs/events/search') return json('{"data":[{"id":"l1"}],"meta":{"page":{}}}')
      if (request.method === 'GET' && request.path === '/api/v1/dashboard') return json('{"dashboards":[{"title":"b"},{"title":"a"}]}')
      return json('{}')
    })
    shell = await shellSandbox()
    await writeFile(join(shell.dir, 'logs.json'), '[{"message":"hello"}]')
    await writeFile(join(shell.dir, 'monitors.json'), '[{"id":1}]')
    await writeFile(join(shell.dir, 'requests.ndjson'), '{"id":1,"method":"GET","path":"/api/v1/validate"}\n')
  })

  afterAll(async () => {
    await server.close()
    await shell.close()
  })

  const local = (command: string) => command.replaceAll('https://api.datadoghq.com', server.url)

  describe(`the README (${part})`, () => {
    it('has runnable shell examples, and says why each skipped block is skipped', () => {
      expect(runnable.length).toBeGreaterThan(10)
      for (const example of examples.filter((e) => e.skip)) expect(example.skip!.length).toBeGreaterThan(5)
    })

    it.each(runnable.map((example) => ({name: `line ${example.line}: ${example.command.trim()}`, example})))('runs $name', async ({example}) => {
      const before = server.requests.length
      const result = await shell.run(local(example.command), {env: {...ENV, DD_API_URL: server.url}, stdin: STDIN})
      expect({code: result.code, stderr: result.stderr}).toEqual({code: 0, stderr: expect.not.stringMatching(/unexpected error|^\s+at |not found|command not found/m)})
      if (/ddcli call |auth status --check|curl /.test(example.command) && !/--dry-run|--curl/.test(example.command)) {
        expect(server.requests.length, 'a request example reached the local server').toBeGreaterThan(before)
      }
    })

    it.runIf(part === 'guide')('prints the real exit code in its error-handling example when the key is refused', async () => {
      const example = runnable.find((e) => e.command.includes('bad key: exit $?'))
      expect(example).toBeDefined()
      failValidate = true
      try {
        const result = await shell.run(local(example!.command), {env: {...ENV, DD_API_URL: server.url}})
        expect(result.stdout).toBe('bad key: exit 1\n')
      } finally {
        failValidate = false
      }
    })
  })
}
