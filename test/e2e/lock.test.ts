import {mkdir, readdir, readFile, rm, utimes, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {Worker} from 'node:worker_threads'
import {afterEach, describe, expect, it} from 'vitest'
import {makeTempDir} from '../helpers/cli.js'

// The built module: the race is between threads that each load it, as processes would.
const writeModule = new URL('../../dist/credentials/write.js', import.meta.url).href

/**
 * A worker that loads updateConfig, waits at a shared barrier so every writer starts in the same instant, then
 * adds its own profile. Threads run truly in parallel, like separate ddcli processes.
 */
const WORKER = `
const {workerData, parentPort} = require('node:worker_threads')
const fs = require('node:fs')
import(workerData.module).then(async ({updateConfig, withLock}) => {
  const flag = new Int32Array(workerData.barrier)
  Atomics.add(flag, 1, 1)
  Atomics.wait(flag, 0, 0)
  try {
    if (workerData.full) {
      await updateConfig(workerData.file, (data) => { data.profiles = {...data.profiles, [workerData.name]: {apiKey: 'k' + workerData.name}} })
    } else {
      // The read-modify-write of updateConfig without conf (slow to load in 24 threads), with time to overlap.
      await withLock(workerData.file, async () => {
        const data = JSON.parse(fs.readFileSync(workerData.file, 'utf8'))
        await new Promise((resolve) => setTimeout(resolve, 5))
        data.profiles = {...data.profiles, [workerData.name]: {}}
        fs.writeFileSync(workerData.file, JSON.stringify(data))
      })
    }
    parentPort.postMessage('ok')
  } catch (error) {
    parentPort.postMessage(String(error && error.message))
  }
})
`

async function race(file: string, writers: number, full = false): Promise<string[]> {
  const barrier = new SharedArrayBuffer(8)
  const flag = new Int32Array(barrier)
  const workers = Array.from({length: writers}, (_, i) => new Worker(WORKER, {eval: true, workerData: {module: writeModule, file, name: `p${i}`, barrier, full}}))
  const results = workers.map((worker) => new Promise<string>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  }))
  while (Atomics.load(flag, 1) < writers) await new Promise((resolve) => setTimeout(resolve, 10))
  Atomics.store(flag, 0, 1)
  Atomics.notify(flag, 0)
  try {
    return await Promise.all(results)
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, {recursive: true, force: true})))
})

describe('the config lock', () => {
  it('loses no write when 24 writers find a stale lock at once, over 8 rounds', async () => {
    for (let round = 0; round < 8; round++) {
      const dir = await makeTempDir('ddcli-lock-')
      dirs.push(dir)
      const file = join(dir, 'config.json')
      await writeFile(file, '{}\n', {mode: 0o600})
      // A lock left by a writer that crashed a minute ago.
      await writeFile(`${file}.lock`, '', {mode: 0o600})
      const old = new Date(Date.now() - 60_000)
      await utimes(`${file}.lock`, old, old)

      const results = await race(file, 24)

      expect(results.filter((r) => r !== 'ok')).toEqual([])
      const profiles = Object.keys((JSON.parse(await readFile(file, 'utf8')) as {profiles: object}).profiles).sort()
      expect(profiles, `round ${round}`).toEqual(Array.from({length: 24}, (_, i) => `p${i}`).sort())
      expect(await readdir(dir)).toEqual(['config.json'])
    }
  }, 120_000)

  it('removes config.json.tmp-* files a killed writer left behind (they hold secrets)', async () => {
    const dir = await makeTempDir('ddcli-lock-')
    dirs.push(dir)
    const file = join(dir, 'config.json')
    await writeFile(file, '{}\n', {mode: 0o600})
    await writeFile(`${file}.tmp-1795948448123abc`, '{"profiles":{"x":{"apiKey":"leftover"}}}', {mode: 0o600})
    await mkdir(join(dir, 'other'))
    const results = await race(file, 1, true)
    expect(results).toEqual(['ok'])
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'other'])
  })

  it('leaves the lock of a live writer alone even when it is older than 10 s (a stopped writer keeps it)', async () => {
    const {spawn} = await import('node:child_process')
    const sleeper = spawn('sleep', ['60'], {stdio: 'ignore'})
    const dir = await makeTempDir('ddcli-lock-')
    try {
      const file = join(dir, 'config.json')
      await writeFile(file, '{"profiles":{}}')
      await writeFile(`${file}.lock`, `${sleeper.pid} ${(await import('node:os')).hostname()} token`)
      const old = new Date(Date.now() - 11_000)
      await utimes(`${file}.lock`, old, old)
      const {withLock} = await import(writeModule) as {withLock: (file: string, fn: () => Promise<void>) => Promise<void>}
      await expect(withLock(file, async () => {})).rejects.toThrow(/locked by another ddcli/)
      expect(await readFile(`${file}.lock`, 'utf8')).toContain(String(sleeper.pid))
    } finally {
      sleeper.kill()
      await rm(dir, {recursive: true, force: true})
    }
  }, 30_000)
})
