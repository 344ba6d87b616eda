/**
 * The wizard's questions, derived from the spec's fields: every field declared with `ask` is a
 * question, in declaration order, worded by its title, defaulting to its default and validated
 * by its own schema. So a value typed at the prompt, given as a flag of `init` or of any other
 * command, or written in a spec file is accepted or refused with the same message, and a new
 * field needs nothing here to be asked.
 *
 * What is the wizard's own: a project named after its folder, a small product proposed for
 * users (the spec insists on being told), and the searchable picker for regions.
 */
import * as Flags from '../cli/flags.js'
import {basename} from 'node:path'

import {defaultText, flagHelp} from '../spec/field-help.js'
import {flagName} from '../spec/resolve.js'
import {SPEC_FIELDS, SPEC_KEYS, fieldMeta, isRequired, type SpecKey} from '../spec/schema.js'

export type QuestionKey = SpecKey

/** Answers as they go into the spec file: the user's forms ("2.5M", "90:10"), lists as arrays. */
export type Answers = Partial<Record<QuestionKey, unknown>>

/** An answer typed at the prompt or given as a flag, checked by the field's schema. */
export type Answer = {ok: true; value: unknown} | {ok: false; message: string}

export interface Question {
  readonly key: QuestionKey
  /** The prompt's text. */
  readonly message: string
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
  /** The default as `--help` describes it. */
  readonly defaultHelp: string
}

/** The wizard proposes a size for `users`, which the spec leaves to the user: a small product. */
export const WIZARD_DEFAULT_USERS = '10k'

/** Where the wizard departs from the spec's declarations. */
const WIZARD_ONLY: Partial<Record<QuestionKey, Partial<Pick<Question, 'kind' | 'defaultText' | 'defaultHelp'>>>> = {
  name: {defaultText: (cwd) => projectNameFrom(cwd), defaultHelp: `the folder's name, else ${defaultText('name')}`},
  users: {defaultText: () => WIZARD_DEFAULT_USERS},
  regions: {kind: 'regions'},
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

export const QUESTIONS: readonly Question[] = SPEC_KEYS.filter((key) => fieldMeta(key).ask !== undefined).map((key) => {
  const meta = fieldMeta(key)
  const own = WIZARD_ONLY[key] ?? {}
  const text = own.defaultText ?? (() => defaultText(key) ?? '')
  return {
    key,
    message: capitalized(meta.title),
    advanced: meta.ask === 'advanced',
    required: isRequired(key),
    kind: own.kind ?? 'input',
    defaultText: text,
    defaultHelp: own.defaultHelp ?? (text('.') || 'none'),
  }
})

/** The spec keys the wizard asks about, in the order a person thinks about them. */
export const QUESTION_KEYS: readonly QuestionKey[] = QUESTIONS.map((q) => q.key)

export function question(key: QuestionKey): Question {
  return QUESTIONS.find((q) => q.key === key)!
}

/** `readWrite` -> `read-write`, the flag's name without dashes in front (as oclif declares it). */
export function questionFlagName(key: QuestionKey): string {
  return flagName(key).slice(2)
}

/**
 * One string flag per question. Values stay strings: `answerFromText` parses them with the same
 * schema field the prompt validates with. `init` reads no SCALEPLAN_* variables: it writes what
 * it was told.
 */
export const questionFlags = Object.fromEntries(
  QUESTIONS.map((q) => [
    questionFlagName(q.key),
    Flags.string({
      description: flagHelp(q.key, {unset: `wizard default: ${q.defaultHelp}`, env: false}),
      helpValue: fieldMeta(q.key).helpValue,
    }),
  ]),
) as Record<string, ReturnType<typeof Flags.string>>

/**
 * Text as typed at the prompt or given as a flag -> the value the spec file keeps, validated by
 * the spec schema's field for that key. The file keeps the user's own form ("2.5M", "90:10") so
 * it reads the way it was answered; lists become YAML lists, and plain numbers YAML numbers.
 */
export function answerFromText(key: QuestionKey, text: string): Answer {
  const trimmed = text.trim()
  // Validate the text as typed, exactly as a flag of any command would be, so messages match.
  const parsed = SPEC_FIELDS[key].safeParse(trimmed)
  if (!parsed.success) return {ok: false, message: parsed.error.issues[0]?.message ?? 'invalid value'}
  if (Array.isArray(parsed.data)) return {ok: true, value: parsed.data}
  const plainNumber = /^\d+(\.\d+)?%?$/.test(trimmed)
  return {ok: true, value: typeof parsed.data === 'number' && plainNumber ? Number(trimmed.replace(/%$/, '')) : trimmed}
}

/** The folder's name, when it makes a valid project name ("My Shop" -> "my-shop"); else the spec default. */
export function projectNameFrom(cwd: string): string {
  const candidate = basename(cwd)
    .toLowerCase()
    .replaceAll(/[^a-z0-9-]+/g, '-')
    .replaceAll(/^[^a-z]+|-+$/g, '')
    .slice(0, 24)
    .replace(/-+$/, '')
  return answerFromText('name', candidate).ok ? candidate : (defaultText('name') ?? '')
}
