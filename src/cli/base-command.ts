// Subpath imports: the package root also runs a Node version check that costs ~25 ms at start-up.
import {Command} from '@oclif/core/command'

import {ReportedError} from './errors.js'

/**
 * Shared error handling: expected failures (bad input, refusals, Terraform failing) print one
 * line per problem, with no stack trace, and exit with their own code; under --json they print
 * as `{"error": {...}}` on stdout instead, so CI can parse them.
 */
export abstract class BaseCommand extends Command {
  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    if (!(error instanceof ReportedError)) return super.catch(error)
    const exitCode = this.exitCodeFor(error)
    process.exitCode = exitCode
    if (this.jsonEnabled()) {
      this.logJson({error: {name: error.name, code: error.code, exitCode, problems: error.problems}})
    } else {
      for (const problem of error.problems) process.stderr.write(`Error: ${problem}\n`)
    }

    return undefined
  }

  /** The exit code of an expected failure; commands with Terraform-style exit codes override it. */
  protected exitCodeFor(error: ReportedError): number {
    return error.exitCode
  }

  /**
   * A warning on stderr, one unwrapped line (oclif's `warn` wraps at the terminal width, which
   * splits resource names and lock IDs that people copy). Silent under --json: the result has them.
   */
  protected warnLine(text: string): void {
    if (!this.jsonEnabled()) process.stderr.write(`Warning: ${text}\n`)
  }

  /** A failure that does not stop the command (one region of several), as one unwrapped line. */
  protected errorLine(text: string): void {
    if (!this.jsonEnabled()) process.stderr.write(`Error: ${text}\n`)
  }
}
