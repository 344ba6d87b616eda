import {lstatSync, mkdirSync, statSync} from 'node:fs'
import path from 'node:path'

import {FileProblem, asFileProblem, quotePath, withFileProblemSync} from './file-problem.js'

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir spins forever under /proc, and a part of
 * the path that is a file is named instead of reported as ENOTDIR. Returns the directories it
 * created, outermost first (so a caller that fails can remove them again). `shown` is the path as
 * the user gave it, for messages.
 */
export function makeDirectories(dir: string, shown = dir): string[] {
  const missing: string[] = []
  let current = path.resolve(dir)
  for (;;) {
    let stats
    try {
      stats = lstatSync(current)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw asFileProblem(error, shown, 'create')
    }

    if (stats) {
      const directory = stats.isDirectory() || (stats.isSymbolicLink() && isDirectory(current))
      if (!directory) {
        throw new FileProblem(
          shown,
          'ENOTDIR',
          `cannot create ${quotePath(shown)}: ${quotePath(current)} is not a directory`,
        )
      }

      break
    }

    missing.unshift(current)
    const up = path.dirname(current)
    if (up === current) break
    current = up
  }

  for (const directory of missing) withFileProblemSync(shown, 'create', () => mkdirSync(directory))
  return missing
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory()
  } catch {
    return false
  }
}
