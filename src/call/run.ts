import {createMasker, headerSecrets, type Masker} from '../credentials/mask.js'
import {loadSettings} from '../credentials/load.js'
import {secretsOf} from '../credentials/resolve.js'
import {parseDuration} from '../duration.js'
import {ApiError, ExitCode, UsageError, isDdcliError} from '../errors.js'
import {proxyEnv, proxySecrets} from '../http/proxy.js'
import {isJsonContentType} from '../http/json-syntax.js'
import {combineRepeated, parseHeader, parseMethod} from '../http/request.js'
import {send as realSend, type TransportEvent, type TransportResponse} from '../http/transport.js'
import {terminalColumns, type Env, type IO} from '../io.js'
import {writeBody} from '../output/body.js'
import {dryRunText} from '../output/dry-run.js'
import {parseFormat, resolveFormat, type ResolvedFormat} from '../output/format.js'
import {apiErrorMessage, errorLine, fieldsInQueryNote, httpErrorLine, proxyRefusedLine, refusedRedirectLine, responseHead, retryLine, verboseBody, verboseEvent, warningLine} from '../output/render.js'
import {nearMissNote} from '../suggest/env.js'
import {authFailureHint} from './auth-hint.js'
import {patAsAppKey} from './hints.js'
import {buildBody, type BuiltBody} from './body.js'
import type {FormatChoice} from './formatted.js'
import type {CallOptions} from './options.js'
import {LIMITS} from './limits.js'
import {sendPolicy} from './policy.js'
import {checkReadOnly, redirectGuard, resolveReadOnly} from './read-only.js'
import {prepareRequest} from './prepare.js'
import {resolveRoute} from './route.js'
import type {BodyCheck} from './validate.js'
import type {RouteOperation} from '../spec/routes.js'
import {checkScriptingFlags, interpretArgs, loadFilter, printFiltered, requestBodyTrace} from './scripting.js'

/** What `runCall` needs from the outside world; only the command shell builds the real ones. */
export interface CallDeps {
  io: IO
  env: Env
  signal: AbortSignal
  send?: typeof realSend
  /** stdout's width on a terminal (-o table fits it). */
  columns?: number
}

/** Runs `ddcli call`: resolve, build, check, send, print. Secrets in any error message are masked. */
export async function runCall(options: CallOptions, deps: CallDeps): Promise<void> {
  let mask: Masker = createMasker([])
  try {
    await callInner(options, deps, (m) => { mask = m })
  } catch (error: unknown) {
    if (isDdcliError(error)) error.message = mask(error.message)
    throw error
  }
}

