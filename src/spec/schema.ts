/**
 * The spec: everything a plan needs, as one zod schema.
 *
 * Inputs arrive in human forms ("2.5M", "90:10", "500GB") from flags, environment variables or a
 * spec file; the schema parses each field into plain numbers. Spec-file keys are the camelCase of
 * the flags. Validation is pure: reading files and the environment happens in `resolve.ts`.
 */
import {z} from 'zod'

import {THRESHOLD_NAMES, THRESHOLDS, type ThresholdName} from './thresholds.js'
import {closest, isRegion, suggestRegion} from './regions.js'
import {
  parseCount,
  parseDataSize,
  parseList,
  parseNumber,
  parseReadWrite,
  parseShares,
  show,
  type Parsed,
  type ReadWriteRatio,
} from './units.js'

/** Built-in defaults, in the same human form a spec file uses. `users` has none: it must be said. */
export const SPEC_DEFAULTS = {
  name: 'app',
  readWrite: '90:10',
  regions: ['us-east-1'],
  dataSize: '10GB',
  requestsPerUser: 50,
  peakFactor: 2,
  availability: 99.5,
  services: [] as string[],
  cacheEngine: 'valkey',
} as const

export const MAX_USERS = 10_000_000_000

/** A field that accepts a human form and parses it, reporting "expected ..., got ..." on failure. */
function field<T>(parse: (input: unknown) => Parsed<T>) {
  return z.unknown().transform((input, ctx): T => {
    const result = parse(input)
    if (result.ok) return result.value
    ctx.addIssue({code: 'custom', message: result.message})
    return z.NEVER
  })
}

/** Parses with `parse`, then requires `accept`; either failure reports `expected` and the input as received. */
function within(
  parse: (input: unknown) => Parsed<number>,
  expected: string,
  accept: (n: number) => boolean,
): (input: unknown) => Parsed<number> {
  return (input) => {
    const result = parse(input)
    return result.ok && accept(result.value) ? result : {ok: false, message: `expected ${expected}, got ${show(input)}`}
  }
}

const number = (input: unknown) => parseNumber(input, '')

const NAME_PATTERN = /^[a-z][a-z0-9-]{0,23}$/
const NAME_EXPECTED =
  'lower-case letters, digits and dashes, starting with a letter, at most 24 characters (it prefixes resource names)'
const SERVICE_PATTERN = /^[a-z][a-z0-9-]{0,23}$/

const parseUsers = within(
  (input) => parseCount(input),
  `daily active users as a whole number from 1 to 10B, like 2500000, 2.5M, 10k or 1_000_000`,
  (n) => n >= 1 && n <= MAX_USERS,
)

function parseRegions(input: unknown): Parsed<string[]> {
  const list = parseList(input, 'comma-separated AWS region codes like us-east-1,eu-west-1')
  if (!list.ok) return list
  if (list.value.length === 0)
    return {ok: false, message: 'expected at least one AWS region code like us-east-1, got an empty list'}
  const unknown = list.value.filter((code) => !isRegion(code))
  if (unknown.length > 0) {
    const code = unknown[0]!
    const suggestion = suggestRegion(code)
    return {
      ok: false,
      message: `unknown AWS region ${show(code)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; expected region codes like us-east-1,eu-west-1`,
    }
  }

  const duplicate = list.value.find((code, i) => list.value.indexOf(code) !== i)
  if (duplicate) return {ok: false, message: `region "${duplicate}" is listed twice; list each region once`}
  return list
}

function parseServices(input: unknown): Parsed<string[]> {
  const expected = 'comma-separated service names like search,payment,profile (lower-case letters, digits, dashes)'
  const list = parseList(input, expected)
  if (!list.ok) return list
  const bad = list.value.find((name) => !SERVICE_PATTERN.test(name))
  if (bad !== undefined) return {ok: false, message: `expected ${expected}, got ${show(bad)}`}
  const duplicate = list.value.find((name, i) => list.value.indexOf(name) !== i)
  if (duplicate) return {ok: false, message: `service "${duplicate}" is listed twice; name each service once`}
  return list
}

function parseThresholds(input: unknown): Parsed<Partial<Record<ThresholdName, number>>> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return {ok: false, message: `expected a mapping of threshold names to numbers, got ${show(input)}`}
  }

  const result: Partial<Record<ThresholdName, number>> = {}
  for (const [key, value] of Object.entries(input)) {
    const definition = (THRESHOLDS as Record<string, (typeof THRESHOLDS)[ThresholdName]>)[key]
    if (!definition) {
      const suggestion = closest(key, THRESHOLD_NAMES)
      return {
        ok: false,
        message: `unknown threshold ${show(key)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known: ${THRESHOLD_NAMES.join(', ')}`,
      }
    }

    const low =
      'exclusiveMin' in definition && definition.exclusiveMin ? `more than ${definition.min}` : `${definition.min}`
    const expected = `${key} as a number from ${low} to ${definition.max} (${definition.unit})`
    const parsed = parseNumber(value, expected)
    const n = parsed.ok ? parsed.value : Number.NaN
    const aboveMin = 'exclusiveMin' in definition && definition.exclusiveMin ? n > definition.min : n >= definition.min
    if (!parsed.ok || !aboveMin || n > definition.max) {
      return {
        ok: false,
        message: `${key}: expected a number from ${low} to ${definition.max} (${definition.unit}), got ${show(value)}`,
      }
    }

    result[key as ThresholdName] = n
  }

  return {ok: true, value: result}
}

