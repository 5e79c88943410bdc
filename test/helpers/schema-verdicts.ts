import {checksContentType} from '../../src/call/validate.js'
import {checkBody, type CheckResult} from '../../src/spec/check.js'
import {findRoute} from '../../src/spec/routes.js'
import {loadSchema} from '../../src/spec/schemas.js'
import type {Interaction} from './har.js'

/** What ddcli's body check says of a recorded request, found as `ddcli call METHOD PATH --input -` finds it. */
export interface SchemaVerdict {
  operation: string
  /** The JSON did not parse (the CLI refuses it too). */
  notJson?: boolean
  result?: CheckResult
}

/** The check's verdict on a recorded request, or undefined when the CLI would not check it (no body, not JSON, unknown operation or schema). */
export async function schemaVerdict(interaction: Interaction): Promise<SchemaVerdict | undefined> {
  const body = interaction.requestBody
  if (body === undefined || body.length === 0) return undefined
  if (interaction.requestContentType !== undefined && !checksContentType(interaction.requestContentType)) return undefined
  const op = findRoute(interaction.method, interaction.target.replace(/\?.*$/s, ''))
  if (!op) return undefined
  const file = await loadSchema(op.version, op.operationId)
  if (!file) return undefined
  const operation = `${op.version}:${op.operationId}`
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch {
    return {operation, notJson: true}
  }
  return {operation, result: checkBody(file, value)}
}

/** Whether the check refuses the request (nothing would be sent). */
export function refusedBy(verdict: SchemaVerdict | undefined): boolean {
  return verdict !== undefined && (verdict.notJson === true || (verdict.result?.errors.length ?? 0) > 0)
}
