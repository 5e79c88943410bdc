import {describe, expect, it} from 'vitest'
import {profileSummaries} from '../../src/credentials/profiles.js'
import {profileListText, profileNamesText} from '../../src/output/profiles-render.js'

const data = {profiles: {
  default: {apiKey: '0123456789abcdef0123456789abAPIK'},
  staging: {pat: 'keychain:staging/pat', site: 'datadoghq.eu'},
}}
const tty = {tty: true, color: 0 as const}
const piped = {tty: false, color: 0 as const}

describe('profile lists', () => {
  it.each([
    {
      name: 'a terminal aligns the table under a header and marks the active profile with *',
      active: 'staging', layout: tty,
      out: [
        'ACTIVE  PROFILE  PAT       API KEY   APPLICATION KEY  SITE          API URL',
        '        default  -         ****APIK  -                -             -',
        '*       staging  keychain  -         -                datadoghq.eu  -',
      ],
    },
    {
      name: 'a piped list is tab-separated, with "active" and empty cells',
      active: 'default', layout: piped,
      out: ['active\tdefault\t\t****APIK\t\t\t', '\tstaging\tkeychain\t\t\tdatadoghq.eu\t'],
    },
    {
      name: 'an active profile the file lacks is listed and says so on a terminal',
      active: 'ci', layout: tty,
      out: [
        'ACTIVE  PROFILE           PAT       API KEY   APPLICATION KEY  SITE          API URL',
        '*       ci (not in file)  -         -         -                -             -',
        '        default           -         ****APIK  -                -             -',
        '        staging           keychain  -         -                datadoghq.eu  -',
      ],
    },
  ])('$name', ({active, layout, out}) => {
    const text = profileListText(profileSummaries(data, active), layout)
    expect(text).toBe(`${out.join('\n')}\n`)
    expect(text).not.toContain('0123456789abcdef')
  })

  it.each([
    {name: 'piped: names only, one per line', layout: piped, out: 'default\nstaging\n'},
    {name: 'on a terminal: the active one marked', layout: tty, out: 'PROFILE  ACTIVE\ndefault\nstaging  active\n'},
  ])('config profiles, $name', ({layout, out}) => {
    expect(profileNamesText(profileSummaries(data, 'staging'), layout)).toBe(out)
  })
})
