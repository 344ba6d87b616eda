import {LineCounter, isAlias, isMap, isScalar, parseDocument, visit, type Document} from 'yaml'

import {FileProblem} from '../files/file-problem.js'
import {readBoundedText} from '../files/read-bounded.js'
import type {SpecFile} from './resolve.js'

/**
 * The bounds of a spec file. A spec is a few dozen lines; these keep a hostile or mistaken file
 * (a log, a YAML bomb, /dev/urandom) from costing more than a moment and a little memory. The
 * YAML parser slows down sharply on pathological input (a 64 KiB flow list of 30,000 items takes
 * a second of CPU and 170 MB), so the size bound is what holds the time bound.
 */
export const SPEC_FILE_LIMITS = {
  /** Bytes: a spec with every region, a hundred services, every threshold and comments is under 8 KiB. */
  maxBytes: 32 * 1024,
  /** Nesting of lists and mappings; a spec nests three deep at most. */
  maxDepth: 32,
  /** Alias nodes (`*name`) in the file. */
  maxAliases: 100,
  /** Values all aliases expand to together: what stops a "billion laughs" file. */
  maxAliasExpansion: 10_000,
} as const

/** SPEC_FILE_LIMITS.maxBytes as people read it. */
export const SPEC_FILE_SIZE = `${SPEC_FILE_LIMITS.maxBytes / 1024} KiB`

export class SpecFileError extends Error {
  override readonly name = 'SpecFileError'
}

/**
 * Reads a YAML or JSON spec file (YAML is a superset of JSON, so one parser serves both), within
 * SPEC_FILE_LIMITS: only a regular file, read with a bound. Throws SpecFileError with a one-line
 * message naming `field` (the flag or variable that named the file), the file and, where it has
 * one, the line.
 */
export async function readSpecFile(path: string, field = '--spec'): Promise<SpecFile> {
  let text: string
  try {
    text = readBoundedText(path, {maxBytes: SPEC_FILE_LIMITS.maxBytes, what: 'a YAML or JSON spec file'})
  } catch (error) {
    if (error instanceof FileProblem) {
      const expected = error.code === undefined ? '' : '; expected a YAML or JSON spec file'
      throw new SpecFileError(`${field}: ${error.message}${expected}`)
    }
    throw error
  }

  return parseSpecText(text, path)
}

/** Parses spec text already read (a file, `git show`); `path` names it in messages. */
export function parseSpecText(text: string, path: string): SpecFile {
  if (text.length > SPEC_FILE_LIMITS.maxBytes) {
    throw new SpecFileError(`${path}: ${text.length} characters; a spec file may hold at most ${SPEC_FILE_SIZE}`)
  }

  const tooDeep = deepestLine(text, SPEC_FILE_LIMITS.maxDepth)
  if (tooDeep !== undefined) {
    throw new SpecFileError(
      `${path}:${tooDeep}: lists or mappings nested more than ${SPEC_FILE_LIMITS.maxDepth} deep; a spec nests three deep at most`,
    )
  }

  const lines = new LineCounter()
  // uniqueKeys is checked below: the parser's own check compares every key with every other.
  const document = parseDocument(text, {prettyErrors: true, uniqueKeys: false, lineCounter: lines})
  const error = document.errors[0]
  if (error) {
    const line = error.linePos?.[0].line
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    throw new SpecFileError(`${path}${line ? `:${line}` : ''}: not valid YAML or JSON: ${message}`)
  }

  const at = (offset: number | undefined) => (offset === undefined ? '' : `:${lines.linePos(offset).line}`)
  const duplicate = firstDuplicateKey(document)
  if (duplicate) {
    throw new SpecFileError(`${path}${at(duplicate.offset)}: not valid YAML or JSON: map keys must be unique`)
  }

  const aliases = aliasOffsets(document)
  if (aliases.length > SPEC_FILE_LIMITS.maxAliases) {
    throw new SpecFileError(
      `${path}${at(aliases[SPEC_FILE_LIMITS.maxAliases])}: more than ${SPEC_FILE_LIMITS.maxAliases} YAML aliases ` +
        '(*name); write the values out',
    )
  }

  let fields: unknown
  try {
    fields = document.toJS({maxAliasCount: SPEC_FILE_LIMITS.maxAliasExpansion})
  } catch (error) {
    // The yaml library reports alias trouble (an alias bomb, an alias before its anchor) as ReferenceError.
    if (!(error instanceof ReferenceError)) throw error
    const why = /Excessive alias count/.test(error.message)
      ? `YAML aliases expand to more than ${SPEC_FILE_LIMITS.maxAliasExpansion} values; write the values out`
      : `not valid YAML or JSON: ${error.message}`
    throw new SpecFileError(`${path}${at(aliases[0])}: ${why}`)
  }

  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    const got = Array.isArray(fields) ? 'a list' : fields === null ? 'nothing' : `a ${typeof fields}`
    throw new SpecFileError(`${path}: expected a mapping of keys like "users: 2.5M", got ${got}`)
  }

  return {path, fields: fields as Record<string, unknown>}
}

/**
 * The first line nesting deeper than `limit`, found without the YAML parser (which overflows its
 * stack, or worse, on a line of ten thousand `- `): flow brackets are counted through the file,
 * block indicators (`- `, `? `, `: `) along each line.
 */
function deepestLine(text: string, limit: number): number | undefined {
  let flow = 0
  let line = 1
  let lineStart = true
  let compact = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\n') {
      line++
      lineStart = true
      compact = 0
      continue
    }

    if (c === '[' || c === '{') flow++
    else if ((c === ']' || c === '}') && flow > 0) flow--
    if (flow > limit) return line
    if (lineStart && (c === '-' || c === '?' || c === ':') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      compact++
      if (compact > limit) return line
      continue
    }

    if (c !== ' ' && c !== '\t') lineStart = false
  }

  return undefined
}

function firstDuplicateKey(document: Document): {offset?: number} | undefined {
  let found: {offset?: number} | undefined
  visit(document, {
    Map(_key, map) {
      if (!isMap(map)) return undefined
      const seen = new Set<string>()
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
        if (seen.has(key)) {
          found = {offset: isScalar(pair.key) ? pair.key.range?.[0] : undefined}
          return visit.BREAK
        }

        seen.add(key)
      }

      return undefined
    },
  })
  return found
}

function aliasOffsets(document: Document): number[] {
  const offsets: number[] = []
  visit(document, {
    Alias(_key, node) {
      if (isAlias(node)) offsets.push(node.range?.[0] ?? 0)
    },
  })
  return offsets
}
