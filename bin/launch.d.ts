// Types of what src/sea/main.ts takes from bin/launch.js (CommonJS, shared by bin/run.js and the single executable).

/** A whole run: the fast path first, else oclif (bin/launch.js `start`). */
export function start(argv: string[], runners: {fast: (argv: string[]) => Promise<boolean>, oclif: (argv: string[]) => Promise<void>}): void
/** Runs `compile` with V8's cache checksums checked. */
export function withCacheChecksums<T>(compile: () => T): T
/** V8's data in a cache file made from exactly `source` whose `copies` of it agree (2 unless said), else undefined. */
export function cachedDataFor(cache: Buffer, source: Buffer, copies?: number): Buffer | undefined
/** A cache file's bytes for a bundle's bytes and `copies` of V8's data (2 unless said). */
export function cacheFile(source: Buffer, data: Buffer, copies?: number): Buffer
