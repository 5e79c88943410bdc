import fs from 'node:fs'
import type {Masker} from '../credentials/mask.js'
import {maskHeaders} from '../credentials/mask.js'
import type {BodySource} from '../http/transport.js'
import {readBounded} from '../http/body-read.js'
import {oneLine} from './render.js'

async function bodyText(body: BodySource | undefined, signal: AbortSignal): Promise<string> {
  if (body === undefined) return ''
  if (body.kind === 'buffer') return body.data.toString('utf8')
  const stream = body.kind === 'file' ? fs.createReadStream(body.path) : body.stream
  const limit = body.kind === 'file' ? body.size : body.limit
  return (await readBounded(stream, limit, body.kind === 'file' ? `--input ${body.path}` : body.label, signal)).toString('utf8')
}

/** What `--dry-run` prints: `METHOD URL`, the headers (secrets masked), a blank line, the body. */
export async function dryRunText(method: string, url: URL, headers: Record<string, string>, body: BodySource | undefined, mask: Masker, signal: AbortSignal): Promise<string> {
  const lines = [mask(`${method} ${url.href}`), ...maskHeaders(headers, mask).map(([name, value]) => `${name}: ${oneLine(value)}`)]
  const text = await bodyText(body, signal)
  return `${lines.join('\n')}\n${text ? `\n${mask(text)}${text.endsWith('\n') ? '' : '\n'}` : ''}`
}
