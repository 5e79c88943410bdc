// The folder graph of src/, as the rule `npm run lint` enforces (eslint.config.js) and the README shows (npm run docs):
// a room (a folder of src/, or a file directly in it) may import only rooms of the layers below its own; rooms of one
// layer do not import each other. A request flows one way, command shell -> options -> credentials -> request
// building -> transport -> output, and nothing reaches back up.
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** Top to bottom. */
export const LAYERS = [
  {rooms: ['sea'], role: 'the single executable\'s entry and the stand-ins it bundles for files it cannot have'},
  {rooms: ['commands', 'launch', 'help'], role: 'entry points: oclif\'s command shells, the fast launcher, help rendering'},
  {rooms: ['set-credential-command', 'hooks'], role: 'the shells auth set-* share; oclif hooks'},
  {rooms: ['base-command'], role: 'oclif\'s command shell: parse, then execute with the process\'s IO'},
  {rooms: ['runtime'], role: 'the command runtime: signals, the one error-to-exit-code map'},
  {rooms: ['config'], role: 'the config topic\'s runners'},
  {rooms: ['auth'], role: 'the auth topic\'s runners and their text'},
  {rooms: ['api', 'batch', 'completion'], role: 'api list/show, batch, shell completion'},
  {rooms: ['call'], role: 'the call pipeline: route, body, prepare, run, --paginate glue'},
  {rooms: ['paginate'], role: 'pagination strategies, page parameters, items, output'},
  {rooms: ['process-guards'], role: 'process-wide endings: signals, closed pipes, full disks'},
  {rooms: ['suggest', 'jq'], role: 'did-you-mean lines; the built-in jq and how its outputs are printed'},
  {rooms: ['output', 'debug-logger', 'flags'], role: 'bodies, diagnostics, tables, traces; the shared flag definitions'},
  {rooms: ['http'], role: 'requests, fields, auth headers (the one place), proxies, retries, transport'},
  {rooms: ['credentials'], role: 'the credential model: table, resolver, store, masking, keychain'},
  {rooms: ['spec'], role: 'what the OpenAPI specs say'},
  {rooms: ['context', 'version', 'duration'], role: 'shared types and small pure helpers'},
  {rooms: ['errors', 'io'], role: 'typed errors and exit codes; the IO object'},
  {rooms: ['closest'], role: 'words: did-you-mean and cuts that keep a secret whole (imports nothing)'},
]

const rank = new Map(LAYERS.flatMap((layer, index) => layer.rooms.map((room) => [room, index])))

/** The room of a file under src/: its first folder, or its own name for a file directly in src/. */
export function roomOf(srcRelative) {
  const [first, ...rest] = srcRelative.split(path.sep)
  return rest.length > 0 ? first : first.replace(/\.[cm]?[jt]s$/, '')
}

/** Why an import from one file of src/ to another breaks the graph, or undefined when it does not. */
export function layerViolation(fromRelative, toRelative) {
  const from = roomOf(fromRelative)
  const to = roomOf(toRelative)
  if (from === to) return undefined
  for (const room of [from, to]) {
    if (!rank.has(room)) return `src/${room} is in no layer of the folder graph; add it to LAYERS in scripts/layers.mjs`
  }
  if (rank.get(from) < rank.get(to)) return undefined
  const same = rank.get(from) === rank.get(to)
  return `${from} imports ${to}, ${same ? 'a room of its own layer' : 'a room above it'}: the folder graph runs one way (scripts/layers.mjs, README Development); move the shared code down`
}

/** src/ of this repository: from this file, not from eslint's working directory (an editor, or `cd src`). */
const SRC = fileURLToPath(new URL('../src', import.meta.url))

/** The text of a string literal or of a template literal without expressions; undefined for anything computed. */
function staticText(node) {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked
  return undefined
}

/** Whether a call is `require(...)`, `require.resolve(...)` or `createRequire(...)(...)`. */
function isRequire(callee) {
  if (callee.type === 'Identifier') return callee.name === 'require'
  if (callee.type === 'MemberExpression') return callee.object.type === 'Identifier' && callee.object.name === 'require'
  return callee.type === 'CallExpression' && callee.callee.type === 'Identifier' && callee.callee.name === 'createRequire'
}

/**
 * The ESLint plugin: `layers/one-way` reports every way a file of src/ names another one that breaks the graph:
 * static and type imports, re-exports, dynamic import() (a path it cannot read is reported too), import() types,
 * `import x = require()`, require() and createRequire, by relative or absolute path.
 */
export const layersPlugin = {
  rules: {
    'one-way': {
      meta: {type: 'problem', schema: [], docs: {description: 'src/ imports follow the folder graph of scripts/layers.mjs'}},
      create(context) {
        const file = context.filename ?? context.getFilename()
        if (!file.startsWith(SRC + path.sep)) return {}
        const check = (node, source) => {
          if (typeof source !== 'string') return
          let target
          if (source.startsWith('.')) target = path.resolve(path.dirname(file), source)
          else if (path.isAbsolute(source)) target = path.resolve(source)
          else if (source.startsWith('file:')) target = fileURLToPath(source)
          else return
          if (!target.startsWith(SRC + path.sep)) return
          const message = layerViolation(path.relative(SRC, file), path.relative(SRC, target))
          if (message) context.report({node, message})
        }
        const checkNode = (node, source) => check(node, staticText(source))
        return {
          ImportDeclaration: (node) => checkNode(node, node.source),
          ExportNamedDeclaration: (node) => node.source && checkNode(node, node.source),
          ExportAllDeclaration: (node) => checkNode(node, node.source),
          ImportExpression: (node) => {
            const source = staticText(node.source)
            if (source === undefined) context.report({node, message: 'this import() path is computed, so it cannot be checked against the folder graph (scripts/layers.mjs); import a literal path'})
            else check(node, source)
          },
          // `typeof import('../x.js')` and `import('../x.js').T`: the argument is a literal type.
          TSImportType: (node) => checkNode(node, node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
          TSExternalModuleReference: (node) => checkNode(node, node.expression),
          CallExpression: (node) => isRequire(node.callee) && checkNode(node, node.arguments[0]),
        }
      },
    },
  },
}
