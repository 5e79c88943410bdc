/** Types of what test/sea/lazy-stand-in.test.ts uses of scripts/bundle.mjs. */
export declare function lazyModule(specifier: string, resolveDir: string, name?: string): Promise<string>
