import type {NumberText} from '../spec/forms.js'

/** `text` read as one of the spec's number forms ("256MB", "100k"), or null when it is not one. */
export function readNumber(form: NumberText, text: string): number | null {
  const trimmed = text.trim()
  return new RegExp(`^(${form.pattern})$`).test(trimmed) ? form.read(trimmed) : null
}
