import {cutShort} from '../closest.js'
import {METHODS} from '../http/request.js'
import type {Operation} from '../spec/index.js'
import {looksLikeSecret, shown} from '../suggest/index.js'

const quoted = (word: string) => (looksLikeSecret(word) ? shown(word) : JSON.stringify(cutShort(word, 83)))

async function closeIds(ops: readonly Operation[], name: string): Promise<string[]> {
  if (looksLikeSecret(name)) return []
  const {suggestIds} = await import('../spec/suggest-ids.js')
  return suggestIds(ops, name, 3)
}

const orList = (ids: readonly string[]) => (ids.length === 1 ? ids[0]! : `${ids.slice(0, -1).join(', ')} or ${ids.at(-1)!}`)

/** `ddcli call ListMonitor`: an operationId the index does not know, with the closest ones. */
export async function unknownOperationLine(ops: readonly Operation[], name: string): Promise<string> {
  const close = await closeIds(ops, name)
  if (close.length === 0) return `unknown operation ${quoted(name)}; run ddcli api list to find its name, or give METHOD and PATH`
  return `unknown operation ${quoted(name)}; did you mean ${orList(close)}? (ddcli api list finds others, or give METHOD and PATH)`
}

/** `ddcli call FETCH /x`: neither a method nor an operationId. */
export async function unknownMethodLine(ops: readonly Operation[], word: string): Promise<string> {
  // An all-capitals word was meant as a method (FETCH): an operationId would be a poor guess.
  const close = /^[A-Z]+$/.test(word) ? [] : await closeIds(ops, word)
  const head = `unknown method ${quoted(word)}; use one of ${METHODS.join(', ')}`
  return close.length === 0 ? head : `${head}, or an operationId such as ${orList(close)} (with its path parameters as -p name=value)`
}

/**
 * `ddcli call GetMonitor 123`: an operationId takes its path parameters as `-p name=value`, not as PATH. The line
 * shows the command to run, with the value given when the operation has exactly one path parameter.
 */
export function operationWithPathLine(op: Pick<Operation, 'operationId' | 'method' | 'path' | 'pathParams'>, path: string): string {
  const params = op.pathParams.map((p) => p.name)
  if (params.length === 0) {
    return `${op.operationId} is an operationId (${op.method} ${op.path}) and takes no PATH; write ddcli call ${op.operationId}, with fields as -f key=value`
  }
  const value = params.length === 1 && !path.includes('/') && !looksLikeSecret(path) && /^[\w.~-]{1,80}$/.test(path) ? path : undefined
  const example = params.map((name) => `-p ${name}=${value ?? name.toUpperCase()}`).join(' ')
  return `${op.operationId} is an operationId: it takes its path parameters as -p name=value, not as PATH; write ddcli call ${op.operationId} ${example}`
}
