import {
  API_URL_WINS_NOTE, configListText, configNotSetLine, configSetLine, configUnsetLine, type ConfigListEntry,
} from '../output/config-render.js'
import {envPrecedenceNote} from '../auth/render.js'
import {diagnostic} from '../output/render.js'
import {configKey, CONFIG_KEYS} from './keys.js'
import {CREDENTIALS, type CredentialKind} from '../credentials/credentials.js'
import {maskValue, shownSetting} from '../credentials/mask.js'
import {editProfile, removeFromProfile} from '../credentials/profile-edit.js'
import {profileTarget} from '../credentials/load.js'
import {requireProfile} from '../credentials/profile-check.js'
import {configPath, readConfig, storedProfile} from '../credentials/store.js'
import {updateConfig} from '../credentials/write.js'
import {setEnvNames, type CommandDeps} from '../auth/deps.js'

/** The key and profile of `config set/get/unset`; `value` for set only. */
export interface ConfigKeyOptions {
  key: string
  value?: string
  profile?: string
}

/** How `config list` names a stored credential: as its `auth clear` flag does (`pat`, `api-key`, `app-key`). */
const listName = (kind: CredentialKind) => CREDENTIALS.find((def) => def.kind === kind)!.clearFlag.replace(/^--/, '')

function target(profileFlag: string | undefined, deps: CommandDeps) {
  const {name, file, where} = profileTarget(profileFlag, deps.env)
  return {profile: name, file, where}
}

/** `config set KEY VALUE`: validates and stores the normalised value in the profile. */
export async function runConfigSet(options: ConfigKeyOptions, deps: CommandDeps): Promise<void> {
  const def = configKey(options.key)
  const value = def.parse(options.value ?? '')
  const {profile, file, where} = target(options.profile, deps)
  let urlWins = false
  await updateConfig(file, (data) => {
    const stored = editProfile(data, profile)
    stored[def.field] = value
    urlWins = def.field === 'site' && stored.apiUrl !== undefined
  })
  deps.io.stderr.write(diagnostic(configSetLine(def.key, value, where)))
  if (urlWins) deps.io.stderr.write(diagnostic(API_URL_WINS_NOTE))
  const overriding = setEnvNames(deps.env, def.env)
  if (overriding.length > 0) deps.io.stderr.write(diagnostic(envPrecedenceNote(def.key, overriding)))
}

/** `config get KEY`: the stored value alone on stdout; nothing (and a note on stderr) when the profile does not set it. */
export async function runConfigGet(options: ConfigKeyOptions, deps: CommandDeps): Promise<void> {
  const def = configKey(options.key)
  const {profile, file, where} = target(options.profile, deps)
  const data = readConfig(file)
  requireProfile(profileTarget(options.profile, deps.env).profile, file, data)
  const value = storedProfile(data, profile)[def.field]
  if (value === undefined) deps.io.stderr.write(diagnostic(configNotSetLine(def.key, where)))
  else deps.io.stdout.write(`${shownSetting(value)}\n`)
}

/** `config unset KEY`: removes the key from the profile; nothing to remove is not an error. */
export async function runConfigUnset(options: ConfigKeyOptions, deps: CommandDeps): Promise<void> {
  const def = configKey(options.key)
  const {profile, file, where} = target(options.profile, deps)
  let removed = false
  if (storedProfile(readConfig(file), profile)[def.field] !== undefined) {
    await updateConfig(file, (data) => {
      removed = removeFromProfile(data, profile, [def.field]).length > 0
    })
  }
  deps.io.stderr.write(diagnostic(configUnsetLine(def.key, where, removed)))
}

/** `config list`: the profile's site, api-url and validate setting, and a masked marker for each stored credential. */
export async function runConfigList(options: {profile?: string}, deps: CommandDeps): Promise<void> {
  const {profile, file} = target(options.profile, deps)
  const data = readConfig(file)
  requireProfile(profileTarget(options.profile, deps.env).profile, file, data)
  const stored = storedProfile(data, profile)
  const entries: ConfigListEntry[] = CONFIG_KEYS.map((def) => ({key: def.key, value: stored[def.field] === undefined ? undefined : shownSetting(stored[def.field]!)}))
  for (const def of CREDENTIALS) {
    const value = stored[def.kind]
    if (value !== undefined) entries.push({key: listName(def.kind), value: maskValue(value)})
  }
  deps.io.stdout.write(configListText(entries, {tty: deps.io.stdoutIsTTY, color: deps.io.colorOut}))
}

/** `config path`: the config file's path, whether or not it exists yet. */
export async function runConfigPath(deps: CommandDeps): Promise<void> {
  deps.io.stdout.write(`${configPath(deps.env)}\n`)
}
