import {FileProblem} from '../files/file-problem.js'
import {exitCode, ReportedError, UsageError, type ExitConvention, type Outcome} from './errors.js'
import * as Flags from './flags.js'
import type {ArgSet, FlagSet} from './flags.js'
import {loadConfig, type CommandConfig} from './manifest-config.js'
import {writeStderr, writeStdout} from './output.js'
import {parseCommandLine, type Parsed} from './parse-command-line.js'
import {describeSpecSource, loadSpec, type LoadedSpec} from './spec-flags.js'

/**
 * What every scaleplan command shares:
 *
 * - Running: a command runs without oclif's Command class (whose imports are a fifth of a
 *   `recommend` run). oclif still finds it (the command table), shows its help (the manifest the
 *   build writes from these classes' static members) and may run it (`run(argv, config)`).
 * - Errors: expected failures (bad input, refusals, Terraform failing) print one line per
 *   problem, with no stack trace, and exit with their outcome's code (`errors.ts`); under --json
 *   they print as `{"error": {...}}` on stdout instead, so CI can parse them. Parse errors
 *   (an unknown flag, a value out of range) are bad input like any other.
 * - Exit codes: a command names its convention (`exitConvention`) and its outcome (`finish`);
 *   the table in `errors.ts` turns them into a number.
 * - Output: every byte goes through `output.ts`'s two writers: `log` and `print` for results on
 *   stdout, `note`, `warnLine` and `errorLine` for people on stderr. All of them are silent under
 *   --json, where the returned result is the output.
 */
/** `--json`: the result (or the error) as JSON on stdout. */
export const jsonFlag = Flags.boolean({
  description: 'print the result as JSON on stdout (shapes in the README); errors too, as {"error": ...}',
  helpGroup: 'GLOBAL',
})

/** The flags every command with JSON output has. */
type BaseFlags = {readonly json: typeof jsonFlag}

/** What a command class declares; oclif writes it into the manifest its help reads. */
export interface CommandClass<F extends FlagSet = FlagSet, A extends ArgSet = ArgSet> {
  readonly flags: F
  readonly args?: A
}

export abstract class BaseCommand {
  static id?: string
  static summary?: string
  static description?: string
  static examples?: readonly (string | {description: string; command: string})[]
  static flags: FlagSet = {}
  static args: ArgSet = {}
  /** Flags every command of this class has: --json, for a command with `enableJsonFlag`. */
  static baseFlags: FlagSet = {json: jsonFlag}
  static enableJsonFlag = false
  static strict = true
  static hidden = false
  static aliases: readonly string[] = []
  static hiddenAliases: readonly string[] = []
  /** Set by oclif on a command it finds; read by nothing of scaleplan's. */
  static plugin?: unknown

  readonly id: string | undefined
  private parsedFlags?: Readonly<Record<string, unknown>>

  constructor(
    protected argv: string[],
    readonly config: CommandConfig,
  ) {
    this.id = this.ctor.id
  }

  /**
   * Runs the command: oclif's entry (`config` its Config) and the tests' (`config` the package
   * root, read as main.ts reads it).
   */
  static async run(argv: string[], config: CommandConfig | string): Promise<unknown> {
    // A class run directly, not found by oclif or the table, is named as oclif names it.
    this.id ??= this.name.toLowerCase()
    return this.runWith(argv, typeof config === 'string' ? loadConfig(config) : config)
  }

  /** Runs the command with `config` as it is (main.ts's, from the manifest). */
  static async runWith(argv: string[], config: CommandConfig): Promise<unknown> {
    // `this` is the concrete command class the table imported, never BaseCommand itself.
    const Concrete = this as unknown as new (argv: string[], config: CommandConfig) => BaseCommand
    return new Concrete(argv, config).runAndReport()
  }

  abstract run(): Promise<unknown>

  protected get ctor(): typeof BaseCommand {
    return this.constructor as typeof BaseCommand
  }

  /** Runs, prints the result under --json, and reports what went wrong in scaleplan's form. */
  private async runAndReport(): Promise<unknown> {
    let result: unknown
    try {
      result = await this.run()
    } catch (error) {
      await this.catch(error as Error)
    }

    if (result !== undefined && this.jsonEnabled()) this.logJson(result)
    return result
  }

  /** Parses the command line against `command`'s flags (with the base flags) and arguments. */
  protected async parse<F extends FlagSet, A extends ArgSet>(
    command: CommandClass<F, A>,
  ): Promise<Parsed<F & BaseFlags, A>> {
    const flags = {...(this.ctor.enableJsonFlag ? this.ctor.baseFlags : {}), ...command.flags} as F
    const help = `see \`${this.config.bin} ${this.id?.replaceAll(':', ' ')} --help\``
    const parsed = parseCommandLine(this.argv, {flags, args: command.args ?? ({} as A), help})
    this.parsedFlags = parsed.flags
    for (const warning of parsed.warnings) this.warnLine(warning)
    return parsed as Parsed<F & BaseFlags, A>
  }

  /** True when the command prints JSON: --json before any `--`, or SCALEPLAN_CONTENT_TYPE=json. */
  jsonEnabled(): boolean {
    if (!this.ctor.enableJsonFlag) return false
    if (this.config.scopedEnvVar('CONTENT_TYPE')?.toLowerCase() === 'json') return true
    return this.givenOnCommandLine('json')
  }

