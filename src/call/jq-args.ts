import {UsageError} from '../errors.js'
import type {JqArg} from '../jq/index.js'

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const PAIR = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s

/**
 * The variables of `--arg` and `--argjson`, from the values oclif gathered for each flag. oclif's repeated flags
 * take every word up to the next flag, so jq's two-word form `--arg id 42` arrives as `['id', '42']` and the one-word
 * form `--arg id=42` as `['id=42']`; both are read here, left to right: a word that is a jq name followed by `=` is a
 * pair, a bare name takes the next word as its value.
 */
export function parseJqArgs(args: readonly string[], argjson: readonly string[]): JqArg[] {
  return [...pairs('--arg', args, false), ...pairs('--argjson', argjson, true)]
}

function pairs(flag: string, words: readonly string[], json: boolean): JqArg[] {
  const out: JqArg[] = []
  const example = json ? `${flag} ids '[1,2]' (or ${flag} ids='[1,2]')` : `${flag} name value (or ${flag} name=value)`
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    const pair = PAIR.exec(word)
    let name: string
    let value: string
    if (pair) {
      name = pair[1]!
      value = pair[2]!
    } else if (NAME.test(word) && i + 1 < words.length) {
      name = word
      value = words[++i]!
    } else if (NAME.test(word)) {
      throw new UsageError(`${flag} ${word} needs a value; write ${example}`)
    } else {
      throw new UsageError(`${flag} takes a jq variable name (letters, digits, _) and a value; write ${example}`)
    }
    if (json) checkJson(flag, name, value)
    out.push({name, value, json})
  }
  return out
}

function checkJson(flag: string, name: string, value: string): void {
  try {
    JSON.parse(value)
  } catch {
    // JSON.parse's own message quotes the value, which may be long or span lines: the line names the flag instead.
    throw new UsageError(`${flag} ${name}: the value is not JSON; write a string as '"text"', or pass it with --arg`)
  }
}
