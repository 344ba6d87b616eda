/**
 * Merges the spec's sources (defaults < spec file < environment < flags) and validates the
 * result, reporting every problem at once under the name the user typed it as.
 *
 * The environment is read here rather than through oclif's `env:` on each flag: oclif hands a
 * command the value without saying where it came from, and a bad SCALEPLAN_USERS must be
 * reported as SCALEPLAN_USERS, not as a --users the user never typed.
 *
 * Pure: the caller reads the file and hands in the environment.
 */
import {closest} from './regions.js'
import {SPEC_KEYS, SpecSchema, fieldMeta, isRequired, type Spec, type SpecKey} from './schema.js'

/** Spec keys that flags and environment variables can also set. */
export const FLAG_KEYS: readonly SpecKey[] = SPEC_KEYS.filter((key) => !fieldMeta(key).fileOnly)

/** Keys a spec file may hold beyond the spec's own: the editor's schema reference. */
const EDITOR_KEYS = ['$schema']

/** `readWrite` -> `--read-write`. */
export function flagName(key: SpecKey): string {
  return `--${key.replaceAll(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
}

/** `readWrite` -> `SCALEPLAN_READ_WRITE`. */
export function envName(key: SpecKey): string {
  return `SCALEPLAN_${key.replaceAll(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`
}

export interface SpecFile {
  /** As the user named it, for messages. */
  readonly path: string
  readonly fields: Readonly<Record<string, unknown>>
}

export interface SpecSources {
  readonly file?: SpecFile
  readonly env: Readonly<Record<string, string | undefined>>
  /** Flag values by spec key; undefined means the flag was not given. */
  readonly flags: Readonly<Partial<Record<SpecKey, unknown>>>
}

export type SpecResult = {ok: true; spec: Spec} | {ok: false; problems: string[]}

type Origin = 'file' | 'env' | 'flag'

export function resolveSpec(sources: SpecSources): SpecResult {
  const merged: Record<string, unknown> = {}
  const origins: Record<string, Origin> = {}
  const problems: string[] = []

  const set = (key: string, value: unknown, origin: Origin) => {
    if (value === undefined) return
    merged[key] = value
    origins[key] = origin
  }

  if (sources.file) {
    const known = new Set<string>([...EDITOR_KEYS, ...SPEC_KEYS])
    for (const [key, value] of Object.entries(sources.file.fields)) {
      if (known.has(key)) {
        set(key, value, 'file')
        continue
      }

      const suggestion = closest(key, [...known])
      problems.push(
        `${sources.file.path}: unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; ` +
          `accepted keys: ${SPEC_KEYS.join(', ')}`,
      )
    }
  }

  for (const key of FLAG_KEYS) {
    const value = sources.env[envName(key)]
    set(key, value === '' ? undefined : value, 'env')
  }

  for (const key of FLAG_KEYS) set(key, sources.flags[key], 'flag')

  /** The field as the user gave it, then any key inside it: `plan.yaml: thresholds: appServerRps`. */
  const label = (path: readonly PropertyKey[]): string => {
    const key = String(path[0] ?? '') as SpecKey
    const inner = path.slice(1).filter((segment) => typeof segment === 'string')
    const origin = origins[key]
    const field = origin === 'env' ? envName(key) : origin === 'file' ? `${sources.file!.path}: ${key}` : flagName(key)
    return [field, ...inner].join(': ')
  }

  const missing = SPEC_KEYS.filter((key) => merged[key] === undefined && isRequired(key))
  for (const key of missing) {
    const {description, examples} = fieldMeta(key)
    problems.push(
      `${flagName(key)}: required; give ${description} with ${flagName(key)} (like ${String(examples?.[0])}), ` +
        `${envName(key)} or "${key}:" in a spec file (scaleplan.yaml here, which \`scaleplan init\` writes)`,
    )
  }

  const parsed = SpecSchema.safeParse(merged)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (missing.includes(issue.path[0] as SpecKey)) continue
      problems.push(`${label(issue.path)}: ${issue.message}`)
    }
  }

  if (problems.length > 0 || !parsed.success) return {ok: false, problems}
  return {ok: true, spec: parsed.data}
}
