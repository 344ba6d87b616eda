/**
 * File system failures a user can fix (a missing folder, a full disk, a read-only mount), as one
 * readable sentence naming the path. Every layer that touches files throws these; the shell
 * reports them as bad input (exit 2), naming the flag the path came from.
 */

/** What an errno means to someone who typed the path. */
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'it is a directory',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'the path is too long for the file system',
  ELOOP: 'too many levels of symbolic links',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large for the file system',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error',
  EBUSY: 'the path is busy (a mount point or in use)',
  EXDEV: 'the paths are on different file systems',
  ENOTEMPTY: 'the directory is not empty',
  EINVAL: 'the file system refused the operation',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
  ETXTBSY: 'the file is busy',
}

/** Errno codes a person can act on. Anything else (EBADF, EFAULT...) is a bug and stays one. */
const USER_FIXABLE = new Set(Object.keys(ERRNO_WORDS))

/** A path and what is wrong with it: `cannot write "out/stacks": no space left on the device (ENOSPC)`. */
export class FileProblem extends Error {
  override readonly name = 'FileProblem'

  constructor(
    readonly path: string,
    /** The errno code, when the operating system gave one. */
    readonly code: string | undefined,
    message: string,
  ) {
    super(message)
  }
}

/**
 * `error` as a FileProblem when it is a file system error a user can fix, naming `path` (the
 * path as the user gave it, or the one inside it that failed) and what was being done; the
 * error itself otherwise.
 */
export function asFileProblem(error: unknown, path: string, doing: string): unknown {
  if (error instanceof FileProblem) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (typeof code !== 'string' || !USER_FIXABLE.has(code)) return error
  return new FileProblem(path, code, `cannot ${doing} ${quotePath(path)}: ${ERRNO_WORDS[code]} (${code})`)
}

/** Runs `action`; a file system error a user can fix comes out as a FileProblem naming `path`. */
export async function withFileProblem<T>(path: string, doing: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action()
  } catch (error) {
    throw asFileProblem(error, path, doing)
  }
}

/** Synchronous `withFileProblem`. */
export function withFileProblemSync<T>(path: string, doing: string, action: () => T): T {
  try {
    return action()
  } catch (error) {
    throw asFileProblem(error, path, doing)
  }
}

/** Longest path shown whole; longer ones keep their start and end. */
const PATH_SHOWN = 160

/** A path in quotes, cut in the middle when it is too long to read (ENAMETOOLONG paths are). */
export function quotePath(path: string): string {
  const shown = path.length <= PATH_SHOWN ? path : `${path.slice(0, 80)}…${path.slice(-60)}`
  return JSON.stringify(shown)
}
