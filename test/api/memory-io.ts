import {PassThrough, Writable} from 'node:stream'
import type {IO} from '../../src/io.js'

/** An IO whose stdout and stderr are collected in memory; a terminal or a pipe as asked. */
export function memoryIO(tty: boolean): IO & {out: () => string, err: () => string} {
  const chunks = {out: [] as string[], err: [] as string[]}
  const sink = (into: string[]) => new Writable({write(chunk: Buffer, _encoding, done) { into.push(chunk.toString()); done() }})
  return {
    stdin: new PassThrough(),
    stdout: sink(chunks.out),
    stderr: sink(chunks.err),
    stdinIsTTY: false,
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    colorOut: 0,
    colorErr: 0,
    out: () => chunks.out.join(''),
    err: () => chunks.err.join(''),
  }
}
