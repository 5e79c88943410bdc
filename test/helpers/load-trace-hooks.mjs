// ES module hooks of test/helpers/load-trace.cjs: record each resolved URL.
import fs from 'node:fs'

let file

export function initialize(data) {
  file = data.file
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context)
  fs.appendFileSync(file, `import ${result.url}\n`)
  return result
}
