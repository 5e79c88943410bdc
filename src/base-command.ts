import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import type {Interfaces} from '@oclif/core'
import {createMasker} from './credentials/mask.js'
import {processSecrets} from './credentials/process-secrets.js'
import {ExitCode, InterruptedError, isDdcliError} from './errors.js'
import {colorLevel, processIO, type Env, type IO} from './io.js'
import {errorLine} from './output/render.js'

const SECRET_WARNING = 'A secret on the command line can be seen by other local users (ps, shell history); prefer the env var or ddcli auth set-*.'

/** Flags of every command that talks to the API: credentials, target and profile. */
export const apiFlags = {
  'api-key': Flags.string({description: `Datadog API key, sent as DD-API-KEY. ${SECRET_WARNING}`, helpGroup: 'CREDENTIAL'}),
  'api-url': Flags.string({description: 'API base URL, e.g. https://api.datadoghq.eu (https only; http allowed on loopback hosts)', helpGroup: 'CREDENTIAL'}),
  'app-key': Flags.string({description: `Datadog application key, sent as DD-APPLICATION-KEY. ${SECRET_WARNING}`, helpGroup: 'CREDENTIAL'}),
  'bearer-token': Flags.string({aliases: ['pat'], description: `Personal Access Token, sent as Authorization: Bearer (alias: --pat). ${SECRET_WARNING}`, helpGroup: 'CREDENTIAL'}),
  profile: Flags.string({description: 'Config profile to read (default: DD_PROFILE, else "default")', helpGroup: 'CREDENTIAL'}),
  site: Flags.string({description: 'Datadog site, e.g. datadoghq.eu or us5.datadoghq.com', helpGroup: 'CREDENTIAL'}),
}

/** `--no-color`, on every command (error lines on stderr are coloured on a terminal); see `BaseCommand.baseFlags`. */
export const colorFlags = {
  'no-color': Flags.boolean({description: 'No colour on a terminal, on stdout or stderr (NO_COLOR works too)', helpGroup: 'GLOBAL'}),
}

/** The credential flag values by setting, for the resolver; `argv` tells when the PAT was given as `--pat`. */
export function credentialFlags(flags: Partial<Interfaces.InferredFlags<typeof apiFlags>>, argv: readonly string[] = []) {
  const typed = argv.some((arg) => arg === '--pat' || arg.startsWith('--pat=')) ? {typed: {pat: '--pat'}} : {}
  return {pat: flags['bearer-token'], apiKey: flags['api-key'], appKey: flags['app-key'], site: flags.site, apiUrl: flags['api-url'], profile: flags.profile, ...typed}
}

/**
 * The shell every command runs in: it builds the real IO, env and abort signal, and maps every error to its exit
 * code in one place. A second Ctrl-C exits at once.
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = colorFlags

  protected readonly abort = new AbortController()
  protected readonly env: Env = {...process.env}

  /** The process IO; colour off with `--no-color` (read from argv when the command does not pass its parsed flag). */
  protected io(noColor = this.noColorFlag()): IO {
    return processIO(this.env, noColor)
  }

  /** Whether `--no-color` was given before any `--`; also for errors thrown before or while flags are parsed. */
  private noColorFlag(): boolean {
    const end = this.argv.indexOf('--')
    return (end === -1 ? this.argv : this.argv.slice(0, end)).includes('--no-color')
  }

  public override async init(): Promise<void> {
    await super.init()
    const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
      if (this.abort.signal.aborted) process.exit(signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated)
      this.abort.abort(new InterruptedError(signal))
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    })
  }

  public override async catch(error: Error & {exitCode?: number, oclif?: {exit?: number}}): Promise<void> {
    if (this.abort.signal.aborted) error = this.abort.signal.reason as InterruptedError
    const mask = createMasker(processSecrets(this.argv, this.env))
    const color = colorLevel(Boolean(process.stderr.isTTY), this.env, this.noColorFlag())
    if (this.env.DEBUG) process.stderr.write(mask(`${error.stack ?? error.message}\n`))
    if (isDdcliError(error)) {
      process.stderr.write(mask(errorLine(error.message, color)))
      process.exitCode = error.exitCode
      return
    }
    if (error.oclif?.exit === 0) return
    // Loaded here, not at start-up: only a failed parse needs it.
    const {flagInfos, parseErrorLine} = await import('./suggest/index.js')
    const elsewhere = this.config.commands.flatMap((command) => Object.keys(command.flags ?? {}))
    const suggestion = this.id ? parseErrorLine(error, flagInfos(this.ctor.flags), this.id.replace(/:/g, ' '), elsewhere) : undefined
    if (suggestion) {
      process.stderr.write(mask(errorLine(suggestion, color)))
      process.exitCode = ExitCode.usage
      return
    }
    if (error.oclif?.exit === 2 || error.name === 'CLIError' || /Nonexistent|Required|Unexpected argument|Expected/.test(error.message)) {
      const lines = error.message.split('\n').filter((line) => line.trim())
      let first = lines[0] ?? 'invalid arguments'
      // oclif lists what is missing on the next lines ("Missing 1 required arg:\nmethod  HTTP method ..."): name it.
      if (first.trimEnd().endsWith(':') && lines[1]) first = `${first.trimEnd()} ${lines[1].trim().split(/\s+/)[0]}`
      process.stderr.write(mask(errorLine(`${first.replace(/^Error:\s*/, '')}; see ddcli ${this.id?.replace(/:/g, ' ') ?? ''} --help`, color)))
      process.exitCode = ExitCode.usage
      return
    }
    if (error.oclif?.exit !== undefined) {
      process.exitCode = error.oclif.exit
      return
    }
    process.stderr.write(mask(errorLine(`unexpected error: ${error.message} (run with DEBUG=1 for details)`, color)))
    process.exitCode = ExitCode.api
  }
}
