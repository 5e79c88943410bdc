import {cutShort} from '../closest.js'
import {UsageError} from '../errors.js'

/** `%6d` and the like: a percent-encoded letter, digit, `-`, `.`, `_` or `~`, which RFC 3986 says is that character. */
const ENCODED = /%([0-9A-Fa-f]{2})/g
const UNRESERVED = /^[A-Za-z0-9._~-]$/

/**
 * PATH as the server routes it, so that the method check, the implicit method, the body check, read-only mode and
 * placeholders look up the operation the request reaches: percent-encoded unreserved characters decoded
 * (`/api/v1/%6donitor` is `/api/v1/monitor`, RFC 3986 6.2.2.2), and the rest of PATH kept as typed. Refused (exit 2):
 * an encoded slash (`monitor%2F123`) and an empty segment (`/api/v1//monitor`), which servers route either as ddcli
 * reads them or as one more (or one less) segment. The query string and fragment are not touched.
 */
export function serverPath(target: string): string {
  // Another scheme (blob:, data:, ftp://) is resolveTarget's to refuse, as it stands.
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !/^https?:\/\//i.test(target)) return target
  const origin = /^https?:\/\/[^/?#]*/i.exec(target)?.[0] ?? ''
  const rest = target.slice(origin.length)
  const cut = rest.search(/[?#]/)
  const path = cut === -1 ? rest : rest.slice(0, cut)
  const tail = cut === -1 ? '' : rest.slice(cut)
  if (/%2f/i.test(path)) {
    throw new UsageError(`PATH has %2F, an encoded "/", which servers may route as a "/": ${cutShort(path, 80)}; write "/" between segments, or put {name} in PATH and the value with -p name=VALUE`)
  }
  // Only a relative PATH's leading "//" is resolveTarget's (it names another host); anywhere else it is an empty segment.
  const inner = origin === '' ? path.replace(/^\/\/(?!\/)/, '/') : path
  if (inner.includes('//')) {
    throw new UsageError(`PATH has an empty segment ("//"), which servers may merge with its neighbour: ${cutShort(path, 80)}; write ${cutShort(path.replace(/\/{2,}/g, '/'), 80)}`)
  }
  const decoded = path.replace(ENCODED, (whole, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16))
    return UNRESERVED.test(char) ? char : whole
  })
  return `${origin}${decoded}${tail}`
}
