import {format} from 'node:util'
import type {Interfaces} from '@oclif/core'
import {createMasker} from './credentials/mask.js'
import {processSecrets} from './credentials/process-secrets.js'
import {proxySecrets} from './http/proxy.js'

/** Whether a namespace is switched on by DEBUG (`*`, `oclif:*`, `-oclif:config`, comma or space separated). */
export function debugEnabled(pattern: string, namespace: string): boolean {
  let enabled = false
  for (const part of pattern.split(/[\s,]+/).filter(Boolean)) {
    const negate = part.startsWith('-')
    const glob = new RegExp(`^${(negate ? part.slice(1) : part).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*?')}$`)
    if (glob.test(namespace)) enabled = !negate
  }
  return enabled
}

/**
 * oclif's DEBUG trace prints argv, where a `--api-key` would appear in clear. This logger, used by bin/run.js when
 * DEBUG is set, writes the same trace through the one masking function.
 */
export function maskingLogger(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, namespace = 'oclif', out: (text: string) => void = (text) => process.stderr.write(text)): Interfaces.Logger {
  const mask = createMasker([...processSecrets(argv, env), ...proxySecrets(env)])
  const pattern = env.DEBUG ?? ''
  const on = debugEnabled(pattern, namespace)
  const write = (formatter: unknown, ...args: unknown[]) => {
    if (on) out(`${mask(`${new Date().toISOString()} ${namespace} ${format(formatter, ...args)}`)}\n`)
  }
  return {
    child: (ns: string, delimiter?: string) => maskingLogger(argv, env, `${namespace}${delimiter ?? ':'}${ns}`, out),
    debug: write,
    error: write,
    info: write,
    namespace,
    trace: write,
    warn: write,
  }
}
