import type {CannedResponse, RecordedRequest} from './server.js'

/** Items `0..total-1` as `{id, n}`; `n` is a 64-bit literal that JSON.parse would round. */
export function item(i: number): string {
  return `{"id": "${i}", "n": 12345678901234567891}`
}

const json = (body: string, status = 200): CannedResponse => ({status, headers: {'content-type': 'application/json'}, body})

function query(request: RecordedRequest): URLSearchParams {
  return new URLSearchParams(request.query)
}

/**
 * Answers the list endpoints the spec index knows, in each pagination style, over `total` items:
 * query cursor (GET /api/v2/audit/events, meta.page.after), body cursor (POST /api/v2/audit/events/search),
 * page number (GET /api/v1/monitor, a top-level array) and offset (GET /api/v1/slo/correction, data).
 */
export function listHandler(total: number): (request: RecordedRequest) => CannedResponse {
  const slice = (from: number, limit: number) => Array.from({length: Math.max(0, Math.min(limit, total - from))}, (_, i) => item(from + i))
  return (request) => {
    const q = query(request)
    if (request.method === 'GET' && request.path === '/api/v2/audit/events') {
      const limit = Number(q.get('page[limit]') ?? 10)
      const from = Number(q.get('page[cursor]') ?? 0)
      const next = from + limit < total ? `{"after":"${from + limit}"}` : '{}'
      return json(`{"data":[${slice(from, limit).join(',')}],"meta":{"page":${next}}}`)
    }
    if (request.method === 'POST' && request.path === '/api/v2/audit/events/search') {
      const body = JSON.parse(request.body.toString('utf8') || '{}') as {page?: {cursor?: string, limit?: number}}
      const limit = body.page?.limit ?? 10
      const from = Number(body.page?.cursor ?? 0)
      const next = from + limit < total ? `{"after":"${from + limit}"}` : '{}'
      return json(`{"data":[${slice(from, limit).join(',')}],"meta":{"page":${next}}}`)
    }
    if (request.method === 'GET' && request.path === '/api/v1/monitor') {
      const size = Number(q.get('page_size') ?? 100)
      const page = Number(q.get('page') ?? 0)
      return json(`[${slice(page * size, size).join(',')}]`)
    }
    if (request.method === 'GET' && request.path === '/api/v1/slo/correction') {
      const limit = Number(q.get('limit') ?? 25)
      const offset = Number(q.get('offset') ?? 0)
      return json(`{"data":[\n  ${slice(offset, limit).join(',\n  ')}\n]}`)
    }
    return json('{"errors":["not found"]}', 404)
  }
}
