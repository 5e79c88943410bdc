import {createRequire} from 'node:module'

let version: string | undefined

/** ddcli's version, read once from package.json. */
export function ddcliVersion(): string {
  version ??= (createRequire(import.meta.url)('../package.json') as {version: string}).version
  return version
}

/** `ddcli/<version> (node <version>; os <platform>; arch <arch>)` */
export function userAgent(): string {
  return `ddcli/${ddcliVersion()} (node ${process.version}; os ${process.platform}; arch ${process.arch})`
}
