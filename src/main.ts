/**
 * The CLI's entry (bin/run.js): oclif's `run`, with two things of scaleplan's own.
 *
 * - Start-up: oclif loads every plugin named in package.json before it looks for the command.
 *   The plugins (help, version, autocomplete) add commands of their own and nothing to
 *   scaleplan's, so a run of a scaleplan command (`recommend`, `synth`, ...) loads none of them;
 *   anything else (`help synth`, `version`, no command, a typo) loads them all.
 * - Errors: whatever escapes a command, oclif's own included (an unknown command, a help topic
 *   that does not exist), prints like every other scaleplan error: `Error: ` and one line per
 *   problem, no stack trace (unless DEBUG is set), and the exit code of its outcome.
 */
import {flush} from '@oclif/core/flush'
import type {PJSON} from '@oclif/core/interfaces'
import {run} from '@oclif/core/run'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {stripVTControlCharacters} from 'node:util'

import {EXIT, ReportedError, exitCode} from './cli/errors.js'
import {writeStderr} from './cli/output.js'

/** Runs the CLI in the package at `root` with `argv` (the arguments after the program name). */
export async function main(argv: readonly string[], root: string): Promise<void> {
  try {
    await run([...argv], {root, pjson: packageJson(root, argv)})
    await flush()
  } catch (error) {
    process.exitCode = reportError(error)
  }
}

/**
 * package.json as oclif reads it, without the plugins when `argv` runs one of scaleplan's own
 * commands (named by the command manifest the build writes).
 */
function packageJson(root: string, argv: readonly string[]): PJSON {
  const pjson = readJson(join(root, 'package.json')) as PJSON
  const manifest = readJson(join(root, 'oclif.manifest.json')) as {commands?: Record<string, unknown>} | undefined
  const own = new Set(Object.keys(manifest?.commands ?? {}).map((id) => id.split(':')[0]))
  const first = argv[0]
  if (first === undefined || !own.has(first)) return pjson
  return {...pjson, oclif: {...pjson.oclif, plugins: []}}
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
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
