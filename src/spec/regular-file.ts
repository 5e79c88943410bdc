import {closeSync, constants, fstatSync, openSync, readFileSync, statSync} from 'node:fs'

/**
 * The bytes of a regular file, opened without blocking (a fifo or a device put there must not hang the call; a
 * synchronous read of a fifo ignored even SIGTERM), or undefined when it is not one: the twin of bin/launch.js's
 * readRegular, which cannot be imported from here: oclif's path bundles the modules that read the spec's files into
 * the ES module dist/call/run.js, where the CommonJS launcher's __dirname does not exist.
 */
export function readRegular(filename: string): Buffer | undefined {
  if (!statSync(filename).isFile()) return undefined
  const fd = openSync(filename, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  try {
    return fstatSync(fd).isFile() ? readFileSync(fd) : undefined
  } finally {
    closeSync(fd)
  }
}
