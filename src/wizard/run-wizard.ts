/**
 * Asks the wizard's questions. An answer comes from its flag, then (with `--yes`, or off a
 * terminal for questions the spec has a default for) from the default, and only then from a
 * prompt: @inquirer/prompts loads on the first prompt, so `init --yes` and `init` off a terminal
 * never load it.
 */
import {loadPrompts} from '../cli/load-prompts.js'
import {pickRegions} from './region-picker.js'

import {
  QUESTIONS,
  QUESTION_KEYS,
  answerFromText,
  question,
  questionFlagName,
  type Answers,
  type Question,
  type QuestionKey,
} from './questions.js'

/** True for the error inquirer throws when the user presses Ctrl-C (or the terminal closes) at a prompt. */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError'
}

export interface GivenAnswers {
  /** Answers taken from flags, parsed and validated. */
  readonly given: Partial<Answers>
  /** One line per bad flag: `--users: expected ..., got "lots"`. */
  readonly problems: string[]
}

/** Flag values (by flag name) -> answers, validated with the same field the prompt uses. */
export function answersFromFlags(flags: Readonly<Record<string, unknown>>): GivenAnswers {
  const given: Partial<Answers> = {}
  const problems: string[] = []
  for (const key of QUESTION_KEYS) {
    const text = flags[questionFlagName(key)]
    if (typeof text !== 'string') continue
    const answer = answerFromText(key, text)
    if (answer.ok) given[key] = answer.value
    else problems.push(`--${questionFlagName(key)}: ${answer.message}`)
  }

  return {given, problems}
}

/** Questions that have no spec default and no flag (a flag given with a bad value is reported as bad, not missing). */
export function missingRequired(flags: Readonly<Record<string, unknown>>): Question[] {
  return QUESTIONS.filter((q) => q.required && flags[questionFlagName(q.key)] === undefined)
}

export interface WizardOptions {
  readonly given: Partial<Answers>
  /** `prompt`: ask for what the flags left open; `defaults`: take the defaults instead (`--yes`, off a terminal). */
  readonly mode: 'prompt' | 'defaults'
  /** Names the project after its folder. */
  readonly cwd: string
}

/** Every answer, in question order. Throws inquirer's ExitPromptError on Ctrl-C (see `isPromptExit`). */
export async function runWizard({given, mode, cwd}: WizardOptions): Promise<Answers> {
  const answers: Partial<Answers> = {...given}
  const defaultAnswer = (key: QuestionKey) => {
    const answer = answerFromText(key, question(key).defaultText(cwd))
    // Defaults are declared next to their validator; a default that fails it is a bug here.
    if (!answer.ok) throw new Error(`wizard default for ${key} is invalid: ${answer.message}`)
    return answer.value
  }

  const open = QUESTIONS.filter((q) => !(q.key in answers))
  let advanced = false
  if (mode === 'prompt' && open.some((q) => q.advanced)) {
    // eslint-disable-next-line no-await-in-loop -- one question after another
    for (const q of open.filter((q) => !q.advanced)) answers[q.key] = await ask(q, cwd)
    const {confirm} = await loadPrompts()
    // Named by their spec keys: short, and what the file will hold.
    const topics = open.filter((q) => q.advanced).map((q) => q.key)
    advanced = await confirm({message: `Adjust advanced settings (${topics.join(', ')})?`, default: false})
  }

  for (const q of open) {
    if (q.key in answers) continue
    // eslint-disable-next-line no-await-in-loop -- one question after another
    answers[q.key] = mode === 'prompt' && (!q.advanced || advanced) ? await ask(q, cwd) : defaultAnswer(q.key)
  }

  // Question order, so the file, --json and tests read the same way whatever came from flags.
  return Object.fromEntries(QUESTION_KEYS.map((key) => [key, answers[key]])) as Answers
}

async function ask(q: Question, cwd: string): Promise<unknown> {
  const {input, search} = await loadPrompts()
  const text = q.defaultText(cwd)
  if (q.kind === 'regions') return pickRegions(search, q.message, text.split(','))
  const typed = await input({
    message: q.message,
    default: text,
    validate: (value) => {
      const answer = answerFromText(q.key, value)
      return answer.ok || answer.message
    },
  })
  const answer = answerFromText(q.key, typed)
  return answer.ok ? answer.value : undefined
}

/** A yes/no prompt for the command's own questions (overwrite, continue to synth). */
export async function askConfirm(message: string, defaultValue: boolean): Promise<boolean> {
  const {confirm} = await loadPrompts()
  return confirm({message, default: defaultValue})
}

/** A free-text prompt; empty input returns "". */
export async function askText(message: string, validate?: (value: string) => true | string): Promise<string> {
  const {input} = await loadPrompts()
  return (await input({message, ...(validate ? {validate} : {})})).trim()
}
