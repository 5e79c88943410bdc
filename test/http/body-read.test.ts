import {PassThrough} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {readBounded} from '../../src/http/body-read.js'

describe('readBounded', () => {
  it('reads a stream to its end', async () => {
    const stream = new PassThrough()
    stream.end('{"a":1}')
    await expect(readBounded(stream, 100, 'field stdin (@-)', new AbortController().signal)).resolves.toEqual(Buffer.from('{"a":1}'))
  })

  // stdin read twice (two names for it): an ended stream emits no 'end' again, and a promise waiting for it left the
  // process nothing to do but exit 0 without a word or a request.
  it('refuses a stream already read to its end, at once', async () => {
    const stream = new PassThrough()
    stream.end('x')
    await readBounded(stream, 100, 'field stdin (@-)', new AbortController().signal)
    const again = readBounded(stream, 100, 'field file /dev/stdin', new AbortController().signal)
    await expect(Promise.race([again, new Promise((resolve) => setTimeout(resolve, 500, 'still waiting'))])).rejects.toThrow(UsageError)
    await expect(again).rejects.toThrow(/^cannot read field file \/dev\/stdin: it was already read to its end; /)
  })
})
