// Subpath imports: the package root also runs a Node version check that costs ~25 ms at start-up.
import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import type {Config} from '@oclif/core/config'
import type {Input, ParserOutput} from '@oclif/core/interfaces'
import {stripVTControlCharacters} from 'node:util'

import {FileProblem} from '../files/file-problem.js'
import {closest} from '../spec/regions.js'
import {exitCode, ReportedError, UsageError, type ExitConvention, type Outcome} from './errors.js'
import {writeStderr, writeStdout} from './output.js'
import {describeSpecSource, loadSpec, type LoadedSpec} from './spec-flags.js'

/**
 * What every scaleplan command shares:
 *
 * - Errors: expected failures (bad input, refusals, Terraform failing) print one line per
 *   problem, with no stack trace, and exit with their outcome's code (`errors.ts`); under --json
 *   they print as `{"error": {...}}` on stdout instead, so CI can parse them. oclif's own parse
 *   errors (an unknown flag, a value out of range) are bad input like any other, handled here once.
 * - Exit codes: a command names its convention (`exitConvention`) and its outcome (`finish`);
 *   the table in `errors.ts` turns them into a number.
 * - Output: every byte goes through `output.ts`'s two writers: `log` and `print` for results on
 *   stdout, `note`, `warnLine` and `errorLine` for people on stderr. All of them are silent under
 *   --json, where the returned result is the output.
 */
/** `--json`, in the voice of every other flag (oclif's own says "Format output as json."). */
export const jsonFlag = Flags.boolean({
  description: 'print the result as JSON on stdout (shapes in the README); errors too, as {"error": ...}',
  helpGroup: 'GLOBAL',
})

export abstract class BaseCommand extends Command {
  // In place of the --json flag oclif adds to commands with `enableJsonFlag`; a command without
  // JSON output (schema) declares no base flags.
  static override baseFlags: Record<string, ReturnType<typeof Flags.boolean>> = {json: jsonFlag}

  private parsedFlags?: Readonly<Record<string, unknown>>

  /**
   * Runs the command with `config` as it is. oclif's static `run` loads a Config of its own first,
   * even from a loaded one; main.ts hands scaleplan's commands the manifest's (`ManifestConfig`).
   */
  static async runWith(argv: string[], config: Config): Promise<unknown> {
    // `this` is the concrete command class the table imported, never BaseCommand itself.
    const Concrete = this as unknown as new (argv: string[], config: Config) => BaseCommand
    return new Concrete(argv, config)._run()
  }

  /** Parses like oclif, but a parse error is a UsageError naming the flag or variable as given. */
  protected override async parse<F extends Outputs, B extends Outputs, A extends Outputs>(
    options?: Input<F, B, A>,
    argv = this.argv,
  ): Promise<ParserOutput<F, B, A>> {
    try {
      const output = await super.parse(options, argv)
      this.parsedFlags = output.flags
      return output
    } catch (error) {
      if (!(error instanceof Error)) throw error
      // It did parse, and found bad input: without this oclif warns that the command never parsed.
      this.parsed = true
      throw new UsageError(this.parseProblems(error))
    }
  }

