import {readFile} from 'node:fs/promises'
import {parseDocument} from 'yaml'

import type {SpecFile} from './resolve.js'

export class SpecFileError extends Error {
  override readonly name = 'SpecFileError'
}

/**
 * Reads a YAML or JSON spec file (YAML is a superset of JSON, so one parser serves both).
 * Throws SpecFileError with a one-line message naming the file and, for syntax errors, the line.
 */
export async function readSpecFile(path: string, field = '--spec'): Promise<SpecFile> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'unreadable')
    throw new SpecFileError(`${field}: cannot read "${path}": ${why}; expected a YAML or JSON spec file`)
  }

  return parseSpecText(text, path)
}

export function parseSpecText(text: string, path: string): SpecFile {
  const document = parseDocument(text, {prettyErrors: true, uniqueKeys: true})
  const error = document.errors[0]
  if (error) {
    const line = error.linePos?.[0].line
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    throw new SpecFileError(`${path}${line ? `:${line}` : ''}: not valid YAML or JSON: ${message}`)
  }

  const fields: unknown = document.toJS()
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    throw new SpecFileError(
      `${path}: expected a mapping of keys like "users: 2.5M", got ${Array.isArray(fields) ? 'a list' : JSON.stringify(fields)}`,
    )
  }

  return {path, fields: fields as Record<string, unknown>}
}
