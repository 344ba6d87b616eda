// Subpath imports: the package root also runs a Node version check that costs ~25 ms at start-up.
import {Command} from '@oclif/core/command'

import {UsageError} from './errors.js'

/**
 * Shared error handling: input problems print one line each, with no stack trace, and exit 2;
 * under --json they print as `{"error": {...}}` on stdout instead, so CI can parse them.
 */
export abstract class BaseCommand extends Command {
  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    if (!(error instanceof UsageError)) return super.catch(error)
    process.exitCode = error.exitCode
    if (this.jsonEnabled()) {
      this.logJson({error: {name: error.name, code: error.code, exitCode: error.exitCode, problems: error.problems}})
    } else {
      for (const problem of error.problems) process.stderr.write(`Error: ${problem}\n`)
    }

    return undefined
  }
}
