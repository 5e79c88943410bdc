// Types of what src/sea/main.ts takes from bin/launch.js (CommonJS, shared by bin/run.js and the single executable).

/** A whole run: the fast path first, else oclif (bin/launch.js `start`). */
export function start(argv: string[], runners: {fast: (argv: string[]) => Promise<boolean>, oclif: (argv: string[]) => Promise<void>}): void
/** Runs `compile` with V8's cache checksums checked. */
export function withCacheChecksums<T>(compile: () => T): T
/** V8's data in a cache file made from exactly `source`, else undefined. */
export function cachedDataFor(cache: Buffer, source: Buffer): Buffer | undefined
/** A cache file's bytes for a bundle's bytes. */
export function cacheFile(source: Buffer, data: Buffer): Buffer
