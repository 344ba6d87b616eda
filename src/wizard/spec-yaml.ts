/**
 * The wizard's answers as a spec file, each key commented with its field's description. Pure:
 * the same answers give the same bytes.
 */
import {stringify} from 'yaml'

import {fieldMeta} from '../spec/schema.js'
import {QUESTION_KEYS, type Answers} from './questions.js'

export {SCHEMA_PATH} from '../spec/json-schema.js'

const COMMENT_COLUMN = 24

function scalar(value: unknown): string {
  // "90:10" is a plain string in YAML 1.2 but a base-60 number to YAML 1.1 readers: quote it.
  if (typeof value === 'string' && value.includes(':')) return JSON.stringify(value)
  return stringify(value).trimEnd()
}

/**
 * @param schemaRef the JSON Schema's location relative to the spec file, for editors
 *   (yaml-language-server reads the modeline comment); omitted when undefined.
 */
export function specYaml(answers: Answers, schemaRef?: string): string {
  const lines: string[] = []
  if (schemaRef !== undefined) lines.push(`# yaml-language-server: $schema=${schemaRef}`)
  lines.push(
    '# A scaleplan spec, written by `scaleplan init`. Every key is the camelCase of a flag, and',
    '# flags and SCALEPLAN_* variables override it. Thresholds can be overridden under `thresholds:`.',
  )

  for (const key of QUESTION_KEYS) {
    const value = answers[key]
    // An answer never given (a caller that asked only some questions) leaves the spec's default.
    if (value === undefined) continue
    const comment = `# ${fieldMeta(key).description}`
    if (Array.isArray(value) && value.length > 0) {
      lines.push(`${`${key}:`.padEnd(COMMENT_COLUMN)}${comment}`, ...value.map((item) => `  - ${scalar(item)}`))
    } else {
      lines.push(`${`${key}: ${scalar(value)}`.padEnd(COMMENT_COLUMN - 1)} ${comment}`)
    }
  }

  return `${lines.join('\n')}\n`
}