  protected override async catch(caught: Error & {exitCode?: number}): Promise<unknown> {
    // A file system problem no command turned into a sentence of its own is still bad input, named by path.
    const error = caught instanceof FileProblem ? new UsageError([caught.message]) : caught
    if (!(error instanceof ReportedError)) return super.catch(error)
    const code = exitCode(error.outcome, this.exitConvention())
    process.exitCode = code
    const problems = atMost(error.problems.map(readable), MAX_PROBLEMS)
    if (this.jsonEnabled()) {
      this.logJson({error: {name: error.name, code: error.code, exitCode: code, problems}})
    } else {
      for (const problem of problems) writeStderr(errorText(problem))
    }

    return undefined
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
  override log(message = ''): void {
    this.print(`${message}\n`)
  }

  /** Results on stdout as given (a document that ends in its own newline). */
  protected print(text: string): void {
    if (!this.jsonEnabled()) writeStdout(text)
  }

  /** The --json result or error, on stdout: the one thing that prints under --json. */
  override logJson(json: unknown): void {
    writeStdout(`${JSON.stringify(json, null, 2)}\n`)
  }

  /** A note for the person at the terminal ("Wrote FILE"), on stderr so stdout stays the result. */
  protected note(text: string): void {
    if (!this.jsonEnabled()) writeStderr(`${text}\n`)
  }

  override logToStderr(message = ''): void {
    this.note(message)
  }

  /**
   * A warning on stderr, one unwrapped line (oclif's `warn` wraps at the terminal width, which
   * splits resource names and lock IDs that people copy).
   */
  protected warnLine(text: string): void {
    this.note(`Warning: ${text}`)
  }

  override warn(input: string | Error): string | Error {
    this.warnLine(input instanceof Error ? input.message : input)
    return input
  }

  /** A failure that does not stop the command (one region of several), as one unwrapped line. */
  protected errorLine(text: string): void {
    if (!this.jsonEnabled()) writeStderr(errorText(text))
  }

  /**
   * oclif's parse errors as problems in scaleplan's form: `--flag: what is wrong, got "value"`, or
   * the environment variable's name when the value came from there, with a "did you mean" for a
   * mistyped flag, and without oclif's help footer.
   */
  private parseProblems(error: Error): string[] {
    // oclif dims parts of some messages when stderr is a terminal.
    const text = stripVTControlCharacters(error.message).replace(/\s*See more help with --help\s*$/, '')
    const help = `see \`${this.config.bin} ${this.id?.replaceAll(':', ' ')} --help\``
    const parsing = /^Parsing --([\w-]+)\s*\n\t([\s\S]*)$/.exec(text)
    if (parsing) return [`${this.flagSource(parsing[1]!)}: ${this.valueProblem(parsing[1]!, parsing[2]!.trim())}`]
    const option = /^Expected --([\w-]+)=([\s\S]*) to be one of: (.*)$/.exec(text)
    if (option) return [`${this.flagSource(option[1]!)}: expected one of ${option[3]}, got "${option[2]}"`]
    const noValue = /^Flag --([\w-]+) expects a value/.exec(text)
    if (noValue) return [`--${noValue[1]}: needs a value, like --${noValue[1]} ${this.flagExample(noValue[1]!)}`]
    const list = /^The following errors? occurred:\n([\s\S]*)$/.exec(text)
    if (list)
      return list[1]!
        .split('\n')
        .map((line) => this.relationProblem(line.trim()))
        .filter(Boolean)
    const unknown = /^Nonexistent flags?: (.*)$/m.exec(text)
    if (unknown)
      return unknown[1]!
        .split(', ')
        .map((flag) => `${flag}: not a flag of this command${this.didYouMean(flag)}; ${help}`)
    const extra = /^Unexpected arguments?: (.*)$/m.exec(text)
    if (extra) return [`unexpected argument${extra[1]!.includes(', ') ? 's' : ''} ${quoteAll(extra[1]!)}; ${help}`]
    if (/^Missing \d+ required args?\b/.test(text)) return [`${text.split('\n')[0]!}; ${help}`]
    return text.split('\n').filter((line) => line.trim() !== '')
  }

  /** oclif's words for a bad integer (`Expected an integer less than or equal to 7 but received: 9`) in ours. */
  private valueProblem(flag: string, message: string): string {
    const integer = /^Expected an integer(?: (?:less|greater) than or equal to -?\d+)? but received: (.*)$/.exec(
      message,
    )
    if (!integer) return lowerFirst(message)
    const {min, max} = (this.ctor.flags?.[flag] ?? {}) as {min?: number; max?: number}
    const range =
      min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : ''
    return `expected a whole number${range}, got "${integer[1]}"`
  }

  /** `--user` -> `; did you mean --users?` when a flag of this command is that close. */
  private didYouMean(typed: string): string {
    const name = typed.replace(/^-+/, '').split('=')[0]!
    const flags = Object.keys(this.ctor.flags ?? {}).filter(
      (flag) => !(this.ctor.flags?.[flag] as {hidden?: boolean}).hidden,
    )
    const suggestion = closest(name, flags, Math.max(2, Math.floor(name.length / 3)))
    return suggestion ? ` (did you mean --${suggestion}?)` : ''
  }

  /** oclif's `dependsOn` failure, naming each flag as the user gave it: `SCALEPLAN_STATE_REGION: needs --state-bucket too`. */
  private relationProblem(line: string): string {
    const needs = /^All of the following must be provided when using --([\w-]+): (.*)$/.exec(line)
    if (!needs) return line
    const others = needs[2]!.split(', ').map((flag) => this.flagSource(flag.replace(/^--/, '')))
    return `${this.flagSource(needs[1]!)}: needs ${others.join(' and ')} too`
  }

  private flagExample(flag: string): string {
    const helpValue = (this.ctor.flags?.[flag] as {helpValue?: string | string[]} | undefined)?.helpValue
    return (Array.isArray(helpValue) ? helpValue[0] : helpValue) ?? 'VALUE'
  }

  /**
   * Where a flag's value came from, as the user would name it: `--stage`, or `SCALEPLAN_STAGE`
   * when it was not typed and the flag's environment variable is set.
   */
  protected flagSource(flag: string): string {
    const env = (this.ctor.flags?.[flag] as {env?: string} | undefined)?.env
    return env && !this.givenOnCommandLine(flag) && process.env[env] ? env : `--${flag}`
  }
}

type Outputs = Record<string, unknown>

/**
 * A problem as printed: `Error: ` and its first line; the lines under it (Terraform's own error
 * block, a list of resources) indented beneath, so they read as part of the one error.
 */
export function errorText(problem: string): string {
  const [first, ...rest] = problem.split('\n')
  return [`Error: ${first}`, ...rest.map((line) => (line === '' ? '' : `  ${line}`))].join('\n') + '\n'
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)
const quoteAll = (list: string) =>
  list
    .split(', ')
    .map((item) => `"${item}"`)
    .join(', ')

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
