/**
 * How a spec field is described to people, derived from its declaration in `schema.ts`: the
 * planning commands' flags, the wizard's flags and questions, the comments of the spec file the
 * wizard writes and the JSON Schema all read these, so none describes a field in words of its own.
 */
import {envName} from './resolve.js'
import {fieldMeta, isRequired, type SpecKey} from './schema.js'

/** A default as a user would type it at a prompt or in a flag: lists comma-separated. */
export function defaultText(key: SpecKey): string | undefined {
  const value = fieldMeta(key).default
  if (value === undefined) return undefined
  return Array.isArray(value) ? value.join(',') : String(value)
}

/** What the field is and what it accepts: "daily active users: a whole number from 1 to 10B, ...". */
export function fieldHelp(key: SpecKey): string {
  const {description, expected} = fieldMeta(key)
  return `${description}: ${expected}`
}

/**
 * The `--help` text of a field's flag: what it is, what it accepts, what happens when it is not
 * given (`unset` replaces the spec's default, for a command whose defaults differ) and, unless
 * `env` is false, its environment variable.
 */
export function flagHelp(key: SpecKey, {unset, env = true}: {unset?: string; env?: boolean} = {}): string {
  const notes = [unset ?? whenUnset(key), env ? `env: ${envName(key)}` : undefined].filter((note) => note !== undefined)
  // In front and in brackets, as oclif shows the default and variable of a flag that declares them.
  return notes.length === 0 ? fieldHelp(key) : `[${notes.join(', ')}] ${fieldHelp(key)}`
}

function whenUnset(key: SpecKey): string | undefined {
  if (isRequired(key)) return 'required, unless the spec file has it'
  const text = defaultText(key)
  return text === undefined ? undefined : `default: ${text === '' ? 'none' : text}`
}
