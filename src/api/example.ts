import type {Operation} from '../spec/index.js'

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

/**
 * One command that calls the operation: `ddcli call NAME`, a placeholder for each path parameter and required
 * query parameter, the flags that chose the host (`--site` ...), and the example body piped to `--input -`.
 */
export function exampleCommand(op: Operation, name: string, example: string | undefined, targetFlags: readonly string[]): string {
  const words = ['ddcli', 'call', name]
  for (const p of op.pathParams) words.push('-p', `${p.name}=${p.name.toUpperCase()}`)
  for (const p of op.queryParams) if (p.required) words.push('-f', shellQuote(`${p.name}=${p.name.toUpperCase()}`))
  words.push(...targetFlags.map(shellQuote))
  const json = op.requestContentTypes.some((type) => type.startsWith('application/json')) ? example : undefined
  if (json === undefined) return words.join(' ')
  return `echo ${shellQuote(json)} | ${words.join(' ')} --input -`
}
