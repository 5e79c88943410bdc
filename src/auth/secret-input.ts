import readline from 'node:readline'
import {Writable, type Readable} from 'node:stream'
import {InterruptedError} from '../errors.js'
import type {IO} from '../io.js'
import {secretPrompt} from './render.js'
import {credential, type CredentialKind} from '../credentials/credentials.js'
import {MAX_SECRET_BYTES, decodeSecretInput, validateSecret} from '../credentials/secret.js'

/**
 * Reads one credential for `auth set-*`: all of stdin when it is piped, else a prompt on stderr with hidden input.
 * Returns the validated, trimmed value.
 */
export async function readSecret(kind: CredentialKind, io: IO, signal: AbortSignal): Promise<string> {
  if (io.stdinIsTTY) return validateSecret(await promptHidden(io, secretPrompt(credential(kind).label), signal), kind, 'prompt')
  const bytes = await readAll(io.stdin, MAX_SECRET_BYTES + 1, signal)
  return validateSecret(decodeSecretInput(bytes, kind), kind, 'stdin')
}

/** Reads a stream to its end, or until `limit` bytes, whichever comes first. */
function readAll(stream: Readable, limit: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = (fn: () => void) => {
      stream.off('data', onData).off('end', onEnd).off('error', onError)
      signal.removeEventListener('abort', onAbort)
      fn()
    }
    const onData = (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.length
      if (size >= limit) {
        stream.pause()
        done(() => resolve(Buffer.concat(chunks)))
      }
    }
    const onEnd = () => done(() => resolve(Buffer.concat(chunks)))
    const onError = (error: Error) => done(() => reject(error))
    const onAbort = () => done(() => reject(signal.reason))
    if (signal.aborted) return reject(signal.reason)
    stream.on('data', onData).once('end', onEnd).once('error', onError)
    signal.addEventListener('abort', onAbort, {once: true})
  })
}

/**
 * Prompts on stderr and reads one line from the terminal without echo. readline puts the terminal in raw mode
 * and its own output goes to a sink, so neither the characters nor any redraw reach the screen; history is off
 * so the secret is not kept. Ctrl-C is an interruption; Ctrl-D gives an empty answer.
 */
function promptHidden(io: IO, prompt: string, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const sink = new Writable({write: (_chunk, _encoding, callback) => callback()})
    const rl = readline.createInterface({input: io.stdin, output: sink, terminal: true, historySize: 0})
    let settled = false
    const finish = (fn: () => void) => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      rl.close()
      io.stderr.write('\n')
      fn()
    }
    const onAbort = () => finish(() => reject(signal.reason))
    rl.once('line', (line) => finish(() => resolve(line)))
    rl.once('SIGINT', () => finish(() => reject(new InterruptedError('SIGINT'))))
    rl.once('close', () => finish(() => resolve('')))
    signal.addEventListener('abort', onAbort, {once: true})
    io.stderr.write(prompt)
  })
}