async function callInner(options: CallOptions, deps: CallDeps, setMask: (mask: Masker) => void): Promise<void> {
  const {io} = deps
  const {timeoutMs, retries, maxWaitMs} = sendPolicy(options)
  const cacheTtlMs = options.cache === undefined ? undefined : parseDuration(options.cache, '--cache', {allowZero: false, maxSeconds: LIMITS.cacheSeconds})
  const counts = checkScriptingFlags(options)
  // A bad -o or --columns is told before anything is read or sent; DD_OUTPUT and the profile's output after loading.
  if (options.output !== undefined) parseFormat(options.output, 'flag', '-o/--output', true)
  const columns = parseColumnsFlag(options.columns)
  const userHeaders = combineRepeated(options.headers.map(parseHeader))
  const early = options.jq === undefined ? undefined : await loadFilter(options.jq, options.jqArgs, options.jqArgsJson, deps.env)
  const {settings, warnings, validate, readOnly: stored, output} = await loadSettings(options.credentials, deps.env, {signal: deps.signal})
  // --no-validate wins over the profile's setting; from here on options.validate is the resolved answer.
  options = {...options, validate: options.validate && validate}
  const readOnly = resolveReadOnly(options.readOnly === true, deps.env, stored.stored, stored.where)
  const secrets = [...secretsOf(settings), ...proxySecrets(deps.env), ...userHeaders.flatMap(([name, value]) => headerSecrets(name, value))]
  const mask = createMasker(secrets)
  setMask(mask)
  // The filter sees the environment less every secret now known (a key from the config file or keychain too).
  const filter = early?.seeing(secrets)
  for (const warning of warnings) io.stderr.write(warningLine(warning, io.colorErr))
  const format = formatChoice(resolveFormat(options.output, deps.env, output, io.stdoutIsTTY), columns, io, deps)

  const hasBody = options.rawFields.length + options.fields.length > 0 || options.input !== undefined
  const hasFields = options.rawFields.length + options.fields.length > 0
  const args = interpretArgs(options.first, options.path, options.method, hasFields, options.input !== undefined)
  const route = await resolveRoute(args.first, args.path, options.params, settings, options.validate)
  if (options.method !== undefined && parseMethod(options.method) !== route.method) {
    throw new UsageError(`-X ${parseMethod(options.method)} disagrees with ${route.operation?.operationId ?? route.method}, which is ${route.method}; drop -X`)
  }
  // Before the body is read (stdin, a file) or anything is sent.
  const readOnlyNote = checkReadOnly(route, readOnly, options.dryRun || options.curl === true, userHeaders)
  if (readOnlyNote) io.stderr.write(warningLine(mask(readOnlyNote), io.colorErr))
  const op = route.operation
  // An operation whose spec takes a JSON body gets one from the fields, whatever its method (DELETE /api/v1/dashboard).
  const jsonBody = op?.jsonBody === true && route.method !== 'GET' && route.method !== 'HEAD'
  // A body sent as JSON (unless -H names another type) is checked to be JSON before anything is sent.
  const userType = userHeaders.find(([name]) => name.toLowerCase() === 'content-type')?.[1]
  const checkJson = options.validate && (userType === undefined || isJsonContentType(userType))
  const built = await buildBody(route.method, route.url, options.rawFields, options.fields, options.input, () => io.stdin, deps.signal, jsonBody, checkJson)
  const nearMiss = nearMissNote(deps.env)
  const {headers, notes} = withNearMiss(nearMiss, () => prepareRequest(route, built.url, settings, userHeaders, built.contentType))
  if (nearMiss) io.stderr.write(warningLine(nearMiss, io.colorErr))
  for (const note of [...notes, ...built.notes ?? []]) io.stderr.write(warningLine(mask(note), io.colorErr))

  const check = await checkBeforeSending(options, op, built, headers, io, mask)

  // Neither starts the walk, but a walk they show must be one that would start.
  if (options.paginate && (options.curl || options.dryRun)) await (await import('./paginate.js')).checkWalk(options, counts, route, built)
  if (options.curl) {
    const {curlCommand} = await import('./curl.js')
    const curl = curlCommand(route.method, built.url, headers, built.body, settings, mask)
    for (const note of curl.notes) io.stderr.write(warningLine(note, io.colorErr))
    io.stdout.write(curl.line)
    return
  }
  if (options.dryRun) {
    if (check) {
      const {findingsReport} = await import('./validate.js')
      for (const line of findingsReport(check)) io.stderr.write(warningLine(mask(line), io.colorErr))
    }
    if (!op && !jsonBody && hasBody && options.input === undefined && route.method !== 'GET' && route.method !== 'HEAD' && built.body === undefined) {
      io.stderr.write(warningLine(fieldsInQueryNote(route.method, built.url.pathname), io.colorErr))
    }
    io.stdout.write(await dryRunText(route.method, built.url, headers, built.body, mask, deps.signal))
    return
  }

  const announce = options.verbose || io.stderrIsTTY
  const onEvent = (event: TransportEvent) => {
    if (options.verbose) io.stderr.write(verboseEvent(event, mask) + (event.type === 'request' ? requestBodyTrace(built.body, mask) : ''))
    // The cause may quote the server's rate limit name: masked, as every server string is.
    else if (announce && event.type === 'retry') io.stderr.write(warningLine(mask(retryLine(event)), io.colorErr))
  }
  // In read-only mode, a 307/308 that would carry a search's POST to a write is not followed.
  const refuseRedirect = redirectGuard(readOnly, op)
  let send = deps.send ?? realSend
  if (cacheTtlMs !== undefined) {
    const [{cacheDir, prepareCacheDir}, {cachingSend}] = await Promise.all([import('./cache-store.js'), import('./cache.js')])
    const dir = cacheDir(deps.env)
    const problem = await prepareCacheDir(dir)
    if (problem) io.stderr.write(warningLine(`note: --cache is off: ${problem}`, io.colorErr))
    else send = cachingSend(send, {dir, ttlMs: cacheTtlMs, ttlText: options.cache!, secrets, trace: (line) => { if (options.verbose) io.stderr.write(mask(line)) }})
  }
  if (options.paginate) {
    const {runPaginate} = await import('./paginate.js')
    const onBody = options.verbose ? (text: string) => io.stderr.write(verboseBody('<', Buffer.from(text), mask)) : undefined
    // Every page goes through the proxy too: the proxy's tunnel agent replaces the walk's keep-alive agents.
    const proxy = proxyEnv(deps.env)
    // The same hint as a single call's 401/403 (every page goes to the API origin, with the same credentials).
    const authHint = (url: URL) => authFailureHint(settings, {attached: url.origin === route.base, patAsAppKey: patAsAppKey(op, settings)}, url.host)
    await runPaginate({options, counts, route, built, headers, filter, format, mask, io, signal: deps.signal, onBody, authHint, send: (request, onPageEvent, signal, agent) => send(request, {
      timeoutMs, retries, maxWaitMs, retryUnsafe: options.retryUnsafe, signal, agent, proxy, refuseRedirect, onEvent: (event) => {
        if (options.verbose) io.stderr.write(verboseEvent(event, mask) + (event.type === 'request' ? requestBodyTrace(request.body, mask) : ''))
        onPageEvent(event)
      },
    })})
    return
  }
  const response = await send({method: route.method, url: built.url, headers, body: built.body}, {
    timeoutMs, retries, maxWaitMs, retryUnsafe: options.retryUnsafe, signal: deps.signal, onEvent, proxy: proxyEnv(deps.env), refuseRedirect,
  })
  // A refused CONNECT (407, 403 by policy, a redirect to a login page, 502, ...) is the proxy's answer, not the
  // API's: nothing of it goes to stdout, it fails whatever its status, and gets no credential hint.
  if (response.proxyRefused) {
    response.body.destroy()
    throw new ApiError(mask(proxyRefusedLine(response.status, response.statusText, response.proxyRefused)))
  }
  const failure = format
    ? await (await import('./formatted.js')).printFormatted(response, format, filter, options, io, mask, deps.signal, op)
    : filter ? await printFiltered(response, filter, options, io, mask, deps.signal) : await printResponse(response, options, io, mask)
  if (failure && (response.status === 401 || response.status === 403)) {
    const sent = {attached: built.url.origin === route.base, patAsAppKey: patAsAppKey(op, settings)}
    failure.message += `; ${authFailureHint(settings, sent, built.url.host)}`
  }
  if ((response.status === 404 || response.status === 405) && !op && failure) {
    const {notFoundHint} = await import('./methods.js')
    const hint = await notFoundHint(route.method, built.url.pathname)
    if (hint) failure.message += `; ${hint}`
  }
  if (failure) throw failure
}