function parseName(input: unknown): Parsed<string> {
  return typeof input === 'string' && NAME_PATTERN.test(input)
    ? {ok: true, value: input}
    : {ok: false, message: `expected ${NAME_EXPECTED}, got ${show(input)}`}
}

/** The fields of a spec file (and of flags and environment variables, by the same names). */
export const SpecFieldsSchema = z
  .object({
    /** Editors' JSON Schema reference; carries no meaning for the plan. */
    $schema: z.string().optional(),
    name: field(parseName),
    users: field(parseUsers),
    readWrite: field(parseReadWrite),
    regions: field(parseRegions),
    regionShares: field((input) =>
      parseShares(input, 'region=percent pairs like us-east-1=60,eu-west-1=40'),
    ).optional(),
    dataSize: field(
      within(
        parseDataSize,
        'a size with a unit from 1MB to 10PB, like 500GB, 2TB or 750GiB',
        (n) => n >= 1e6 && n <= 1e16,
      ),
    ),
    requestsPerUser: field(
      within(
        number,
        'requests per user per day, a number above 0 and at most 1000000, like 50',
        (n) => n > 0 && n <= 1e6,
      ),
    ),
    peakFactor: field(
      within(number, 'the peak-to-average ratio, a number from 1 to 100, like 2', (n) => n >= 1 && n <= 100),
    ),
    availability: field(
      within(
        (input) => parseNumber(input, '', {percent: true}),
        'an availability target in percent from 90 to 99.999, like 99.9',
        (n) => n >= 90 && n <= 99.999,
      ),
    ),
    services: field(parseServices),
    cacheEngine: field((input): Parsed<'valkey' | 'redis'> =>
      input === 'valkey' || input === 'redis'
        ? {ok: true, value: input}
        : {ok: false, message: `expected "valkey" or "redis", got ${show(input)}`},
    ),
    thresholds: field(parseThresholds).optional(),
  })
  .strict()
  .superRefine((fields, ctx) => {
    for (const problem of checkRegionShares(fields.regions, fields.regionShares)) {
      ctx.addIssue({code: 'custom', path: ['regionShares'], message: problem})
    }
  })

/** Cross-field rule: shares name exactly the listed regions and add up to 100. */
function checkRegionShares(regions: string[], shares: Record<string, number> | undefined): string[] {
  if (!shares) return []
  const problems: string[] = []
  const stray = Object.keys(shares).filter((region) => !regions.includes(region))
  if (stray.length > 0)
    problems.push(`names ${stray.map((r) => `"${r}"`).join(', ')}, which is not in regions (${regions.join(',')})`)
  const missing = regions.filter((region) => !(region in shares))
  if (missing.length > 0)
    problems.push(`has no share for ${missing.map((r) => `"${r}"`).join(', ')}; give every region a share`)
  const total = Object.values(shares).reduce((sum, share) => sum + share, 0)
  if (problems.length === 0 && Math.abs(total - 100) > 0.01) {
    problems.push(`shares add up to ${total}, expected 100 (percent of users per region)`)
  }

  return problems
}

export type SpecFields = z.output<typeof SpecFieldsSchema>

/** A validated spec with every value in plain units. */
export interface Spec {
  readonly name: string
  readonly users: number
  readonly readWrite: ReadWriteRatio
  /** Region codes; the first holds the database primaries. */
  readonly regions: readonly string[]
  /** Share of users per region, 0..1, same order as `regions`, adding up to 1. */
  readonly regionShares: readonly number[]
  readonly dataBytes: number
  readonly requestsPerUser: number
  readonly peakFactor: number
  readonly availabilityPercent: number
  readonly services: readonly string[]
  readonly cacheEngine: 'valkey' | 'redis'
  readonly thresholds: Partial<Record<ThresholdName, number>>
}

export function toSpec(fields: SpecFields): Spec {
  const shares = fields.regionShares
  return {
    name: fields.name,
    users: fields.users,
    readWrite: fields.readWrite,
    regions: fields.regions,
    regionShares: fields.regions.map((region) => (shares ? shares[region]! / 100 : 1 / fields.regions.length)),
    dataBytes: fields.dataSize,
    requestsPerUser: fields.requestsPerUser,
    peakFactor: fields.peakFactor,
    availabilityPercent: fields.availability,
    services: fields.services,
    cacheEngine: fields.cacheEngine,
    thresholds: fields.thresholds ?? {},
  }
}
