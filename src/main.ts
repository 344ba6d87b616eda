/**
 * The CLI's entry (bin/run.js): oclif's `run`, with three things of scaleplan's own.
 *
 * - Start-up: a command line that plainly runs one of scaleplan's commands (`recommend --json`,
 *   `synth --hcl`) runs it with a Config read from package.json (and the prebuilt manifest, only
 *   if the command asks for an entry of it: `cli/manifest-config.ts`), and loads no part of
 *   oclif; so do the root help (`--help`, `-h`, `help`, no command: `cli/root-help.ts`) and the
 *   version line (`--version`) when oclif would print them from what the fast path knows.
 *   Everything else (a command's help, the `version` command, a typo, a topic like `calibrate
 *   app`) goes through oclif's `run` (`cli/oclif-run.ts`).
 * - oclif, when it runs, loads every plugin named in package.json before it looks for the command.
 *   The plugins (help, version, autocomplete) add commands of their own and nothing to scaleplan's,
 *   so a scaleplan command that reaches oclif's `run` loads none of them.
 * - Errors: whatever escapes a command, oclif's own included (an unknown command, a help topic
 *   that does not exist), prints like every other scaleplan error: `Error: ` and one line per
 *   problem, no stack trace (unless DEBUG is set), and the exit code of its outcome.
 */
import type {PJSON} from '@oclif/core/interfaces'
import {stripVTControlCharacters} from 'node:util'

import {EXIT, ReportedError, exitCode} from './cli/errors.js'
import {COMMANDS, isOwnWord} from './command-table.js'
import {
  ManifestConfig,
  isRootHelpRequest,
  isVersionRequest,
  ownCommandId,
  readManifest,
  readPackageJson,
} from './cli/manifest-config.js'
import {writeDirectly, writeStderr, writeStdout} from './cli/output.js'

/** Runs the CLI in the package at `root` with `argv` (the arguments after the program name). */
export async function main(argv: readonly string[], root: string): Promise<void> {
  try {
    const pjson = readPackageJson(root)
    const id = pjson && (await ownCommandId(argv, pjson, COMMANDS))
    if (pjson && id !== undefined) {
      // Only here: oclif's run writes to Node's streams itself.
      writeDirectly()
      await new ManifestConfig({root, pjson, table: COMMANDS}).runCommand(id, argv.slice(1))
    } else if (!(pjson && (await printedWithoutOclif(argv, root, pjson)))) {
      const {runWithOclif} = await import('./cli/oclif-run.js')
      await runWithOclif(argv, root, withoutPluginsForOwnCommands(pjson as PJSON, argv))
    }
  } catch (error) {
    process.exitCode = reportError(error)
  }
}

/**
 * Prints the root help or the version line without oclif when `argv` asks for one and the core
 * knows what oclif would print (the version line is the root help's VERSION); false otherwise,
 * for oclif to print it.
 */
async function printedWithoutOclif(argv: readonly string[], root: string, pjson: PJSON): Promise<boolean> {
  const version = isVersionRequest(argv, pjson)
  if (!version && !isRootHelpRequest(argv, pjson)) return false
  const manifest = readManifest(root)
  if (manifest === undefined) return false
  const {rootHelpContent, rootHelpText} = await import('./cli/root-help.js')
  const content = rootHelpContent(root, pjson, manifest, argv)
  if (content === undefined) return false
  // Ours to print from here: oclif, which writes to Node's streams itself, does not run.
  writeDirectly()
  writeStdout(version ? `${content.userAgent}\n` : await rootHelpText(content))
  return true
}

/**
 * package.json as oclif reads it, without the plugins when `argv` starts with one of scaleplan's
 * own commands or topics.
 */
function withoutPluginsForOwnCommands(pjson: PJSON, argv: readonly string[]): PJSON {
  const first = argv[0]
  if (first === undefined || !isOwnWord(first)) return pjson
  return {...pjson, oclif: {...pjson.oclif, plugins: []}}
}

interface OclifError {
  readonly message: string
  readonly code?: string
  readonly oclif?: {readonly exit?: number}
  readonly stack?: string
}

/** Prints an error that escaped every command in scaleplan's style; returns the exit code. */
function reportError(error: unknown): number {
  if (error instanceof ReportedError) {
    for (const problem of error.problems) writeStderr(`Error: ${problem}\n`)
    return exitCode(error.outcome)
  }

  const {message, code, oclif, stack} = (error ?? {}) as OclifError
  // `this.exit(n)` inside a command: the command already said what it had to.
  if (code === 'EEXIT') return oclif?.exit ?? EXIT.ok
  const text = stripVTControlCharacters(String(message ?? error)).trim()
  if (oclif?.exit !== undefined) {
    // oclif's own refusals (a help topic that does not exist, ...) are bad input.
    for (const line of text.split('\n').filter((l) => l.trim() !== '')) writeStderr(`Error: ${line.trim()}\n`)
    return oclif.exit === 0 ? EXIT.ok : EXIT.usage
  }

  writeStderr(`Error: ${text}\n`)
  writeStderr(
    process.env.DEBUG && stack
      ? `${stack}\n`
      : 'This is a bug in scaleplan: please report it, with the command you ran (DEBUG=1 shows where it happened).\n',
  )
  return EXIT.bug
}
