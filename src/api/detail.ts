import {siteApiUrl} from '../credentials/sites.js'
import {credentialAlternatives} from '../call/hints.js'
import {operationHost, type Operation, type Pagination, type Param} from '../spec/index.js'

/** Everything `ddcli api show` tells about one operation; also its `--json` shape (absent values are null). */
export interface OperationDetail {
  operationId: string
  version: string
  method: string
  path: string
  summary: string
  /** `DD_API_KEY with DD_APP_KEY, or a PAT`; null when the operation needs no credentials. */
  credentials: string | null
  security: readonly (readonly string[])[]
  site: string
  /** The origin requests go to on `site`; null when no host is known to serve the operation there. */
  host: string | null
  /** `api`: the site's API host; `own`: the operation's own server (e.g. a logs intake host). */
  hostKind: 'api' | 'own'
  hostError: string | null
  pathParams: readonly Param[]
  queryParams: readonly Param[]
  pagination: Pagination | null
  preview: boolean
  previewNote: string | null
  deprecated: boolean
  sunset: string | null
  requestContentTypes: readonly string[]
}

/** The first line of an x-unstable text without its markdown emphasis. */
function previewNote(unstable: Operation['unstable']): string | null {
  if (typeof unstable !== 'string') return null
  return unstable.split('\n')[0]!.replace(/\*\*/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim() || null
}

/** The details of one operation on one site. */
export function operationDetail(op: Operation, site: string): OperationDetail {
  let host: string | null = null
  let hostError: string | null = null
  try {
    host = operationHost(op, site) ?? siteApiUrl(site)
  } catch (error: unknown) {
    hostError = (error as Error).message
  }
  return {
    operationId: op.operationId,
    version: op.version,
    method: op.method,
    path: op.path,
    summary: op.summary,
    credentials: op.security.length === 0 ? null : credentialAlternatives(op),
    security: op.security,
    site,
    host,
    hostKind: op.server ? 'own' : 'api',
    hostError,
    pathParams: op.pathParams,
    queryParams: op.queryParams,
    pagination: op.pagination ?? null,
    preview: op.unstable !== undefined,
    previewNote: previewNote(op.unstable),
    deprecated: op.deprecated || op.sunset !== undefined,
    sunset: op.sunset ?? null,
    requestContentTypes: op.requestContentTypes,
  }
}
