import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The fast path's bundles are built with the launch table defined (scripts/bundle.mjs, src/launch/table.ts); elsewhere
 * it is undeclared. Only its version is read here.
 */
declare const __DDCLI_LAUNCH_TABLE__: {readonly version: string} | undefined

let version: string | undefined

/**
 * ddcli's version: in the fast path's bundles, the one their build read from package.json, which their --version
 * prints too (reading it again cost each call two file reads, dist/package.json missing and the root's); else read
 * once from package.json, found upwards: this code may run from a bundle.
 */
export function ddcliVersion(): string {
  if (version) return version
  if (typeof __DDCLI_LAUNCH_TABLE__ !== 'undefined') return (version = __DDCLI_LAUNCH_TABLE__.version)
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const pjson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {name?: string, version?: string}
      if (pjson.name === 'ddcli' && pjson.version) return (version = pjson.version)
    } catch {
      // No package.json here: keep looking upwards.
    }
    if (dirname(dir) === dir) return (version = '0.0.0')
  }
}

/** `ddcli/<version> (node <version>; os <platform>; arch <arch>)` */
export function userAgent(): string {
  return `ddcli/${ddcliVersion()} (node ${process.version}; os ${process.platform}; arch ${process.arch})`
}
