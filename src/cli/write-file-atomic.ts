import {randomBytes} from 'node:crypto'
import {access, link, open, rename, rm} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

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
 */
export async function writeFileAtomic(path: string, text: string, {overwrite}: {overwrite: boolean}): Promise<void> {
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
