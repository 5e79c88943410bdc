import {UsageError} from '../errors.js'
import {isJsonContentType} from '../http/json-syntax.js'
import type {CheckResult, Finding, SchemaFile} from '../spec/check.js'
import type {RouteOperation} from '../spec/routes.js'
import type {Verdict} from '../spec/verdicts.js'

/** Problems shown one a line before the count of the rest. */
export const SHOWN_PROBLEMS = 5

/** What checking a body found. */
export interface BodyCheck {
  /** The operation's name as the lines say it (`CreateMonitor`). */
  name: string
  result?: CheckResult
  /** Why the body could not be read as JSON, when it could not. */
  notJson?: string
  /**
   * The operation's verdict function found an error, and the schema file that would say where could not be read (a
   * damaged install): the body is refused all the same, since the verdicts agree with the checker on every body tried.
   */
  unexplained?: boolean
  /** The operation's schema file is there but is not one (cut short, a folder, a fifo): a damaged install, refused. */
  damaged?: boolean
}

/** Whether a body of this content type is checked: JSON (`application/json`, `application/vnd.api+json`, any charset). */
export function checksContentType(contentType: string): boolean {
  return isJsonContentType(contentType)
}

/** What checkRequestBody's schema reader answers for a schema file that is there but is not one. */
const DAMAGED = 'damaged'

/** How checkRequestBody finds what it needs, when not as a single call does. */
export interface CheckOptions {
  /** The bytes as already parsed, if they were. */
  parsed?: {parsed: unknown}
  /** Where the verdict functions are (tests), if not beside src/spec/verdicts.ts. */
  verdicts?: URL
  /** Where the schema files are (tests), if not beside src/spec/schemas.ts. */
  schemas?: URL
  /** Verdict functions already loaded, by operation, shared by the bodies of one run (batch): each is read once. */
  loaded?: Map<string, Verdict | undefined>
}

/**
 * Checks a JSON request body against its operation's request body schema. Undefined when there is nothing to check:
 * no body, a content type other than JSON, or an operation without a JSON body schema. The checker and the
 * operation's schema file are loaded here, on first use only.
 */
export async function checkRequestBody(op: RouteOperation, bytes: Buffer | undefined, contentType: string | undefined, {parsed, verdicts, schemas, loaded}: CheckOptions = {}): Promise<BodyCheck | undefined> {
  if (bytes === undefined || (contentType !== undefined && !checksContentType(contentType))) return undefined
  const name = op.operationId
  // The operation's verdict function answers first: a clean body (the usual case) needs neither the schema nor the
  // checker, which are loaded to say what is wrong, or for an operation without one.
  const {VERDICT_CLEAN, VERDICT_ERROR, loadVerdict} = await import('../spec/verdicts.js')
  const verdict = loadVerdict(op.version, op.operationId, verdicts, loaded)
  // A schema file that is there but cannot be read as one refuses the body (DAMAGED), whatever the verdict said but clean.
  const loadSchema = async (): Promise<SchemaFile | undefined | typeof DAMAGED> => {
    const {loadSchema} = await import('../spec/schemas.js')
    try {
      return await loadSchema(op.version, op.operationId, schemas)
    } catch {
      return DAMAGED
    }
  }
  // Without a verdict, an operation without a schema file checks nothing, not even that the body is JSON.
  let file = verdict ? undefined : await loadSchema()
  if (!verdict && !file) return undefined
  if (file === DAMAGED) return {name, damaged: true}
  let value: unknown
  if (parsed) value = parsed.parsed
  else {
    try {
      value = JSON.parse(bytes.toString('utf8'))
    } catch (error: unknown) {
      return {name, notJson: (error as Error).message}
    }
  }
  const said = verdict ? answer(verdict, value) : undefined
  if (said === VERDICT_CLEAN) return {name, result: {errors: [], warnings: []}}
  file ??= await loadSchema()
  if (file === DAMAGED) return said === VERDICT_ERROR ? {name, unexplained: true} : {name, damaged: true}
  // Warnings alone, or a verdict that threw, send the body as an operation without a schema would.
  if (!file) return said === VERDICT_ERROR ? {name, unexplained: true} : undefined
  const {checkBody} = await import('../spec/check.js')
  return {name, result: checkBody(file, value)}
}

