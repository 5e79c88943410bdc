import {got} from 'got'
import {describe, expect, it} from 'vitest'
import {BODY, standInHttp} from '../../src/sea/warm-up.js'

// The stand-in node:http that got talks to while the executable's snapshot is built (src/sea/warm-up.ts). Inside the
// bundle it is reached through the lazy node:http (test/sea/lazy-stand-in.test.ts); here got is given it as its
// request function, with the options the transport (src/http/transport.ts) sends every request with, so that a got
// upgrade that needs more of node:http fails here rather than only in npm run build:exe.
const url = 'http://127.0.0.1:9/api/v1/validate'
const transportOptions = {
  throwHttpErrors: false,
  followRedirect: false,
  retry: {limit: 0},
  decompress: true,
  timeout: {lookup: 1000, connect: 1000, secureConnect: 1000, response: 1000, socket: 1000},
}

describe('the snapshot build\'s stand-in node:http', () => {
  it('answers got\'s stream as the transport reads it: status, headers, then the body', async () => {
    const stream = got.stream(url, {...transportOptions, method: 'GET', request: standInHttp.request as never})
    const response = await new Promise<{statusCode: number, headers: Record<string, unknown>}>((resolve, reject) => {
      stream.once('response', resolve)
      stream.once('error', reject)
    })
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json')
    expect(Buffer.concat(chunks).toString('utf8')).toBe(BODY)
  })

  it('takes a request body and still answers', async () => {
    const body = await got.post(url, {...transportOptions, body: '{"a":1}', request: standInHttp.request as never}).text()
    expect(body).toBe(BODY)
  })
})
