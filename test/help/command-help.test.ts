import type {Command} from '@oclif/core/command'
import type {Config} from '@oclif/core/config'
import {describe, expect, it} from 'vitest'
import {DdcliCommandHelp} from '../../src/help/command-help.js'
import DdcliHelp from '../../src/help/help-class.js'

// oclif renders help from a loaded Config; test/e2e/help.test.ts runs it whole. Here, the one rule of ours.
class Exposed extends DdcliCommandHelp {
  shown(examples: Command.Example[]): string | undefined {
    return this.examples(examples)
  }
}

const config = {bin: 'ddcli', platform: 'linux', shell: 'bash', theme: undefined, pjson: {oclif: {}}} as unknown as Config

describe('DdcliCommandHelp', () => {
  it('shows every example as a shell line, pipes included', () => {
    const help = new Exposed({id: 'call', flags: {}, args: {}} as unknown as Command.Loadable, config, {stripAnsi: true, maxWidth: 100})
    const text = help.shown(['<%= config.bin %> call GET /x', 'echo x | <%= config.bin %> call POST /y --input -', '$ already'])!
    expect(text.split('\n').map((line) => line.trim()).filter(Boolean)).toEqual(['$ ddcli call GET /x', '$ echo x | ddcli call POST /y --input -', '$ already'])
  })

  it('is the command help class of ddcli\'s Help', () => {
    expect(new DdcliHelp(config).CommandHelpClass).toBe(DdcliCommandHelp)
  })
})
