/**
 * Merges the spec's sources (defaults < spec file < environment < flags) and validates the
 * result, reporting every problem at once under the name the user typed it as.
 *
 * Pure: the caller reads the file and hands in the environment.
 */
import {closest} from './regions.js'
import {SPEC_DEFAULTS, SpecFieldsSchema, toSpec, type Spec} from './schema.js'

/** Spec-file keys that flags and environment variables can also set. */
export const SPEC_KEYS = [
  'name',
  'users',
  'readWrite',
  'regions',
  'regionShares',
  'dataSize',
  'requestsPerUser',
  'peakFactor',
  'availability',
  'services',
  'cacheEngine',
] as const

export type SpecKey = (typeof SPEC_KEYS)[number]

const FILE_ONLY_KEYS = ['$schema', 'thresholds'] as const

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

type Origin = 'default' | 'file' | 'env' | 'flag'

export function resolveSpec(sources: SpecSources): SpecResult {
  const merged: Record<string, unknown> = {...SPEC_DEFAULTS}
  const origins: Record<string, Origin> = Object.fromEntries(Object.keys(SPEC_DEFAULTS).map((key) => [key, 'default']))
  const problems: string[] = []

  const set = (key: string, value: unknown, origin: Origin) => {
    if (value === undefined) return
    merged[key] = value
    origins[key] = origin
  }

  if (sources.file) {
    const known = new Set<string>([...SPEC_KEYS, ...FILE_ONLY_KEYS])
    for (const [key, value] of Object.entries(sources.file.fields)) {
      if (known.has(key)) {
        set(key, value, 'file')
        continue
      }

      const suggestion = closest(key, [...known])
      problems.push(
        `${sources.file.path}: unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; ` +
          `accepted keys: ${SPEC_KEYS.join(', ')}, thresholds`,
      )
    }
  }

  for (const key of SPEC_KEYS) {
    const value = sources.env[envName(key)]
    set(key, value === '' ? undefined : value, 'env')
  }

  for (const key of SPEC_KEYS) set(key, sources.flags[key], 'flag')

  const label = (key: string): string => {
    switch (origins[key]) {
      case 'flag':
        return flagName(key as SpecKey)
      case 'env':
        return envName(key as SpecKey)
      case 'file':
        return `${sources.file!.path}: ${key}`
      default:
        return (SPEC_KEYS as readonly string[]).includes(key) ? flagName(key as SpecKey) : key
    }
  }

  if (merged.users === undefined) {
    problems.push(
      `--users: required; give daily active users with --users (like 2.5M), ${envName('users')} or "users:" in a spec file`,
    )
    delete merged.users
  }

  const parsed = SpecFieldsSchema.safeParse(merged)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '')
      if (key === 'users' && merged.users === undefined) continue
      problems.push(`${label(key)}: ${issue.message}`)
    }
  }

  if (problems.length > 0 || !parsed.success) return {ok: false, problems}
  return {ok: true, spec: toSpec(parsed.data)}
}
