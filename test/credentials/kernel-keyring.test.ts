import {describe, expect, it} from 'vitest'
import {execFileSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {kernelDescription, kernelKeyIds, removeKernelKeys, type KernelSystem} from '../../src/credentials/kernel-keyring.js'

const description = kernelDescription('ddcli:/home/u/.config/ddcli/config.json', 'default/pat')
const line = (id: string, flags: string, uid: number, type: string, rest: string) =>
  `${id} ${flags}     1 perm 3f010000 ${String(uid).padStart(5)}     0 ${type.padEnd(9)} ${rest}`

describe('kernelKeyIds', () => {
  it.each([
    {name: 'a live user key of ours', lines: [line('09bf8bbc', 'I--Q---', 1000, 'user', `${description}: 12`)], ids: [0x09bf8bbc]},
    {name: 'another user\'s key', lines: [line('09bf8bbc', 'I--Q---', 0, 'user', `${description}: 12`)], ids: []},
    {name: 'an invalidated key', lines: [line('0c6ab050', 'I--Q--i', 1000, 'user', `${description}: 1`)], ids: []},
    {name: 'a revoked key', lines: [line('0c6ab050', 'IR-Q---', 1000, 'user', `${description}: 1`)], ids: []},
    {name: 'a keyring of that name', lines: [line('0c6ab050', 'I--Q---', 1000, 'keyring', `${description}: empty`)], ids: []},
    {name: 'another account of the same file', lines: [line('0c6ab050', 'I--Q---', 1000, 'user', `${kernelDescription('ddcli:/home/u/.config/ddcli/config.json', 'default/patX')}: 3`)], ids: []},
    {name: 'a description that only starts like ours', lines: [line('0c6ab050', 'I--Q---', 1000, 'user', `${description}.bak: 3`)], ids: []},
    {name: 'two copies among other keys', lines: [
      line('01d2d634', 'I------', 0, 'keyring', '.dns_resolver: empty'),
      line('00000010', 'I--Q---', 1000, 'user', `${description}: 12`),
      line('000000ff', 'I--Q---', 1000, 'user', `${description}: 40`),
    ], ids: [16, 255]},
  ])('$name', ({lines, ids}) => {
    expect(kernelKeyIds(lines.join('\n'), description, 1000)).toEqual(ids)
  })
})

// Another user can make a key that this user may view (keyctl setperm ... with the "other view" bit) and put a line
// break in its description: /proc/keys prints the description as it is, so what follows the break reads as a line of
// its own, naming any key id, any uid and our description. Such a line must never lead to a keyctl invalidate.
const forged = (id: string) => line('3c18b9d8', 'I--Q---', 65534, 'user', `innocent: 4\n${line(id, 'I--Q---', 1000, 'user', description)}`) + ': 32'

describe('kernelKeyIds and lines that another key\'s description forged', () => {
  it('finds a key of ours whose description holds a line break (a config path with one)', () => {
    const broken = kernelDescription('ddcli:/home/u/a\nb/ddcli/config.json', 'default/pat')
    expect(kernelKeyIds(line('0000002a', 'I--Q---', 1000, 'user', `${broken}: 32`), broken, 1000)).toEqual([0x2a])
  })

  it.each(['354fa4d0', '0354fa4d0'])('ignores a forged line that names a key listed on a line of its own: %s', (id) => {
    const text = [line('354fa4d0', 'I--Q---', 1000, 'user', 'my-kerberos-ticket: 10'), forged(id)].join('\n')
    expect(kernelKeyIds(text, description, 1000)).toEqual([])
  })
})

describe('removeKernelKeys', () => {
  /** A kernel with keys by id (what keyctl rdescribe says of each), whose /proc/keys text is given. */
  function kernel(procKeys: string, keys: Record<number, string>) {
    const invalidated: number[] = []
    const system: KernelSystem = {
      uid: 1000,
      procKeys: () => procKeys.split('\n').filter((text) => !invalidated.some((id) => text.startsWith(id.toString(16).padStart(8, '0')))).join('\n'),
      keyctl: async (args) => {
        const id = Number(args[1])
        if (!(id in keys) || invalidated.includes(id)) return undefined
        if (args[0] === 'rdescribe') return `${keys[id]}\n`
        if (args[0] === 'invalidate') invalidated.push(id)
        return ''
      },
    }
    return {system, invalidated}
  }
  const noFallback = async () => {}

  it('invalidates a key of ours that the kernel describes exactly as ours', async () => {
    const {system, invalidated} = kernel(line('0000002a', 'I--Q---', 1000, 'user', `${description}: 32`), {0x2a: `user;1000;1000;3f010000;${description}`})
    expect(await removeKernelKeys(description, noFallback, system)).toEqual({found: 1, left: []})
    expect(invalidated).toEqual([0x2a])
  })

  it('never invalidates a key that a forged line names, even one no other line lists (a key we may search but not view)', async () => {
    const {system, invalidated} = kernel(forged('0000002a'), {0x2a: 'user;1000;1000;08080000;my-kerberos-ticket'})
    expect(await removeKernelKeys(description, noFallback, system)).toEqual({found: 0, left: []})
    expect(invalidated).toEqual([])
  })

  it.each([
    {name: 'another type', described: `keyring;1000;1000;3f010000;${description}`},
    {name: 'another uid', described: `user;0;0;3f010000;${description}`},
    {name: 'a description that only starts like ours', described: `user;1000;1000;3f010000;${description}.bak`},
  ])('never invalidates a key the kernel describes as $name', async ({described}) => {
    const {system, invalidated} = kernel(line('0000002a', 'I--Q---', 1000, 'user', `${description}: 32`), {0x2a: described})
    await removeKernelKeys(description, noFallback, system)
    expect(invalidated).toEqual([])
  })
})

const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((file) => existsSync(file))
const keyctl = ['/usr/bin/keyctl', '/bin/keyctl'].find((file) => existsSync(file))
const asNobody = (args: string[]) => execFileSync(setpriv!, ['--reuid=65534', '--regid=65534', '--clear-groups', keyctl!, ...args], {encoding: 'utf8'}).trim()

describe.skipIf(process.platform !== 'linux' || process.getuid?.() !== 0 || !setpriv || !keyctl)('a line forged in the real /proc/keys', () => {
  it('by another user\'s key is not taken for a key of ours', async () => {
    const ours = kernelDescription(`ddcli:/tmp/ddcli-forged-${process.pid}/config.json`, 'default/pat')
    // Another user's key, viewable by all, whose description forges a line: key 7ffffffe of root, with our description.
    const id = asNobody(['add', 'user', `innocent: 4\n7ffffffe I--Q---     1 perm 3f010000     0     0 user      ${ours}`, '0123456789abcdef0123456789abcdef', '@u'])
    try {
      asNobody(['setperm', id, '0x3f3f3f3f'])
      expect(readFileSync('/proc/keys', 'utf8')).toContain(`\n7ffffffe I--Q---     1 perm 3f010000     0     0 user      ${ours}: 32\n`)
      expect(await removeKernelKeys(ours, async () => {})).toEqual({found: 0, left: []})
    } finally {
      asNobody(['invalidate', id])
    }
  })
})