  protected async catch(caught: Error): Promise<void> {
    // A file system problem no command turned into a sentence of its own is still bad input, named by path.
    const error = caught instanceof FileProblem ? new UsageError([caught.message]) : caught
    if (!(error instanceof ReportedError)) {
      // A bug, or `exit`: main.ts prints it (or exits with its code) like any error that escapes.
      if (this.jsonEnabled() && !isExit(error)) {
        process.exitCode = process.exitCode ?? 1
        this.logJson({error: {...error, message: error.message, name: error.name}})
        return
      }
      throw error
    }

    const code = exitCode(error.outcome, this.exitConvention())
    process.exitCode = code
    const problems = atMost(error.problems.map(readable), MAX_PROBLEMS)
    if (this.jsonEnabled()) {
      this.logJson({error: {name: error.name, code: error.code, exitCode: code, problems}})
    } else {
      for (const problem of problems) writeStderr(errorText(problem))
    }
  }

  /** Ends the command with exit code `code`, having said what it had to. */
  protected exit(code: number): never {
    throw new ExitRequest(code)
  }

  /** Scaleplan's exit codes, unless a command follows Terraform's (`diff`, `plan --detailed-exitcode`). */
  protected exitConvention(): ExitConvention {
    return 'scaleplan'
  }

  /** Sets the exit code for how the run ended, while the result (and --json) still prints. */
  protected finish(outcome: Outcome): void {
    process.exitCode = exitCode(outcome, this.exitConvention())
  }

  /**
   * True when a boolean flag is on. Read from the parsed flags, or, when parsing itself failed,
   * from the command line as typed (before any `--`), so a parse error still finds its convention.
   */
  protected flagOn(name: string): boolean {
    if (this.parsedFlags !== undefined) return this.parsedFlags[name] === true
    return this.givenOnCommandLine(name)
  }

  /** True when `--name` (or `--name=value`) was typed, rather than taken from the environment or a default. */
  protected givenOnCommandLine(name: string): boolean {
    const end = this.argv.indexOf('--')
    return (end === -1 ? this.argv : this.argv.slice(0, end)).some(
      (token) => token === `--${name}` || token.startsWith(`--${name}=`),
    )
  }

  /**
   * The spec of a planning command: the file it names or finds (said on stderr, so a person
   * knows which file was read), then SCALEPLAN_* variables, then flags.
   */
  protected async loadSpec(flags: Parameters<typeof loadSpec>[0]): Promise<LoadedSpec> {
    const loaded = await loadSpec(flags, {from: this.flagSource('spec')})
    if (loaded.file) this.note(describeSpecSource(loaded.file))
    return loaded
  }

  /** The flags as parsed (empty before parsing). */
  protected parsedFlagValues(): Readonly<Record<string, unknown>> {
    return this.parsedFlags ?? {}
  }

  /** Results on stdout, one line. */
  log(message = ''): void {
    this.print(`${message}\n`)
  }

  /** Results on stdout as given (a document that ends in its own newline). */
  protected print(text: string): void {
    if (!this.jsonEnabled()) writeStdout(text)
  }

  /** The --json result or error, on stdout: the one thing that prints under --json. */
  logJson(json: unknown): void {
    writeStdout(`${JSON.stringify(json, null, 2)}\n`)
  }

  /** A note for the person at the terminal ("Wrote FILE"), on stderr so stdout stays the result. */
  protected note(text: string): void {
    if (!this.jsonEnabled()) writeStderr(`${text}\n`)
  }

  logToStderr(message = ''): void {
    this.note(message)
  }

  /**
   * A warning on stderr, one unwrapped line (oclif's `warn` wraps at the terminal width, which
   * splits resource names and lock IDs that people copy).
   */
  protected warnLine(text: string): void {
    this.note(`Warning: ${text}`)
  }

  warn(input: string | Error): string | Error {
    this.warnLine(input instanceof Error ? input.message : input)
    return input
  }

  /** A failure that does not stop the command (one region of several), as one unwrapped line. */
  protected errorLine(text: string): void {
    if (!this.jsonEnabled()) writeStderr(errorText(text))
  }

  /**
   * Where a flag's value came from, as the user would name it: `--stage`, or `SCALEPLAN_STAGE`
   * when it was not typed and the flag's environment variable is set.
   */
  protected flagSource(flag: string): string {
    const env = this.ctor.flags[flag]?.env
    return env && !this.givenOnCommandLine(flag) && process.env[env] ? env : `--${flag}`
  }
}

/** `exit(n)`, in the shape of oclif's exit error, which main.ts and oclif's handler both read. */
class ExitRequest extends Error {
  readonly code = 'EEXIT'
  readonly oclif: {readonly exit: number}

  constructor(exit: number) {
    super(`EEXIT: ${exit}`)
    this.oclif = {exit}
  }
}

const isExit = (error: Error): boolean => error instanceof ExitRequest

/**
 * A problem as printed: `Error: ` and its first line; the lines under it (Terraform's own error
 * block, a list of resources) indented beneath, so they read as part of the one error.
 */
export function errorText(problem: string): string {
  const [first, ...rest] = problem.split('\n')
  return [`Error: ${first}`, ...rest.map((line) => (line === '' ? '' : `  ${line}`))].join('\n') + '\n'
}

/** Problems reported one by one; a file of five thousand unknown keys gets these and a count. */
const MAX_PROBLEMS = 25

function atMost(problems: readonly string[], max: number): string[] {
  if (problems.length <= max) return [...problems]
  return [...problems.slice(0, max), `…and ${(problems.length - max).toLocaleString('en-US')} more problems`]
}

/** The longest line of a problem printed whole; a value pasted into a flag must not flood the terminal. */
const MAX_LINE = 500

/** A problem with each overlong line cut in the middle (a problem may hold several lines: an error block). */
function readable(problem: string): string {
  return problem
    .split('\n')
    .map((line) =>
      line.length <= MAX_LINE ? line : `${line.slice(0, 300)} …(${line.length - 450} characters)… ${line.slice(-150)}`,
    )
    .join('\n')
}
