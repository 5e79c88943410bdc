import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {API_KEY, APP_KEY, PAT, configDir, type ConfigDir} from '../commands/config-dir.js'

let config: ConfigDir
beforeEach(async () => {
  config = await configDir()
  await config.write(JSON.stringify({profiles: {
    default: {apiKey: API_KEY, appKey: APP_KEY},
    staging: {pat: PAT, site: 'datadoghq.eu'},
    local: {apiKey: 'keychain:local/apiKey', apiUrl: 'http://127.0.0.1:9'},
  }}))
})
afterEach(async () => config.cleanup())

const noSecrets = (text: string) => {
  for (const secret of [PAT, API_KEY, APP_KEY]) expect(text).not.toContain(secret.slice(0, -4))
}

describe('ddcli auth list', () => {
  it('lists every profile with masked credentials, site and API URL, and marks the active one (piped: tab-separated)', async () => {
    const result = await config.run(['auth', 'list'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toBe([
      `active\tdefault\t\t****APIK\t****APPK\t\t`,
      `\tlocal\t\tkeychain\t\t\thttp://127.0.0.1:9`,
      `\tstaging\t****PATX\t\t\tdatadoghq.eu\t`,
      '',
    ].join('\n'))
    noSecrets(result.stdout.toString() + result.stderr)
  })

  it('says where each secret lives in --json', async () => {
    const result = await config.run(['auth', 'list', '--json'], {env: {DD_PROFILE: 'local'}})
    const list = JSON.parse(result.stdout.toString()) as Array<Record<string, unknown>>
    expect(list.find((p) => p.name === 'local')).toEqual({
      name: 'local', active: true, inFile: true,
      pat: {set: false}, apiKey: {set: true, value: 'keychain', storage: 'keychain'}, appKey: {set: false},
      site: null, apiUrl: 'http://127.0.0.1:9',
    })
    expect(list.find((p) => p.name === 'default')!.apiKey).toEqual({set: true, value: '****APIK', storage: 'file'})
    noSecrets(result.stdout.toString())
  })

  it('adds the active profile when the file has no entry for it', async () => {
    const result = await config.run(['auth', 'list'], {env: {DD_PROFILE: 'ci'}})
    expect(result.stdout.toString()).toContain('active\tci\t\t\t\t\t\n')
  })
})

describe('ddcli auth switch', () => {
  it('stores the default profile, which call, auth status and config use until --profile or DD_PROFILE says otherwise', async () => {
    const switched = await config.run(['auth', 'switch', 'staging'])
    expect(switched.code).toBe(0)
    expect(switched.stderr).toBe(`ddcli: default profile is now staging (stored in ${config.file}); --profile and DD_PROFILE still win over it\n`)
    expect((await config.read() as {defaultProfile?: string}).defaultProfile).toBe('staging')
    const status = await config.run(['auth', 'status', '--json'])
    expect(JSON.parse(status.stdout.toString()).profile).toEqual({value: 'staging', source: `${config.file} [defaultProfile]`})
    expect((await config.run(['config', 'get', 'site'])).stdout.toString()).toBe('datadoghq.eu\n')
    expect(JSON.parse((await config.run(['auth', 'status', '--json'], {env: {DD_PROFILE: 'default'}})).stdout.toString()).profile.value).toBe('default')
    expect(JSON.parse((await config.run(['auth', 'status', '--json', '--profile', 'local'])).stdout.toString()).profile.value).toBe('local')
    expect((await config.run(['auth', 'list'])).stdout.toString()).toContain('active\tstaging\t')
  })

  it.each([
    {name: 'auth clear', args: ['auth', 'clear']},
    {name: 'config unset of its last key', args: ['config', 'unset', 'site']},
  ])('keeps the switched-to profile, emptied by $name, so later calls still run', async ({args}) => {
    await config.write(JSON.stringify({profiles: {default: {apiKey: API_KEY}, staging: args[0] === 'auth' ? {pat: PAT} : {site: 'datadoghq.eu'}}}))
    expect((await config.run(['auth', 'switch', 'staging'])).code).toBe(0)
    const emptied = await config.run(args)
    expect(emptied.code).toBe(0)
    expect(await config.read()).toEqual({defaultProfile: 'staging', profiles: {default: {apiKey: API_KEY}, staging: {}}})
    const call = await config.run(['call', 'GET', '/api/v1/validate', '--dry-run'], {env: {DD_API_KEY: API_KEY}})
    expect({code: call.code, stderr: call.stderr}).toEqual({code: 0, stderr: ''})
  })

  it('switching to default removes the stored default', async () => {
    await config.run(['auth', 'switch', 'staging'])
    const result = await config.run(['auth', 'switch', 'default'])
    expect(result.code).toBe(0)
    expect(await config.read()).not.toHaveProperty('defaultProfile')
  })

  it('notes that DD_PROFILE still wins in this shell', async () => {
    const result = await config.run(['auth', 'switch', 'staging'], {env: {DD_PROFILE: 'local'}})
    expect(result.stderr).toContain('ddcli: note: DD_PROFILE=local is set in the environment and wins over the stored default; unset it to use the default\n')
  })

  it.each([
    {name: 'a profile the file does not have', profile: 'stagin', code: 2, message: `ddcli: no profile stagin in the config file (profiles in FILE: default, local, staging); create it first, e.g. ddcli auth set-api-key --profile stagin\n`},
    {name: 'a profile name that could escape the file', profile: '../x', code: 2, message: 'ddcli: profile name "../x" is not allowed; use letters, digits, "-", "_" and "."\n'},
  ])('refuses $name and leaves the file as it was', async ({profile, code, message}) => {
    const before = await config.read()
    const result = await config.run(['auth', 'switch', profile])
    expect(result.code).toBe(code)
    expect(result.stderr).toBe(message.replace('FILE', config.file))
    expect(await config.read()).toEqual(before)
  })
})

describe('a key given as a profile name', () => {
  const TYPED_PAT = 'ddpat_profileMISTAKE000000000000007'
  const HEX = '0123456789abcdef0123456789abcd08'
  const REFUSED = /^ddcli: the profile name from (--profile|DD_PROFILE) looks like a key or token \(not shown\); a profile is a label such as staging, and a key goes in --api-key/
  it.each([
    {name: 'config set --profile PAT (it would become a profile named after the PAT)', args: ['config', 'set', 'site', 'datadoghq.eu', '--profile', TYPED_PAT], code: 2},
    {name: 'auth clear --profile API key', args: ['auth', 'clear', '--profile', HEX], code: 2},
    {name: 'auth switch PAT', args: ['auth', 'switch', TYPED_PAT], code: 2},
    {name: 'call --profile API key', args: ['call', 'GET', '/api/v1/validate', '--profile', HEX], code: 2},
    {name: 'DD_PROFILE set to a PAT', args: ['auth', 'status'], env: {DD_PROFILE: TYPED_PAT}, code: 3},
  ])('is refused, not echoed, and the file is left as it was: $name', async ({args, env, code}) => {
    const before = await config.read()
    const result = await config.run(args, {env})
    expect({code: result.code, stderr: result.stderr}).toEqual({code, stderr: expect.stringMatching(REFUSED)})
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1)
    for (const secret of [TYPED_PAT, HEX]) expect(`${result.stdout.toString()}${result.stderr}`).not.toContain(secret.slice(4, -4))
    expect(await config.read()).toEqual(before)
  })
})

describe('a key-shaped profile name found in a hand-edited config', () => {
  const KEY_NAME = 'fedcba98765432100123456789abcdef'
  const PAT_NAME = 'ddpat_handEditedProfile00000000PATN'
  beforeEach(async () => {
    await config.write(JSON.stringify({profiles: {prod: {apiKey: API_KEY}, [KEY_NAME]: {site: 'datadoghq.eu'}, [PAT_NAME]: {}}}))
  })
  it.each([
    {name: 'auth list', args: ['auth', 'list'], shows: '****cdef'},
    {name: 'auth list --json', args: ['auth', 'list', '--json'], shows: '"name": "****cdef"'},
    {name: 'config profiles', args: ['config', 'profiles'], shows: '****PATN'},
    {name: 'auth status --all', args: ['auth', 'status', '--all'], shows: 'prod'},
    {name: 'completion of --profile', args: ['__complete', 'call', '--profile', ''], shows: 'prod'},
    {name: 'a --profile typo listing the profiles', args: ['auth', 'status', '--profile', 'prdo'], shows: '****cdef'},
    {name: 'auth switch to a missing profile', args: ['auth', 'switch', 'nope'], shows: '****cdef'},
  ])('is masked, never shown whole: $name', async ({args, shows}) => {
    const result = await config.run(args)
    const text = `${result.stdout.toString()}${result.stderr}`
    expect(text).toContain(shows)
    for (const secret of [KEY_NAME, PAT_NAME]) expect(text).not.toContain(secret.slice(4, -4))
  })
})

describe('ddcli config profiles', () => {
  it('prints one name per line when piped', async () => {
    const result = await config.run(['config', 'profiles'])
    expect(result.stdout.toString()).toBe('default\nlocal\nstaging\n')
  })
})

describe('ddcli auth status --all', () => {
  it('resolves every profile as call --profile NAME would, in one table', async () => {
    const result = await config.run(['auth', 'status', '--all'], {env: {DD_APP_KEY: 'envappkey000000000000000000000000000ENVA'}})
    expect(result.code).toBe(0)
    const lines = result.stdout.toString().split('\n')
    expect(lines).toContain(`default\tAPI key\t****APIK\t${config.file} [profile default]`)
    expect(lines).toContain('staging\tsite\tdatadoghq.eu\t' + `${config.file} [profile staging]`)
    expect(lines).toContain('staging\tapplication key\t****ENVA\tDD_APP_KEY')
    expect(lines.filter((line) => line.startsWith('local\t'))).toHaveLength(5)
    noSecrets(result.stdout.toString())
  })

  it('prints a JSON array with each profile\'s name', async () => {
    const result = await config.run(['auth', 'status', '--all', '--json'])
    const all = JSON.parse(result.stdout.toString()) as Array<{name: string, active: boolean}>
    expect(all.map((p) => [p.name, p.active])).toEqual([['default', true], ['local', false], ['staging', false]])
  })

  it('skips, with a note, a profile whose name edited into the file --profile would refuse, and shows the others', async () => {
    await config.write(JSON.stringify({profiles: {prod: {apiKey: API_KEY}, 'my prod': {site: 'datadoghq.eu'}, '\u001b[2Jx': {}}}))
    const result = await config.run(['auth', 'status', '--all'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe([
      `ddcli: skipped profile "\\u001b[2Jx" of ${config.file}: not a valid profile name; rename it in the file (letters, digits, "-", "_" and ".")\n`,
      `ddcli: skipped profile "my prod" of ${config.file}: not a valid profile name; rename it in the file (letters, digits, "-", "_" and ".")\n`,
    ].join(''))
    expect(result.stdout.toString()).toContain(`prod\tAPI key\t****APIK\t${config.file} [profile prod]`)
  })

  it('names the stored default, not --profile, when the profile auth switch stored was removed since', async () => {
    await config.write(JSON.stringify({defaultProfile: 'gone', profiles: {prod: {apiKey: API_KEY}}}))
    const result = await config.run(['auth', 'status', '--all'])
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(/^ddcli: profile "gone" from .*\[defaultProfile\] is not in .*, or switch with ddcli auth switch default\n$/)
  })

  it('refuses --all with --profile', async () => {
    const result = await config.run(['auth', 'status', '--all', '--profile', 'x'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('ddcli: --all and --profile cannot be used together; drop one (see ddcli auth status --help)\n')
  })
})
