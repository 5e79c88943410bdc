import {cutShort} from '../closest.js'
import type {ChalkInstance} from 'chalk'
import type {OperationDetail} from './detail.js'

/** `unknown operation "ListMonitorz"; did you mean ListMonitors? (ddcli api list SEARCH finds others)` */
export function unknownOperationLine(given: string, suggestions: readonly string[]): string {
  const quoted = JSON.stringify(cutShort(given, 83))
  if (suggestions.length === 0) return `unknown operation ${quoted}; find one with ddcli api list SEARCH`
  const list = suggestions.length === 1 ? suggestions[0]! : `${suggestions.slice(0, -1).join(', ')} or ${suggestions.at(-1)!}`
  return `unknown operation ${quoted}; did you mean ${list}? (ddcli api list SEARCH finds others)`
}

function hostLine(d: OperationDetail): string {
  if (d.host === null) return `none known for site ${d.site} (${d.hostError ?? 'no server'})`
  if (d.hostKind === 'url') return `${d.host} (the API URL from ${d.apiUrlSource ?? 'the settings'}; it replaces the site's hosts)`
  if (d.hostKind === 'own') return `${d.host} (this operation's own host on site ${d.site}; follows --site, --api-url replaces it)`
  return `${d.host} (the API host of site ${d.site}; follows --site and --api-url)`
}

const params = (list: OperationDetail['queryParams']) => list.map((p) => (p.required ? `${p.name} (required)` : p.name)).join(', ')

/** The `label: value` lines of one operation, empty values left out. */
export function detailLines(d: OperationDetail): Array<[string, string]> {
  const lines: Array<[string, string]> = [
    ['credentials', d.credentials ?? 'none needed'],
    ['host', hostLine(d)],
    ['path params', params(d.pathParams)],
    ['query params', params(d.queryParams)],
    ['pagination', d.pagination ? Object.entries(d.pagination).map(([k, v]) => `${k}=${v}`).join(', ') : ''],
    ['request body', d.requestContentTypes.join(', ')],
    ['body fields', d.bodyFields.map((f) => `${f.name} (${f.type}${f.required ? ', required' : ''})`).join('\n')],
    ['preview', d.preview ? `yes, it may change without notice${d.previewNote ? ` (${d.previewNote})` : ''}` : ''],
    ['deprecated', d.deprecated ? `yes${d.sunset ? `, sunset ${d.sunset}` : ''}` : ''],
  ]
  lines.push(['example', d.example], ['docs', d.docs ?? ''])
  return lines.filter(([, value]) => value !== '')
}

/** `ddcli api show` text for one operation: name, request line, summary, then aligned `label: value` lines. */
export function showText(d: OperationDetail, chalk?: ChalkInstance): string {
  const bold = (s: string) => (chalk ? chalk.bold(s) : s)
  const warn = (s: string) => (chalk ? chalk.yellow(s) : s)
  const head = [`${bold(d.operationId)} (${d.version})`, `${d.method} ${d.path}`]
  if (d.summary) head.push(d.summary)
  const body = detailLines(d).map(([label, value]) => {
    const text = `${`${label}:`.padEnd(15)}${value.replace(/\n/g, `\n${' '.repeat(15)}`)}`
    return label === 'preview' || label === 'deprecated' ? warn(text) : text
  })
  return `${head.join('\n')}\n\n${body.join('\n')}\n`
}
