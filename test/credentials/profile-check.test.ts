import {describe, expect, it} from 'vitest'
import {requireProfile} from '../../src/credentials/profile-check.js'
import {resolveProfile} from '../../src/credentials/resolve.js'
import type {ConfigData} from '../../src/credentials/store.js'
import {ExitCode, isDdcliError} from '../../src/errors.js'

const FILE = '/cfg/config.json'
const DATA = {profiles: {default: {site: 'datadoghq.eu'}, staging: {site: 'datadoghq.com'}, prod: {}}}

function outcome(flag: string | undefined, env: Record<string, string | undefined>, data: ConfigData) {
  try {
    requireProfile(resolveProfile(flag, env, {name: data.defaultProfile, source: `${FILE} [defaultProfile]`}), FILE, data)
    return {code: 0, message: ''}
  } catch (error: unknown) {
    if (!isDdcliError(error)) throw error
    return {code: error.exitCode, message: error.message}
  }
}

describe('the check that a named profile exists', () => {
  it.each([
    {name: 'the implicit default profile may be absent', flag: undefined, env: {}, data: {}, code: 0, message: /^$/},
    {name: 'an explicit --profile default may be absent', flag: 'default', env: {}, data: {}, code: 0, message: /^$/},
    {name: 'an existing --profile passes', flag: 'staging', env: {}, data: DATA, code: 0, message: /^$/},
    {name: 'an existing DD_PROFILE passes', flag: undefined, env: {DD_PROFILE: 'prod'}, data: DATA, code: 0, message: /^$/},
    {name: 'a mistyped --profile names the profiles and the closest one', flag: 'stagng', env: {}, data: DATA, code: ExitCode.usage,
      message: /^profile "stagng" from --profile is not in \/cfg\/config\.json; its profiles are "default", "staging", "prod" \(did you mean "staging"\?\); create it with ddcli auth set-pat --profile stagng/},
    {name: 'an unknown DD_PROFILE is a configuration error', flag: undefined, env: {DD_PROFILE: 'qa'}, data: DATA, code: ExitCode.config,
      message: /profile "qa" from DD_PROFILE is not in .*; its profiles are "default", "staging", "prod"; create it/},
    {name: 'a profile in an empty config file says it holds none yet', flag: 'work', env: {}, data: {}, code: ExitCode.usage,
      message: /holds no profile yet; create it with ddcli auth set-pat --profile work/},
    {name: 'a stored default whose profile was removed since auth switch also names auth switch default', flag: undefined, env: {}, data: {...DATA, defaultProfile: 'qa'}, code: ExitCode.config,
      message: /^profile "qa" from \/cfg\/config\.json \[defaultProfile\] is not in .*; create it with .*, or switch with ddcli auth switch default$/},
    {name: 'a profile named like an Object prototype key is not taken as existing', flag: 'constructor', env: {}, data: DATA, code: ExitCode.usage,
      message: /profile "constructor" from --profile is not in/},
  ])('$name', ({flag, env, data, code, message}) => {
    const result = outcome(flag, env, data)
    expect(result.code).toBe(code)
    expect(result.message).toMatch(message)
  })
})
