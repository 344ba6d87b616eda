import {lstat, stat} from 'node:fs/promises'
import {dirname} from 'node:path'

import {FileProblem, asFileProblem, quotePath} from '../files/file-problem.js'
import {makeDirectories} from '../files/make-directories.js'
import {kindOf, readBoundedText} from '../files/read-bounded.js'
import {UsageError} from './errors.js'
import {writeFileAtomic} from './write-file-atomic.js'

export interface WriteResult {
  readonly path: string
  /** False when the file already held exactly this content. */
  readonly written: boolean
}

/** A file scaleplan compares before replacing: reports are KiB; anything bigger is simply different. */
const MAX_COMPARED_BYTES = 16 * 2 ** 20

/**
 * Writes `content` to `path` atomically (writeFileAtomic), so a reader never sees half a report.
 * A different existing file is kept unless `force`: an `--out` typo must not eat someone's notes.
 * Identical content is a no-op, so reruns are safe. Only a regular file is ever replaced: a
 * device, a FIFO, a directory, or a symbolic link to one of them is refused even with `force` (a
 * link to a regular file is replaced by the file, never written through).
 */
export async function writeOutput(
  path: string,
  content: string,
  {force = false, flag = '--out'} = {},
): Promise<WriteResult> {
  const refuse = (why: string) => new UsageError([`${flag}: ${quotePath(path)} ${why}`])
  let existing: string | undefined
  try {
    const link = await lstat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw error
    })
    if (link !== undefined) {
      const target = link.isSymbolicLink() ? await stat(path).catch(() => undefined) : link
      if (target?.isDirectory()) throw refuse('is a directory; give a file name like report.md')
      if (target !== undefined && !target.isFile()) {
        const what = link.isSymbolicLink() ? `is a symbolic link to ${kindOf(target)}` : `is ${kindOf(target)}`
        throw refuse(`${what}; scaleplan writes reports only to regular files`)
      }

      if (target !== undefined) existing = readBoundedText(path, {maxBytes: MAX_COMPARED_BYTES, what: 'a report'})
    }
  } catch (error) {
    if (error instanceof UsageError) throw error
    // Too big or not text: not this report, so it counts as different content.
    if (!(error instanceof FileProblem && error.code === undefined)) {
      throw new UsageError([`${flag}: ${messageOf(asFileProblem(error, path, 'read'))}`])
    }

    existing = ''
  }

  if (existing === content) return {path, written: false}
  if (existing !== undefined && !force) {
    throw new UsageError([`${flag}: "${path}" exists with different content; pass --force to overwrite it`])
  }

  try {
    makeDirectories(dirname(path))
    await writeFileAtomic(path, content, {overwrite: true})
  } catch (error) {
    throw new UsageError([`${flag}: ${messageOf(asFileProblem(error, path, 'write'))}`])
  }

  return {path, written: true}
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
