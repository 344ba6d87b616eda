import {randomBytes} from 'node:crypto'
import {access, link, lstat, open, rename, rm} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

import {FileProblem, quotePath} from '../files/file-problem.js'
import {kindOf} from '../files/read-bounded.js'

export class FileExistsError extends Error {
  override readonly name = 'FileExistsError'
  constructor(readonly path: string) {
    super(`${path} already exists`)
  }
}

/**
 * Writes `text` to `path` so that readers see the old file or the whole new one, never half of
 * it: the text goes to a temporary file in the same directory (a rename is only atomic within
 * one file system), is flushed, then takes the final name.
 *
 * Without `overwrite`, an existing file is left byte-identical and FileExistsError is thrown.
 * The check and the write are one step (`link` fails if the name exists), so a file created
 * between a prompt and the write is not clobbered either.
 *
 * With `overwrite`, only a regular file (or a link, which is replaced, not followed) is replaced:
 * a device, a FIFO, a socket or a directory is a FileProblem, so `--force` can never turn
 * /dev/null into a file.
 */
export async function writeFileAtomic(path: string, text: string, {overwrite}: {overwrite: boolean}): Promise<void> {
  if (overwrite) await refuseSpecialFile(path)
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const handle = await open(temp, 'wx', 0o644)
  try {
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }

    if (overwrite) {
      await rename(temp, path)
    } else {
      await linkNoClobber(temp, path)
    }
  } finally {
    // After a rename the temporary name is gone; after a link (or a failure) it must go.
    await rm(temp, {force: true})
  }
}

async function refuseSpecialFile(path: string): Promise<void> {
  const stats = await lstat(path).catch(() => undefined)
  if (stats === undefined || stats.isFile() || stats.isSymbolicLink()) return
  throw new FileProblem(path, undefined, `cannot write ${quotePath(path)}: it is ${kindOf(stats)}, not a regular file`)
}

async function linkNoClobber(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new FileExistsError(path)
    // Some file systems (FAT, some network mounts) have no hard links: check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error
    if (await exists(path)) throw new FileExistsError(path)
    await rename(temp, path)
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}
