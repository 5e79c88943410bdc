import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runInProcess} from './in-process.js'
import {startServer, type CannedResponse, type TestServer} from './server.js'

// The in-process runner runs many commands in one process: none may leave process-wide state behind (exit code,
// listeners on the process or its streams, env, working directory, umask), or a later test would see an earlier
// one's run, and a run would differ from a process of its own.
const KEY = 'isolationkey0000000000000000a1b2'
let server: TestServer

beforeAll(async () => {
  server = await startServer((request): CannedResponse => request.path.includes('/limited')
    ? {status: 429, headers: {'content-type': 'application/json', 'x-ratelimit-name': 'l', 'x-ratelimit-reset': '0'}, body: '{}'}
    : {status: 200, headers: {'content-type': 'application/json'}, body: '[{"a":1},{"a":2}]'})
})
afterAll(() => server.close())

const EVENTS = ['SIGINT', 'SIGTERM', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'warning'] as const

function snapshot() {
  return {
    exitCode: process.exitCode,
    env: JSON.stringify(Object.entries(process.env).sort()),
    cwd: process.cwd(),
    umask: process.umask(),
    process: Object.fromEntries(EVENTS.map((event) => [event, process.listenerCount(event)])),
    stdout: ['error', 'drain', 'close'].map((event) => process.stdout.listenerCount(event)),
    stderr: ['error', 'drain', 'close'].map((event) => process.stderr.listenerCount(event)),
  }
}

describe('in-process runs', () => {
  it('leave no process-wide state behind, whether they succeed, fail or are refused', async () => {
    const env = {DD_API_KEY: KEY, DD_API_URL: server.url}
    const runs: Array<[string[], Record<string, string>?, string?]> = [
      [['call', 'GET', '/api/v1/x'], env],
      [['call', 'GET', '/api/v1/x', '--jq', '.[0].a'], env],
      [['call', 'GET', '/api/v1/x', '--jq', '.['], env],
      [['call', 'GET', '/api/v1/x', '--bogus'], env],
      [['call', 'GET', '/api/v1/x', '--api-url', 'http://127.0.0.1:9', '--retries', '0'], env],
      [['call', 'GET', '/api/v1/x'], {FORCE_COLOR: '3'}],
      [['batch', '--retries', '0'], env, '{"id":1,"method":"GET","path":"/api/v1/limited"}\n{"id":2,"method":"GET","path":"/api/v1/x"}\n'],
      [['auth', 'set-api-key'], {}, `${KEY}\n`],
      [['auth', 'status', '--json'], env],
      [['config', 'set', 'site', 'datadoghq.eu']],
      [['__complete', 'call', '']],
    ]
    const all = () => runs.reduce((done, [argv, runEnv, stdin]) => done.then(() => runInProcess(argv, {env: runEnv, stdin})), Promise.resolve() as Promise<unknown>)
    const first = snapshot()
    await all()
    // A module's first load may register process-wide handlers once (a lock library's exit handler, the jq worker's
    // output pipes), as it would in the CLI's own process; from then on, runs add nothing.
    const loaded = snapshot()
    await all()
    expect(snapshot()).toEqual(loaded)
    expect({...loaded, process: 0, stdout: 0, stderr: 0}).toEqual({...first, process: 0, stdout: 0, stderr: 0})
  })
})
