/** `(function () { ... })` minified, ASCII only (src/spec/verdicts.ts reads it as Latin-1). */
export function minifyVerdict(source: string, label: string): string
