import {mkdir, readFile} from 'node:fs/promises'
import {dirname} from 'node:path'

import {UsageError} from './errors.js'
import {writeFileAtomic} from './write-file-atomic.js'

export interface WriteResult {
  readonly path: string
  /** False when the file already held exactly this content. */
  readonly written: boolean
}

/**
 * Writes `content` to `path` atomically (writeFileAtomic), so a reader never sees half a report.
 * A different existing file is kept unless `force`: an `--out` typo must not eat someone's notes.
 * Identical content is a no-op, so reruns are safe.
 */
export async function writeOutput(
  path: string,
  content: string,
  {force = false, flag = '--out'} = {},
): Promise<WriteResult> {
  let existing: string | undefined
  try {
    existing = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EISDIR') throw new UsageError([`${flag}: "${path}" is a directory; give a file name like report.md`])
    if (code !== 'ENOENT') throw new UsageError([`${flag}: cannot read "${path}" to compare: ${code ?? 'unreadable'}`])
  }

  if (existing === content) return {path, written: false}
  if (existing !== undefined && !force) {
    throw new UsageError([`${flag}: "${path}" exists with different content; pass --force to overwrite it`])
  }

  await mkdir(dirname(path), {recursive: true})
  try {
    await writeFileAtomic(path, content, {overwrite: true})
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError([`${flag}: cannot write "${path}": ${code ?? String(error)}`])
  }

  return {path, written: true}
}
