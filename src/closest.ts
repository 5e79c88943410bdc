// How suggestion lines find the words a user may have meant. Pure: no imports, so any room may use it.

const normalize = (word: string) => word.toLowerCase().replace(/^-+/, '').replace(/[-_]/g, '')

/** The candidates within reach of a mistyped word with their scores, best first (see closest). */
function scored(word: string, candidates: readonly string[]): Array<[string, number]> {
  const wanted = normalize(word)
  if (wanted === '') return []
  const limit = Math.max(1, Math.floor(wanted.length / 3))
  const found: Array<[string, number]> = []
  for (const candidate of new Set(candidates)) {
    const name = normalize(candidate)
    // The distance is at least the difference in length: past the limit it is not computed (argv holds 128 KiB).
    const score = wanted.length >= 3 && name.startsWith(wanted) ? 0.5 : Math.abs(wanted.length - name.length) > limit ? Infinity : editDistance(wanted, name)
    if (score <= limit) found.push([candidate, score])
  }
  return found.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
}

/**
 * The candidates closest to a mistyped word, closest first: a candidate the word is a prefix of (3 letters or more)
 * or that is within a few edits (about one per three letters). Nothing when nothing is close.
 */
export function closest(word: string, candidates: readonly string[], n = 3): string[] {
  return scored(word, candidates).slice(0, n).map(([candidate]) => candidate)
}

/** Only the closest candidates of all (those tied for the best score), at most n: `datadoghq.eux` -> datadoghq.eu alone. */
export function nearest(word: string, candidates: readonly string[], n = 3): string[] {
  const found = scored(word, candidates)
  return found.filter(([, score]) => score === found[0]![1]).slice(0, n).map(([candidate]) => candidate)
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit (`lsit` is one edit from `list`). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({length: b.length + 1}, (_, j) => j)]
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1)
      row.push(best)
    }
    rows.push(row)
  }
  return rows[a.length]![b.length]!
}

/** `a`, `a or b`, `a, b or c` */
export function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`
}

/**
 * `text` cut to at most `max` characters, ending in `...`, never inside a word (letters, digits, `_`, `-`): a secret
 * is masked only whole, so a cut that kept 26 of an API key's 32 characters printed them as they are.
 */
export function cutShort(text: string, max: number): string {
  if (text.length <= max) return text
  const kept = text.slice(0, Math.max(0, max - 3))
  return `${/[\w-]/.test(text[kept.length]!) ? kept.replace(/[\w-]+$/, '') : kept}...`
}
