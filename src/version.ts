import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

let version: string | undefined

/** ddcli's version, read once from its package.json (found upwards: this code may run from a bundle). */
export function ddcliVersion(): string {
  if (version) return version
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