/**
 * Checks a JSON body against the operation's schema (unless --no-validate, the profile's validate setting, or
 * --curl, which reproduces the request as given). A body that breaks the schema ends the call before sending, each
 * problem on its own line; a property the schema does not name is a warning. --dry-run reports and goes on.
 */
async function checkBeforeSending(options: CallOptions, op: RouteOperation | undefined, built: BuiltBody, headers: Record<string, string>, io: IO, mask: Masker): Promise<BodyCheck | undefined> {
  // Only bytes already in memory are checked: fields, stdin, a file read to check it is JSON (none for a body
  // sent unchecked), so a plain call imports none of the check.
  const bytes = built.body?.kind === 'buffer' ? built.body.data : built.bytes
  if (!op || bytes === undefined || options.curl || !options.validate) return undefined
  const validate = await import('./validate.js')
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1]
  const check = await validate.checkRequestBody(op, bytes, contentType, bytes === built.bytes ? built.parsed : undefined)
  if (!check || options.dryRun) return check
  if (validate.refused(check)) {
    for (const line of validate.problemLines(check)) io.stderr.write(errorLine(mask(line), io.colorErr))
    throw validate.refusal(check, false)
  }
  for (const finding of check.result?.warnings ?? []) io.stderr.write(warningLine(mask(validate.unknownPropertyLine(op.operationId, finding)), io.colorErr))
  return check
}

