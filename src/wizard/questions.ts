/**
 * The wizard's questions, each declared once: its message, default, help and validator. Both
 * the prompt (`run-wizard.ts`) and the `init` flag are derived from a declaration, and the
 * validator is the spec schema's own field, so a value typed at the prompt, given as a flag or
 * written in a spec file is accepted or refused with the same message.
 */
import * as Flags from '@oclif/core/flags'
import {basename} from 'node:path'

import {FIELD_HELP} from '../spec/field-help.js'
import {flagName, type SpecKey} from '../spec/resolve.js'
import {SPEC_DEFAULTS, SpecFieldsSchema} from '../spec/schema.js'
import type {Parsed} from '../spec/units.js'

/** The spec keys the wizard asks about, in the order a person thinks about them. */
export const QUESTION_KEYS = [
  'name',
  'users',
  'readWrite',
  'regions',
  'dataSize',
  'requestsPerUser',
  'peakFactor',
  'availability',
  'services',
] as const satisfies readonly SpecKey[]

export type QuestionKey = (typeof QUESTION_KEYS)[number]

/** Answers as they go into the spec file: the user's forms ("2.5M", "90:10"), lists as arrays. */
export type Answers = {[K in QuestionKey]: unknown}

/** A question as declared; its accepted forms and help placeholder come from FIELD_HELP. */
export interface Question {
  readonly key: QuestionKey
  /** The prompt's text; also the start of the flag's description. */
  readonly message: string
  /** A few words for lists of questions, like the "advanced settings?" prompt. */
  readonly topic: string
  /** Asked only when the user opts into advanced questions. */
  readonly advanced: boolean
  /**
   * True when the spec itself has no default (only `users`): off a terminal it must come from a
   * flag or from `--yes`; the others quietly take their defaults.
   */
  readonly required: boolean
  /** How the prompt is shown: free text, or the searchable region picker. */
  readonly kind: 'input' | 'regions'
  /** The default as the user would type it. `cwd` names the project after its folder. */
  defaultText(cwd: string): string
  /** The default as `--help` describes it, when it is not a fixed value. */
  readonly defaultHelp?: string
}

/** The wizard proposes a size for `users`, which the spec leaves to the user: a small product. */
export const WIZARD_DEFAULT_USERS = '10k'

const list = (items: readonly string[]) => items.join(',')

export const QUESTIONS: readonly Question[] = [
  {
    key: 'name',
    topic: 'project name',
    message: 'Project name',
    advanced: false,
    required: false,
    kind: 'input',
    defaultText: (cwd) => projectNameFrom(cwd),
    defaultHelp: `the folder's name, else ${SPEC_DEFAULTS.name}`,
  },
  {
    key: 'users',
    topic: 'daily users',
    message: 'Daily active users',
    advanced: false,
    required: true,
    kind: 'input',
    defaultText: () => WIZARD_DEFAULT_USERS,
  },
  {
    key: 'readWrite',
    topic: 'read/write mix',
    message: 'Read/write mix',
    advanced: false,
    required: false,
    kind: 'input',
    defaultText: () => SPEC_DEFAULTS.readWrite,
  },
  {
    key: 'regions',
    topic: 'regions',
    message: 'AWS regions',
    advanced: false,
    required: false,
    kind: 'regions',
    defaultText: () => list(SPEC_DEFAULTS.regions),
  },
  {
    key: 'dataSize',
    topic: 'data size',
    message: 'Data size',
    advanced: false,
    required: false,
    kind: 'input',
    defaultText: () => SPEC_DEFAULTS.dataSize,
  },
  {
    key: 'requestsPerUser',
    topic: 'requests per user',
    message: 'Requests per user per day',
    advanced: true,
    required: false,
    kind: 'input',
    defaultText: () => String(SPEC_DEFAULTS.requestsPerUser),
  },
  {
    key: 'peakFactor',
    topic: 'peak factor',
    message: 'Peak-to-average traffic ratio',
    advanced: true,
    required: false,
    kind: 'input',
    defaultText: () => String(SPEC_DEFAULTS.peakFactor),
  },
  {
    key: 'availability',
    topic: 'availability',
    message: 'Availability target (%)',
    advanced: true,
    required: false,
    kind: 'input',
    defaultText: () => String(SPEC_DEFAULTS.availability),
  },
  {
    key: 'services',
    topic: 'services',
    message: 'Services to split out at stage 7',
    advanced: true,
    required: false,
    kind: 'input',
    defaultText: () => list(SPEC_DEFAULTS.services),
  },
]

export function question(key: QuestionKey): Question {
  return QUESTIONS.find((q) => q.key === key)!
}

/** `readWrite` -> `read-write`, the flag's name without dashes in front (as oclif declares it). */
export function questionFlagName(key: QuestionKey): string {
  return flagName(key).slice(2)
}

/**
 * One string flag per question. Values stay strings: `answerFromText` parses them with the same
 * schema field the prompt validates with.
 */
export const questionFlags = Object.fromEntries(
  QUESTIONS.map((q) => [
    questionFlagName(q.key),
    Flags.string({
      description: `${q.message.replace(/ \(%\)$/, '')}: ${FIELD_HELP[q.key].forms} (wizard default: ${q.defaultHelp ?? (q.defaultText('.') || 'none')})`,
      helpValue: FIELD_HELP[q.key].helpValue,
    }),
  ]),
) as Record<string, ReturnType<typeof Flags.string>>

/**
 * Text as typed at the prompt or given as a flag -> the value the spec file keeps, validated by
 * the spec schema's field for that key. The file keeps the user's own form ("2.5M", "90:10") so
 * it reads the way it was answered; plain numbers become YAML numbers.
 */
export function answerFromText(key: QuestionKey, text: string): Parsed<unknown> {
  const trimmed = text.trim()
  // An empty list is a valid answer for services ("none"); the schema refuses it for regions.
  const input =
    key === 'regions' || key === 'services'
      ? trimmed === ''
        ? []
        : trimmed.split(',').map((item) => item.trim())
      : trimmed
  // Validate the text as typed, exactly as a flag of any command would be, so messages match.
  const field = SpecFieldsSchema.shape[key].safeParse(input)
  if (!field.success) return {ok: false, message: field.error.issues[0]?.message ?? 'invalid value'}

  // Plain numbers become YAML numbers; "2.5M" and "90:10" stay as the user wrote them.
  const plainNumber = typeof input === 'string' && /^\d+(\.\d+)?%?$/.test(input)
  const numeric = key === 'users' || key === 'requestsPerUser' || key === 'peakFactor' || key === 'availability'
  return {ok: true, value: numeric && plainNumber ? Number(input.replace(/%$/, '')) : input}
}

/** The folder's name, when it makes a valid project name ("My Shop" -> "my-shop"); else the spec default. */
export function projectNameFrom(cwd: string): string {
  const candidate = basename(cwd)
    .toLowerCase()
    .replaceAll(/[^a-z0-9-]+/g, '-')
    .replaceAll(/^[^a-z]+|-+$/g, '')
    .slice(0, 24)
    .replace(/-+$/, '')
  return answerFromText('name', candidate).ok ? candidate : SPEC_DEFAULTS.name
}
