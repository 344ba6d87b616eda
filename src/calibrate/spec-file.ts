import {access, constants} from 'node:fs/promises'
import {dirname} from 'node:path'

import {SpecFileError, readSpecFile} from '../spec/read-file.js'

/**
 * Before any load: the spec file to record into must exist, parse, and sit in a folder that may
 * be written (the record replaces it atomically). A problem joins the others, reported at once.
 */
export async function checkSpecFile(path: string | undefined, problems: string[]): Promise<void> {
  if (path === undefined) return
  try {
    await readSpecFile(path, '--write-spec')
    await access(dirname(path), constants.W_OK)
  } catch (error) {
    if (error instanceof SpecFileError) problems.push(error.message)
    else
      problems.push(
        `--write-spec: cannot write to the folder of "${path}" (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
      )
  }
}