/** `--columns a,b.c` as paths; an empty list is a usage error. */
function parseColumnsFlag(list: string | undefined): string[][] | undefined {
  if (list === undefined) return undefined
  const names = list.split(',').map((name) => name.trim()).filter((name) => name !== '')
  if (names.length === 0 || names.some((name) => name.split('.').includes(''))) throw new UsageError('--columns takes column names separated by commas, such as --columns id,name,creator.handle')
  return names.map((name) => name.split('.'))
}

/**
 * How the body is printed: undefined for json (as received piped, pretty on a terminal); else the format, the
 * columns and the width a table fits: the terminal's, or COLUMNS when stdout is not a terminal (else none: no cut).
 */
function formatChoice(resolved: ResolvedFormat, columns: string[][] | undefined, io: IO, deps: CallDeps): FormatChoice | undefined {
  const {format} = resolved
  if (columns && format !== 'table' && format !== 'csv' && format !== 'tsv') {
    const why = resolved.ignored ? ` (${resolved.ignored.source} asks for ${resolved.ignored.format}, which applies on a terminal only)` : ''
    throw new UsageError(`--columns picks the columns of -o table, csv or tsv, and the output is ${format}${why}; add -o table`)
  }
  if (format === 'json') return undefined
  // A terminal that reports no width (a pty whose size was never set) falls back to COLUMNS, as a pipe does.
  const width = (io.stdoutIsTTY ? terminalColumns(deps.columns) : undefined) ?? terminalColumns(Number(deps.env.COLUMNS))
  return {format, columns, width}
}

/** Runs `prepare`; a no-credentials error also names a near-miss variable that is set (DD_APPLICATION_KEY, ...). */
function withNearMiss<T>(nearMiss: string | undefined, prepare: () => T): T {
  try {
    return prepare()
  } catch (error: unknown) {
    if (nearMiss && isDdcliError(error) && error.exitCode === ExitCode.noCredentials) error.message += `; ${nearMiss.replace(/^note: /, '')}`
    throw error
  }
}

/** Prints status line, headers and body as asked; returns the error to exit with, if the call failed. */
async function printResponse(response: TransportResponse, options: CallOptions, io: IO, mask: Masker): Promise<ApiError | undefined> {
  if (options.include) io.stdout.write(responseHead(response.httpVersion, response.status, response.statusText, response.rawHeaders, mask))
  const failed = response.status >= 400 || response.refusedRedirect !== undefined
  const head = await writeBody(response.body, io, {silent: options.silent, keepHead: failed || options.verbose, host: response.url.host})
  if (options.verbose) io.stderr.write(verboseBody('<', head, mask))
  if (response.refusedRedirect) {
    return new ApiError(refusedRedirectLine(response.status, response.refusedRedirect, response.url))
  }
  if (response.status < 400) return undefined
  const line = httpErrorLine(response.status, response.statusText, apiErrorMessage(head))
  return new ApiError(response.gaveUp ? `${line}; ${response.gaveUp}` : line)
}
