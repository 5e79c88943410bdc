import {cutShort} from '../closest.js'
import {hasSecretShape} from '../credentials/mask.js'
import {oneLine} from '../output/render.js'


/**
 * Whether a mistyped word has the shape of a Datadog secret: a ddpat_/ddsat_ token, or a run of 32 (API key) or
 * 40 (application key) hex digits. Suggestion lines never echo such a word, configured or not.
 */
export function looksLikeSecret(word: string): boolean {
  return hasSecretShape(word)
}

/** A word as suggestion lines quote it: `"cal"`, cut at a word boundary within 40 characters, or a placeholder for what looks like a secret. */
export function shown(word: string): string {
  if (looksLikeSecret(word)) return '(a value that looks like a secret, not shown)'
  const line = oneLine(word)
  return JSON.stringify(cutShort(line, 40))
}