/** A verdict function's answer, or undefined when it throws (a damaged file): the checker then judges alone. */
function answer(verdict: Verdict, value: unknown): number | undefined {
  try {
    return verdict(value)
  } catch {
    return undefined
  }
}

/** `/type: expected one of "a", "b", got "c"; did you mean "a"?` */
export function findingLine(finding: Finding): string {
  const at = finding.pointer === '' ? 'the body' : finding.pointer
  const hint = finding.suggestion ? `; did you mean ${finding.suggestion}?` : ''
  if (finding.kind === 'unknown') return `${at}: not a property the spec names here (${finding.expected})${hint}`
  return `${at}: expected ${finding.expected}, got ${finding.given}${hint}`
}

/** The warning for a property the schema does not name, where it allows others: the request is still sent. */
export function unknownPropertyLine(name: string, finding: Finding): string {
  const hint = finding.suggestion ? `; did you mean ${finding.suggestion}?` : ''
  return `warning: ${finding.pointer} is not in ${name}'s request schema (sent anyway: the spec can lag the API)${hint}`
}

/** What a schema file that is there but is not one says, here and in `api show --schema`. */
export function damagedSchemaLine(name: string): string {
  return `${name}'s request schema file cannot be read (a damaged install: reinstall ddcli)`
}

/** The problem lines, at most SHOWN_PROBLEMS, then how many more. */
export function problemLines(check: BodyCheck): string[] {
  if (check.notJson !== undefined) return [`the body is not JSON (${check.notJson})`]
  if (check.unexplained) return [`${check.name}'s verdict function finds an error, but the schema file that says where is missing or unreadable (a damaged install: reinstall ddcli)`]
  if (check.damaged) return [damagedSchemaLine(check.name)]
  const errors = check.result?.errors ?? []
  const lines = errors.slice(0, SHOWN_PROBLEMS).map(findingLine)
  if (errors.length > SHOWN_PROBLEMS) lines.push(`and ${errors.length - SHOWN_PROBLEMS} more`)
  return lines
}

/** Whether the check refuses the body. */
export function refused(check: BodyCheck | undefined): boolean {
  return check !== undefined && (check.notJson !== undefined || check.unexplained === true || check.damaged === true || (check.result?.errors.length ?? 0) > 0)
}

/** The error a refused body ends with, after its problem lines (in batch, the problems are in the message). */
export function refusal(check: BodyCheck, inline: boolean): UsageError {
  const count = check.result?.errors.length ?? 1
  const what = check.notJson === undefined ? `the body does not match ${check.name}'s request schema` : `the body of ${check.name} is not JSON`
  const fix = 'nothing sent; fix it, or pass --no-validate to send it unchecked'
  if (inline) return new UsageError(`${what}: ${problemLines(check).join('; ')}; ${fix}`)
  return new UsageError(`${what} (${count === 1 ? '1 problem' : `${count} problems`} above); ${fix}`)
}

/** What --dry-run prints of the check: each problem and each warning, or that the body matches. */
export function findingsReport(check: BodyCheck): string[] {
  const warnings = (check.result?.warnings ?? []).map((finding) => unknownPropertyLine(check.name, finding))
  if (!refused(check)) return warnings.length > 0 ? warnings : [`the body matches ${check.name}'s request schema`]
  const problems = problemLines(check).map((line) => `error: ${line}`)
  return [...problems, ...warnings, `the body does not match ${check.name}'s request schema: without --dry-run nothing would be sent (--no-validate sends it unchecked)`]
}
