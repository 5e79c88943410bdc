import type {Plugin} from 'esbuild'

/** Types of what test/sea/lazy-stand-in.test.ts and test/sea/builtin-views.test.ts use of scripts/bundle.mjs. */
export declare function lazyModule(specifier: string, resolveDir: string, name?: string): Promise<string>
export declare const builtinViews: Plugin
