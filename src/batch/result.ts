import type {IncomingHttpHeaders} from 'node:http'
import {maskHeaders, type Masker} from '../credentials/mask.js'
import type {TransportRequest} from '../http/transport.js'
import {oneLine} from '../output/render.js'

/** Who a result belongs to: the request's id as given (when it had one) and its input line. */
export interface ResultHead {
  id?: unknown
  hasId: boolean
  line: number
}

// JSON.stringify leaves DEL, C1 controls and the Unicode line separators raw; escaped, a result cannot drive a
// terminal, and the line is still the same JSON.
const UNSAFE = /[\u007f-\u009f\u2028\u2029]/g

function safe(json: string): string {
  return json.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function headPart(head: ResultHead): string {
  const id = head.hasId ? `"id":${JSON.stringify(head.id) ?? 'null'},` : ''
  return `{${id}"line":${head.line}`
}

/** Response headers for a result: names as Node gives them (lower case), sensitive values masked, repeats joined. */
export function resultHeaders(headers: IncomingHttpHeaders, mask: Masker): Record<string, string> {
  const out: Record<string, string> = Object.create(null)
  for (const [name, value] of maskHeaders(headers, mask)) out[name] = name in out ? `${out[name]}, ${value}` : value
  return out
}

/**
 * The body as a result carries it: JSON as received (so 64-bit numbers keep every digit), with line breaks
 * between tokens turned into spaces to keep one result per line; anything else as a JSON string.
 */
export function bodyJson(body: Buffer, contentType: string | undefined): string {
  const text = body.toString('utf8')
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(text)
  if (looksJson && text.trim() !== '') {
    try {
      JSON.parse(text)
      return text.trim().replace(/[\r\n]+/g, ' ')
    } catch {
      // not JSON after all: a string
    }
  }
  return JSON.stringify(text)
}

/** `{"id":..,"line":..,"status":..,"headers":{..},"body":..}`, plus `error` when ddcli counts it as failed anyway. */
export function responseLine(head: ResultHead, status: number, headers: Record<string, string>, body: string, error?: string): string {
  const extra = error === undefined ? '' : `,"error":${JSON.stringify(oneLine(error))}`
  return safe(`${headPart(head)},"status":${status},"headers":${JSON.stringify(headers)},"body":${body}${extra}}\n`)
}

/** `{"id":..,"line":..,"error":".."}`: no response, or a line that could not be sent. */
export function errorLine(head: ResultHead, error: string): string {
  return safe(`${headPart(head)},"error":${JSON.stringify(oneLine(error))}}\n`)
}

/** JSON text of a value with every string in it masked (never the JSON text itself: a mask must not eat a quote). */
function maskedJson(value: unknown, mask: Masker): string | undefined {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? mask(item) : item))
}

/** What `--dry-run` prints per request: method, URL, headers (secrets masked) and body. */
export function dryRunLine(head: ResultHead, request: TransportRequest, mask: Masker): string {
  const headers = Object.fromEntries(maskHeaders(request.headers, mask))
  const body = request.body?.kind === 'buffer' ? `,"body":${maskedJson(JSON.parse(request.body.data.toString('utf8')), mask)}` : ''
  const id = head.hasId ? `"id":${maskedJson(head.id, mask) ?? 'null'},` : ''
  return safe(`{${id}"line":${head.line},"method":${JSON.stringify(request.method)},"url":${JSON.stringify(mask(request.url.href))},"headers":${JSON.stringify(headers)}${body}}\n`)
}
