import fs from 'node:fs'
import type {Masker} from '../credentials/mask.js'
import {maskHeaders} from '../credentials/mask.js'
import type {BodySource} from '../http/transport.js'
import {oneLine} from './render.js'

async function bodyText(body: BodySource | undefined): Promise<string> {
  if (body === undefined) return ''
  if (body.kind === 'buffer') return body.data.toString('utf8')
  if (body.kind === 'file') return fs.readFileSync(body.path, 'utf8')
  const chunks: Buffer[] = []
  for await (const chunk of body.stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** What `--dry-run` prints: `METHOD URL`, the headers (secrets masked), a blank line, the body. */
export async function dryRunText(method: string, url: URL, headers: Record<string, string>, body: BodySource | undefined, mask: Masker): Promise<string> {
  const lines = [mask(`${method} ${url.href}`), ...maskHeaders(headers, mask).map(([name, value]) => `${name}: ${oneLine(value)}`)]
  const text = await bodyText(body)
  return `${lines.join('\n')}\n${text ? `\n${mask(text)}${text.endsWith('\n') ? '' : '\n'}` : ''}`
}
