import {describe, expect, it} from 'vitest'
import {kernelDescription, kernelKeyIds} from '../../src/credentials/kernel-keyring.js'

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
