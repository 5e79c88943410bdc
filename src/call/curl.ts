import {CREDENTIALS} from '../credentials/credentials.js'
import {SENSITIVE_HEADERS, maskValue, type Masker} from '../credentials/mask.js'
import type {Settings} from '../credentials/resolve.js'
import type {BodySource} from '../http/transport.js'

/** A piece of an argument: literal text, or a reference to an environment variable holding a secret. */
type Segment = {text: string} | {ref: string}

/** The curl line and the notes that go with it (on stderr). */
export interface CurlCommand {
  line: string
  notes: string[]
}

/** Splits text at each configured secret, which becomes a reference to its variable (longest secret first). */
export function splitSecrets(text: string, refs: ReadonlyArray<readonly [string, string]>): Segment[] {
  let segments: Segment[] = [{text}]
  for (const [secret, name] of refs) {
    segments = segments.flatMap((segment): Segment[] => {
      if (!('text' in segment) || !segment.text.includes(secret)) return [segment]
      return segment.text.split(secret).flatMap((part, i): Segment[] => (i === 0 ? [{text: part}] : [{ref: name}, {text: part}]))
    })
  }
  return segments.filter((segment) => !('text' in segment) || segment.text !== '')
}

const BARE = /^[A-Za-z0-9_./:=@%+,-]+$/
const DOUBLE_SAFE = /^[^"$`\\!]*$/

/** One shell word: bare when safe, else single-quoted; references as `"$VAR"`, inside double quotes when possible. */
export function shellWord(segments: readonly Segment[]): string {
  if (segments.length === 0) return "''"
  if (segments.every((s) => 'text' in s)) {
    const text = segments.map((s) => (s as {text: string}).text).join('')
    return BARE.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
  }
  if (segments.every((s) => !('text' in s) || DOUBLE_SAFE.test(s.text))) {
    return `"${segments.map((s, i) => {
      if ('text' in s) return s.text
      const following = segments[i + 1]
      return following && 'text' in following && /^[A-Za-z0-9_]/.test(following.text) ? `\${${s.ref}}` : `$${s.ref}`
    }).join('')}"`
  }
  return segments.map((s) => ('text' in s ? `'${s.text.replace(/'/g, `'\\''`)}'` : `"$${s.ref}"`)).join('')
}

/**
 * The curl command line that sends the same request as `call`: method, URL, every header, the body. Credentials
 * appear as `"$DD_API_KEY"`, `"$DD_APP_KEY"`, `"$DD_BEARER_TOKEN"`, never as values, wherever they came from; any
 * other secret header value (a -H Cookie) is masked and named in a note. `-g` keeps curl from globbing `[]` in
 * query keys; no `-L`, because curl would send these headers to whatever host a redirect names.
 */
export function curlCommand(method: string, url: URL, headers: Record<string, string>, body: BodySource | undefined, settings: Settings, mask: Masker): CurlCommand {
  const notes: string[] = []
  const refs: Array<[string, string]> = []
  for (const def of CREDENTIALS) {
    const value = settings[def.kind].value
    if (!value) continue
    refs.push([value, def.env[0]!])
    if (settings[def.kind].source !== def.env[0]) notes.push(`note: the curl line reads $${def.env[0]}; your ${def.label} comes from ${settings[def.kind].source}, so set ${def.env[0]} before running it`)
  }
  refs.sort((a, b) => b[0].length - a[0].length)
  // Masking happens on each piece of text before it is quoted, never on the finished line: a masked value must not
  // eat a closing quote (which would turn the rest of the line into shell code) nor a "$DD_API_KEY" reference.
  const word = (text: string, where: string, prefix?: string): string => {
    const segments = splitSecrets(text, refs).map((segment): Segment => {
      if (!('text' in segment)) return segment
      const masked = mask(segment.text)
      if (masked !== segment.text) notes.push(`note: a secret in the ${where} is masked in the curl line; put it back before running it`)
      return {text: masked}
    })
    return shellWord(prefix === undefined ? segments : [{text: prefix}, ...segments])
  }
  const words = ['curl', '-sS', '-g', '--compressed']
  words.push(...(method === 'HEAD' ? ['--head'] : ['-X', method]))
  words.push(word(url.href, 'URL'))
  for (const [name, value] of Object.entries(headers)) {
    const literal = splitSecrets(value, refs).map((s) => ('text' in s ? s.text : '')).join('')
    if (SENSITIVE_HEADERS.has(name.toLowerCase()) && literal.trim() !== '' && literal !== 'Bearer ') {
      notes.push(`note: the ${name} header is masked in the curl line; put its value back before running it`)
      words.push('-H', shellWord([{text: `${name}: ${maskValue(value)}`}]))
    } else if (value === '') {
      // curl drops a header given as `Name: ` with nothing after it; `Name;` is how it sends one with an empty value.
      words.push('-H', shellWord([{text: `${name};`}]))
    } else {
      words.push('-H', word(value, `${name} header`, `${name}: `))
    }
  }
  if (body?.kind === 'buffer') words.push('--data-binary', word(body.data.toString('utf8'), 'body'))
  if (body?.kind === 'file') words.push('--data-binary', shellWord([{text: `@${body.path}`}]))
  if (body?.kind === 'stream') {
    words.push('--data-binary', '@-')
    notes.push('note: the curl line reads the body from stdin, as this call did')
  }
  return {line: `${words.join(' ')}\n`, notes: [...new Set(notes)]}
}
