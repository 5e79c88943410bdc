import {Document, stringify, visit, type Tags} from 'yaml'
import {UsageError} from '../errors.js'
import {deeperThan, JsonNumber} from './exact-json.js'
import type {FormatSink, SinkOptions} from './sink.js'
import {writer} from './sink.js'

/** Deeper than this, the YAML library (recursive) would overflow the stack: such a value is refused in one line. */
const MAX_DEPTH = 1000

/**
 * A value for the YAML library: numbers a double cannot hold become BigInt (integers) so every digit is kept. The
 * value was checked against MAX_DEPTH, so recursing here is safe.
 */
function plain(value: unknown): unknown {
  if (value instanceof JsonNumber) return /^-?\d+$/.test(value.text) ? BigInt(value.text) : Number(value.text)
  if (Array.isArray(value)) return value.map(plain)
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]))
  return value
}

/**
 * YAML text of a value. The library writes the string `<<` plain, which a YAML 1.1 reader (PyYAML) takes for a merge
 * key and folds its mapping into the parent (`{"<<":{"admin":true}}` reads back as `{"admin":true}`), or refuses as a
 * value; when the text holds `<<`, it is written again with every such scalar double-quoted.
 */
function toYaml(value: unknown): string {
  const text = stringify(value, YAML_OPTIONS)
  if (!text.includes('<<')) return text
  // The library's 1.1 merge tag would write `<<` plain whatever the style asked: without it, `<<` is a string.
  const options = {...YAML_OPTIONS, customTags: (tags: Tags) => tags.filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:merge')}
  const doc = new Document(value, options)
  visit(doc, {Scalar(_key, node) {
    if (node.value === '<<') node.type = 'QUOTE_DOUBLE'
  }})
  return doc.toString(options)
}

const CHUNK = 100

// Quoted as YAML 1.1 would need it (`"yes"`, `"on"`, `"2024-01-01"`), so PyYAML and other 1.1 readers get strings
// back as strings; the text is valid YAML 1.2 as well. No folding of long lines, no anchors.
const YAML_OPTIONS = {lineWidth: 0, version: '1.1', aliasDuplicateObjects: false} as const

/**
 * `-o yaml`: a body or each jq output as a YAML document (`---` between documents); the items of `--paginate` as one
 * sequence, written page by page.
 */
export class YamlSink implements FormatSink {
  private readonly write: (text: string) => Promise<void>
  private documents = 0
  private listed?: number

  constructor(options: SinkOptions) {
    this.write = writer(options.io)
  }

  async document(value: unknown): Promise<void> {
    checkDepth(value)
    const separator = this.documents++ > 0 ? '---\n' : ''
    if (Array.isArray(value) && value.length > 0) {
      await this.write(separator)
      await this.sequence(value)
    } else {
      await this.write(`${separator}${toYaml(plain(value))}`)
    }
  }

  async items(values: readonly unknown[]): Promise<void> {
    this.listed = (this.listed ?? 0) + values.length
    for (const value of values) checkDepth(value)
    await this.sequence(values)
  }

  /** Entries of a sequence, written a few at a time: a long list streams out instead of being built whole first. */
  private async sequence(values: readonly unknown[]): Promise<void> {
    for (let from = 0; from < values.length; from += CHUNK) {
      await this.write(toYaml(values.slice(from, from + CHUNK).map(plain)))
    }
  }

  async end(): Promise<void> {
    if (this.listed === 0) await this.write('[]\n')
  }
}

function checkDepth(value: unknown): void {
  if (deeperThan(value, MAX_DEPTH)) throw new UsageError(`-o yaml cannot show JSON nested deeper than ${MAX_DEPTH} levels; use -o json`)
}
