import {siteApiUrl} from '../credentials/sites.js'
import {credentialAlternatives} from '../call/hints.js'
import {operationHost, type Operation, type Pagination, type Param} from '../spec/index.js'
import {docsUrl, type BodyField, type OperationExtras} from '../spec/details.js'
import {exampleCommand} from './example.js'

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
  /** `api`: the site's API host; `own`: the operation's own server (e.g. a logs intake host); `url`: an API URL. */
  hostKind: 'api' | 'own' | 'url'
  /** Where the API URL came from (`--api-url`, `DD_API_URL`, the profile) when it replaces the host. */
  apiUrlSource: string | null
  hostError: string | null
  pathParams: readonly Param[]
  queryParams: readonly Param[]
  pagination: Pagination | null
  preview: boolean
  previewNote: string | null
  deprecated: boolean
  sunset: string | null
  requestContentTypes: readonly string[]
  /** The JSON request body's top-level fields, required ones first. */
  bodyFields: readonly BodyField[]
  /** A command that calls the operation, with an example body when it takes JSON. */
  example: string
  /** Datadog's documentation page for the operation; null when the spec gives no tag. */
  docs: string | null
}

/** How `api show` was asked to pick the host and name the operation, and what the specs say beyond the index. */
export interface DetailOptions {
  /** An API URL from --api-url, DD_API_URL or the profile: it replaces every host, as in `ddcli call`. */
  apiUrl?: {value: string, source: string}
  name?: string
  extras?: OperationExtras
  /** The flags to repeat in the example command (`--site datadoghq.eu`). */
  targetFlags?: readonly string[]
}

/** The first line of an x-unstable text without its markdown emphasis. */
function previewNote(unstable: Operation['unstable']): string | null {
  if (typeof unstable !== 'string') return null
  return unstable.split('\n')[0]!.replace(/\*\*/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim() || null
}

/** The details of one operation on one site. */
export function operationDetail(op: Operation, site: string, options: DetailOptions = {}): OperationDetail {
  let host: string | null = null
  let hostError: string | null = null
  try {
    host = options.apiUrl ? options.apiUrl.value : (operationHost(op, site) ?? siteApiUrl(site))
  } catch (error: unknown) {
    hostError = (error as Error).message
  }
  const extras = options.extras ?? {fields: []}
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
    hostKind: options.apiUrl ? 'url' : op.server ? 'own' : 'api',
    apiUrlSource: options.apiUrl?.source ?? null,
    hostError,
    pathParams: op.pathParams,
    queryParams: op.queryParams,
    pagination: op.pagination ?? null,
    preview: op.unstable !== undefined,
    previewNote: previewNote(op.unstable),
    deprecated: op.deprecated || op.sunset !== undefined,
    sunset: op.sunset ?? null,
    requestContentTypes: op.requestContentTypes,
    bodyFields: [...extras.fields].sort((a, b) => Number(b.required) - Number(a.required)),
    example: exampleCommand(op, options.name ?? op.operationId, extras.example, options.targetFlags ?? []),
    docs: docsUrl(op, extras.tag) ?? null,
  }
}
