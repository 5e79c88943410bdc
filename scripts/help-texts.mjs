// Writes dist/launch-help.json: what `ddcli <command or topic> --help` prints into a pipe, rendered by oclif's own
// Help class, so the fast launcher (src/launch/) prints piped help without loading oclif. Rendered in a child with
// stdout piped and a clean env (no colour, 80 columns, no theme), the only case the launcher serves from this file.
// Usage: node scripts/help-texts.mjs   (after tsc and scripts/manifest.mjs)
import {spawn} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

if (process.argv[2] === '--child') {
  const {Config} = await import('@oclif/core/config')
  const {loadHelpClass} = await import('@oclif/core/help')
  const config = await Config.load(root)
  const Help = await loadHelpClass(config)
  const helpFlag = [...(config.pjson.oclif.additionalHelpFlags ?? []), '--help'].at(-1)
  const texts = {}
  const write = process.stdout.write
  const writeErr = process.stderr.write
  for (const id of ['', ...config.topics.map((topic) => topic.name), ...config.commandIDs]) {
    const words = id === '' ? [] : id.split(':')
    let text = ''
    let failed = false
    process.exitCode = undefined
    process.stdout.write = (chunk) => {
      text += chunk
      return true
    }
    process.stderr.write = () => {
      failed = true
      return true
    }
    try {
      await new Help(config, config.pjson.oclif.helpOptions ?? config.pjson.helpOptions).showHelp([...words, helpFlag])
    } finally {
      process.stdout.write = write
      process.stderr.write = writeErr
    }
    // A subject the help class refuses (a hidden command such as __complete: "unknown command", exit 2) is left to
    // oclif at run time; an empty text served with exit 0 would differ from what oclif prints.
    if (failed || process.exitCode || text === '') {
      process.exitCode = undefined
      continue
    }
    // A command whose help oclif refuses (a hidden one) gets no text: the launcher then leaves it to oclif.
    if (text) texts[words.join(' ')] = text
  }
  writeFileSync(join(root, 'dist', 'launch-help.json'), `${JSON.stringify(texts, null, 1)}\n`)
  console.log(`dist/launch-help.json: ${Object.keys(texts).length} help texts`)
  process.exit(0)
}

const home = await mkdtemp(join(tmpdir(), 'ddcli-help-'))
try {
  const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, DDCLI_CONFIG_DIR: join(home, 'config')}
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child'], {env, stdio: ['ignore', 'pipe', 'inherit']})
  let out = ''
  child.stdout.on('data', (chunk) => (out += chunk))
  const code = await new Promise((resolve, reject) => child.on('error', reject).on('close', resolve))
  process.stdout.write(out)
  if (code !== 0) throw new Error(`help-texts: the renderer exited ${code}`)
} finally {
  await rm(home, {recursive: true, force: true})
}
