/** The two Datadog API specs. */
export type ApiVersion = 'v1' | 'v2'

/**
 * One securitySchemes entry. `header`: an API key sent in `header`; `bearer`: an OpenAPI http bearer scheme, i.e.
 * `Authorization: Bearer <token>` (the spec names no header); `oauth`: OAuth2, listed so security alternatives naming
 * it can be read; `query`: a deprecated key sent as the query parameter `param`.
 */
export interface SecurityScheme {
  name: string
  kind: 'header' | 'bearer' | 'oauth' | 'query'
  /** Header name, for kind `header`. */
  header?: string
  /** Query parameter name, for kind `query`. */
  param?: string
  /** The spec's x-env-name: the environment variable Datadog's clients read. */
  envName?: string
  /** The scheme this one is a deprecated alias of (x-auth-id-alias). */
  aliasOf?: string
}

/** A path or query parameter and whether the spec requires it. */
export interface Param {
  name: string
  required: boolean
}

/** One variable of a server URL template. */
export interface ServerVariable {
  default: string
  enum?: readonly string[]
}

/** An operation's own first `servers` entry, e.g. `https://{subdomain}.{site}` with subdomain `http-intake.logs`. */
export interface ServerOverride {
  url: string
  variables: Readonly<Record<string, ServerVariable>>
}

/** The spec's x-pagination, as written there (limitParam, pageParam, cursorParam, resultsPath, ...). */
export type Pagination = Readonly<Record<string, string | number>>

/** One operation of the index. Shared arrays and objects are reused across operations: do not mutate them. */
export interface Operation {
  version: ApiVersion
  operationId: string
  /** Upper case, e.g. `GET`. */
  method: string
  /** Path template, e.g. `/api/v1/monitor/{monitor_id}`. */
  path: string
  /** First line of the spec's summary, at most 100 characters. */
  summary: string
  /** In template order; all required. */
  pathParams: readonly Param[]
  queryParams: readonly Param[]
  /** Alternatives, each a set of scheme names that must all be present; empty means no auth is needed. */
  security: readonly (readonly string[])[]
  server?: ServerOverride
  pagination?: Pagination
  /** x-unstable: its text, or true when the spec gives no text. */
  unstable?: string | true
  deprecated: boolean
  /** x-sunset, e.g. `2027-02-20`. */
  sunset?: string
  /** Content types the request body may have; empty when the operation takes no body. */
  requestContentTypes: readonly string[]
}
