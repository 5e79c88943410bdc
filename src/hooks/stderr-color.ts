import {colorLevel} from '../io.js'

/** The colour level of stderr for lines printed outside a command (not-found, help), as the base command computes it. */
export function stderrColor(argv: readonly string[]): number {
  const end = argv.indexOf('--')
  return colorLevel(Boolean(process.stderr.isTTY), process.env, (end === -1 ? argv : argv.slice(0, end)).includes('--no-color'))
}
