// The minified form of a verdict function's source (src/spec/verdict-source.ts) as the build writes it
// (scripts/verdicts.mjs), shared with test/spec/verdict-fuzz.test.ts, which holds the minified functions to the
// checker's answers too.
import {transformSync} from 'esbuild'

/** `(function () { ... })` minified, ASCII only (src/spec/verdicts.ts reads it as Latin-1). */
export function minifyVerdict(source, label) {
  const minified = transformSync(`__verdict = ${source}`, {minify: true, loader: 'js', charset: 'ascii'}).code
  if (/[^\0-\x7f]/.test(minified)) throw new Error(`verdicts: ${label} is not ASCII after minifying; review the charset option`)
  const match = /^__verdict\s*=\s*([\s\S]*?);?\s*$/.exec(minified)
  if (!match) throw new Error(`verdicts: unexpected minified form for ${label}`)
  return `(${match[1]})`
}
