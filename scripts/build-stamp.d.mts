/** Types of scripts/build-stamp.mjs, for test/helpers/fresh-dist.ts. */
export declare const STAMP: string
export declare const INPUTS: readonly string[]
export declare const OUTPUTS: readonly string[]
export interface BuildStamp {
  inputs: Record<string, string>
  outputs: Record<string, string>
}
export declare function hashFiles(root: string, paths: readonly string[]): Record<string, string>
export declare function stampOf(root: string): BuildStamp
