/**
 * The wizard's answers as a commented spec file. Pure: the same answers give the same bytes.
 */
import {stringify} from 'yaml'

import {QUESTION_KEYS, type Answers, type QuestionKey} from './questions.js'

/** Where the JSON Schema for spec files lives inside the scaleplan package. */
export const SCHEMA_PATH = 'templates/schema/scaleplan.schema.json'

const COMMENTS: Record<QuestionKey, string> = {
  name: 'prefixes stacks and resources',
  users: 'daily active users: 2500000, 2.5M, 10k, 1_000_000',
  readWrite: 'reads:writes, or one number (reads per write)',
  regions: 'the first region holds the database primaries',
  dataSize: 'decimal (GB, TB) and binary (GiB, TiB) units',
  requestsPerUser: 'per user per day',
  peakFactor: 'peak / average',
  availability: 'percent; 99.9 and up makes every tier redundant across zones',
  services: 'services split out at stage 7, like [search, payment]',
}

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
    const comment = `# ${COMMENTS[key]}`
    if (Array.isArray(value) && value.length > 0) {
      lines.push(`${`${key}:`.padEnd(COMMENT_COLUMN)}${comment}`, ...value.map((item) => `  - ${scalar(item)}`))
    } else {
      lines.push(`${`${key}: ${scalar(value)}`.padEnd(COMMENT_COLUMN - 1)} ${comment}`)
    }
  }

  return `${lines.join('\n')}\n`
}
