import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

/** The recorded Datadog traffic shared with the project (`../shared` from the repo root); absent on a user's machine. */
export const cassettesRoot = fileURLToPath(new URL('../../../shared/datadog-cassettes/', import.meta.url))

/** The parts of a HAR 1.2 entry that replay reads; Polly.JS keeps only `accept` and `content-type` headers. */
export interface HarEntry {
  request: {
    method: string
    url: string
    headers: {name: string; value: string}[]
    postData?: {mimeType: string; text?: string; encoding?: string}
  }
  response: {
    status: number
    statusText: string
    headers: {name: string; value: string}[]
    content: {mimeType: string; size: number; text?: string; encoding?: string}
  }
}

/** One recorded request and its answer, normalised for replay. */
export interface Interaction {
  /** `<cassette dir>#<entry index>`, unique and stable; failures name it. */
  id: string
  host: string
  method: string
  /** Path and query exactly as recorded (no re-encoding). */
  target: string
  /** Undefined when the request had no `postData`. */
  requestBody?: Buffer
  requestContentType?: string
  status: number
  statusText: string
  responseContentType?: string
  /** The bytes the server sends; empty for HEAD, 204 and 304 whatever HAR holds. */
  responseBody: Buffer
}

/** Converts one HAR entry; `content.text` is the truth (`content.size` is often stale after Polly's scrubbing). */
export function interactionFromEntry(entry: HarEntry, id: string): Interaction {
  const {request, response} = entry
  const origin = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(request.url)
  if (!origin) throw new Error(`${id}: not an absolute URL: ${request.url}`)
  let target = request.url.slice(origin[0].length).replace(/#.*$/, '')
  if (!target.startsWith('/')) target = `/${target}`
  const bodyless = request.method === 'HEAD' || response.status === 204 || response.status === 304
  const post = request.postData
  return {
    id,
    host: origin[1] ?? '',
    method: request.method,
    target,
    requestBody: post ? decode(post.text, post.encoding) : undefined,
    requestContentType: header(request.headers, 'content-type') ?? post?.mimeType,
    status: response.status,
    statusText: response.statusText,
    responseContentType: header(response.headers, 'content-type'),
    responseBody: bodyless ? Buffer.alloc(0) : decode(response.content.text, response.content.encoding),
  }
}

/** Reads every `recording.har` under `root`, sorted by path, entries in file order. */
export function loadInteractions(root = cassettesRoot): Interaction[] {
  const files = readdirSync(root, {recursive: true, encoding: 'utf8'})
    .filter((file) => file.endsWith('recording.har'))
    .sort()
  return files.flatMap((file) => {
    const har = JSON.parse(readFileSync(join(root, file), 'utf8')) as {log: {entries: HarEntry[]}}
    const cassette = file.replace(/\/?recording\.har$/, '')
    return har.log.entries.map((entry, index) => interactionFromEntry(entry, `${cassette}#${index}`))
  })
}

/** True when the shared cassettes are present. */
export function haveCassettes(root = cassettesRoot): boolean {
  return existsSync(join(root, 'v1')) && existsSync(join(root, 'v2'))
}

/** Every k-th interaction (about `target` of them, spread over v1 and v2) plus every rare shape, in input order. */
export function sampleInteractions(all: Interaction[], target: number): Interaction[] {
  const step = Math.max(1, Math.floor(all.length / target))
  return all.filter((interaction, index) => index % step === 0 || isRareShape(interaction))
}

/** JSON media types, including `+json` suffixes and the `text/json` Datadog still sends. */
export function isJsonType(contentType: string | undefined): boolean {
  return /^[a-z]+\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType ?? '')
}

function isRareShape(interaction: Interaction): boolean {
  return (
    interaction.host !== 'api.datadoghq.com' ||
    interaction.target.split('?')[0]?.includes('%') === true ||
    (interaction.requestBody !== undefined && interaction.requestContentType !== 'application/json') ||
    (interaction.responseBody.length > 0 && !isJsonType(interaction.responseContentType))
  )
}

function header(headers: {name: string; value: string}[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value
}

function decode(text: string | undefined, encoding: string | undefined): Buffer {
  if (text === undefined) return Buffer.alloc(0)
  return encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8')
}
