/**
 * Specs for `diff`: read from a file or from a git ref, resolved from the file alone. The
 * environment and flags are left out on purpose: a SCALEPLAN_USERS in CI would override both
 * sides alike and hide the very change under review.
 */
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'

import {SPEC_FILE_LIMITS, SPEC_FILE_SIZE, SpecFileError, parseSpecText, readSpecFile} from '../spec/read-file.js'
import {resolveSpec, type SpecFile} from '../spec/resolve.js'
import type {Spec} from '../spec/schema.js'
import {UsageError} from './errors.js'

const run = promisify(execFile)

export async function loadSpecFile(path: string, argument: string): Promise<Spec> {
  return specFrom(() => readSpecFile(path, argument))
}

/** The spec at `path` as of git `ref` (`git show REF:./path`, so the path is relative to the working directory). */
export async function loadSpecAtRef(ref: string, path: string, cwd = process.cwd()): Promise<Spec> {
  if (ref.startsWith('-')) throw new UsageError([`--base-ref: expected a git ref like origin/main, got "${ref}"`])
  let text: string
  try {
    ;({stdout: text} = await run('git', ['show', `${ref}:./${path.replace(/^\.\//, '')}`], {
      cwd,
      // A spec is at most SPEC_FILE_LIMITS.maxBytes; a bigger blob is not one, and is not read whole.
      maxBuffer: SPEC_FILE_LIMITS.maxBytes + 1,
      timeout: 60_000,
    }))
  } catch (error) {
    const {stderr, code} = error as {stderr?: string; code?: string | number}
    const why =
      code === 'ENOENT'
        ? 'git is not installed or not on PATH'
        : code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
          ? `it holds more than ${SPEC_FILE_SIZE}; a spec file may hold at most ${SPEC_FILE_SIZE}`
          : (stderr || String(error)).trim().split('\n')[0]
    throw new UsageError([`--base-ref: cannot read "${path}" at "${ref}": ${why}`])
  }

  return specFromText(text, `${ref}:${path}`)
}

function specFromText(text: string, label: string): Promise<Spec> {
  return specFrom(async () => parseSpecText(text, label))
}

async function specFrom(read: () => Promise<SpecFile>): Promise<Spec> {
  let file
  try {
    file = await read()
  } catch (error) {
    if (error instanceof SpecFileError) throw new UsageError([error.message])
    throw error
  }

  const result = resolveSpec({file, env: {}, flags: {}})
  if (!result.ok) throw new UsageError(result.problems)
  return result.spec
}
