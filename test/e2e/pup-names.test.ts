import {describe, expect, it} from 'vitest'
import {runCli} from '../helpers/cli.js'

// What only the spawned CLI shows of pup's names: oclif itself resolves the auth logout alias, and its help.

describe("pup's auth logout, through oclif", () => {
  it('runs auth clear', async () => {
    const result = await runCli(['auth', 'logout'])
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/^ddcli: nothing to remove/)
  })

  it('has the help of auth clear, which names it', async () => {
    const result = await runCli(['auth', 'logout', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString()).toContain('Remove stored credentials from a profile')
    expect(result.stdout.toString()).toMatch(/ALIASES\n\s+\$ ddcli auth logout/)
  })

  it('is not listed twice in the auth topic', async () => {
    const result = await runCli(['help', 'auth'])
    expect(result.code).toBe(0)
    expect(result.stdout.toString().match(/auth clear/g)).toHaveLength(1)
  })
})
