import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs'

import {FileProblem, quotePath, withFileProblemSync} from './file-problem.js'

export interface BoundedRead {
  /** The most bytes the file may hold; a bigger file is refused without reading it all. */
  readonly maxBytes: number
  /** What the file is, for messages: "a spec file", "a plan report". */
  readonly what: string
}

/**
 * Reads a regular text file of at most `maxBytes`, in UTF-8. A FIFO, a device (`/dev/urandom`,
 * `/dev/zero`), a socket or a directory is refused before a byte is read, so nothing blocks or
 * runs without end; a file that is larger than it says (`/proc`) or grows while read is cut off
 * at `maxBytes + 1` and refused. Failures are FileProblems naming the path.
 *
 * Synchronous: a command reading its one bounded input has nothing else to do meanwhile, and
 * `node:fs/promises` would load Node's streams and readline, a millisecond of every `recommend`.
 */
export function readBoundedText(path: string, {maxBytes, what}: BoundedRead): string {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
  // O_NOCTTY: a terminal device named by mistake must not become the controlling terminal.
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY
  const fd = withFileProblemSync(path, 'read', () => openSync(path, flags))
  try {
    const stats = withFileProblemSync(path, 'read', () => fstatSync(fd))
    if (!stats.isFile()) {
      throw new FileProblem(path, undefined, `cannot read ${quotePath(path)}: it is ${kindOf(stats)}; expected ${what}`)
    }

    if (stats.size > maxBytes) throw tooLarge(path, stats.size, maxBytes, what)
    let chunk = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stats.size, 64 * 1024)))
    let length = 0
    for (;;) {
      if (length === chunk.length) {
        if (length > maxBytes) throw tooLarge(path, undefined, maxBytes, what)
        const grown = Buffer.alloc(Math.min(maxBytes + 1, chunk.length * 2))
        chunk.copy(grown)
        chunk = grown
      }

      const from = length
      const bytesRead = withFileProblemSync(path, 'read', () => readSync(fd, chunk, from, chunk.length - from, from))
      if (bytesRead === 0) break
      length += bytesRead
    }

    if (length > maxBytes) throw tooLarge(path, undefined, maxBytes, what)
    try {
      return new TextDecoder('utf-8', {fatal: true}).decode(chunk.subarray(0, length))
    } catch {
      throw new FileProblem(path, undefined, `cannot read ${quotePath(path)}: not UTF-8 text; expected ${what}`)
    }
  } finally {
    closeSync(fd)
  }
}

function tooLarge(path: string, size: number | undefined, maxBytes: number, what: string): FileProblem {
  const actual = size === undefined ? `more than ${formatBytes(maxBytes)}` : formatBytes(size)
  return new FileProblem(
    path,
    undefined,
    `cannot read ${quotePath(path)}: it holds ${actual}; ${what} may hold at most ${formatBytes(maxBytes)}`,
  )
}

/** What a path is when it is not a regular file: "a FIFO (named pipe)", "a character device"... */
export function kindOf(stats: {
  isDirectory(): boolean
  isFIFO(): boolean
  isCharacterDevice(): boolean
  isBlockDevice(): boolean
  isSocket(): boolean
  isSymbolicLink(): boolean
}): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a FIFO (named pipe)'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isSocket()) return 'a socket'
  if (stats.isSymbolicLink()) return 'a symbolic link'
  return 'not a regular file'
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }

  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`
}
