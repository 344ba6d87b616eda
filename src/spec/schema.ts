/**
 * The spec: everything a plan needs, declared once.
 *
 * Each field below is the single source of what it is: its form (how it is written and parsed),
 * the words for what it accepts, its default and examples, its title and description, and
 * whether the wizard asks for it. Everything else is derived: the `Spec` type, the flags of the
 * planning commands and their `--help`, the SCALEPLAN_* variables, the wizard's questions and
 * the comments of the file it writes, the JSON Schema for editors, and every error message.
 * Adding a field is one entry here (and its tests); see the README's development section.
 *
 * Validation is pure: reading files and the environment happens in `resolve.ts`.
 */
import * as z from 'zod/mini'

import {
  COUNT,
  FRACTION,
  PERCENT,
  PLAIN_NUMBER,
  SIZE,
  alternatives,
  list,
  matching,
  isRange,
  oneOf,
  quantity,
  rangeMedian,
  rangeable,
  ratio,
  shares,
  show,
  type Form,
  type Range,
} from './forms.js'
import {dataGrowth, userGrowth} from './growth.js'
import {CACHE_ENGINES, HOSTED_ZONE_ID} from '../topology/accepted-values.js'
import {reservedServiceName} from '../topology/services.js'
import {regionCode} from './regions.js'
import {splitThresholds, thresholdOverrides} from './thresholds.js'

/** What a spec field says about itself; read by flags, the wizard, YAML comments and the JSON Schema. */
export interface FieldMeta {
  /** A short name: the wizard's question, and the JSON Schema's title. */
  readonly title: string
  /** What the field means, in a phrase: the spec file's comment, and the start of `--help` and editor hover text. */
  readonly description: string
  /** What the field accepts, completing "expected ...": every error message, `--help` and editor hover text. */
  readonly expected: string
  /** The built-in default, written as a user would write it. A field with none must be given, unless optional. */
  readonly default?: unknown
  /** Values as a user would write them, for editors. */
  readonly examples?: readonly unknown[]
  /** The `--help` placeholder, like N or LIST. */
  readonly helpValue?: string
  /** The unit of the parsed value, as the assumptions table states it. */
  readonly unit?: string
  /** Asked by `scaleplan init`: among the first questions, or behind "advanced settings". */
  readonly ask?: 'basic' | 'advanced'
  /** Set only in a spec file: no flag and no environment variable. */
  readonly fileOnly?: boolean
  /**
   * Where the default comes from: a public source, or text starting "estimate:" when no
   * measurement backs it (the assumptions of every recommendation quote it).
   */
  readonly defaultSource?: string
}

/** A field in its `form`, described by `meta`, defaulting to `meta.default` when it has one. */
function field<Out>(form: Form<Out>, meta: FieldMeta) {
  const schema = form(meta.expected)
  // prefault: the default is written like user input, so it is parsed like user input.
  return (meta.default === undefined ? schema : z.prefault(schema, meta.default)).register(z.globalRegistry, {...meta})
}

/** The fields optionalField() built, for isRequired(). */
const OPTIONAL_FIELDS = new WeakSet<z.ZodMiniType>()

/** A field that may stay unset. */
function optionalField<Out>(form: Form<Out>, meta: FieldMeta) {
  const schema = z.optional(form(meta.expected)).register(z.globalRegistry, {...meta})
  OPTIONAL_FIELDS.add(schema)
  return schema
}

export const MAX_USERS = 10_000_000_000

/**
 * Project and service names. They start AWS resource names, so they follow the strictest rule
 * among those names: RDS and ElastiCache identifiers (a letter first; letters, digits and hyphens;
 * no two hyphens in a row and none at the end), and a length that leaves room for the region and
 * the component in 63 characters.
 */
const NAME = /^(?=.{1,24}$)[a-z](-?[a-z0-9])*$/

/**
 * Prefixes AWS reserves at the start of names a project name begins: S3 bucket names may not start
 * with `sthree-` or `amzn-s3-demo-`, load balancer names may not start with `internal-`.
 */
const RESERVED_NAME_PREFIXES = ['internal', 'sthree', 'amzn-s3-demo'] as const

/** A project name: NAME, and none of the reserved prefixes before a dash. */
const projectName: Form<string> = (expected) =>
  matching(NAME)(expected).check(
    z.superRefine((name: string, ctx) => {
      const reserved = RESERVED_NAME_PREFIXES.find((prefix) => name === prefix || name.startsWith(`${prefix}-`))
      if (reserved) {
        ctx.addIssue({
          code: 'custom',
          input: name,
          message:
            `${show(name)} would start AWS resource names with "${reserved}-", which AWS reserves ` +
            '(S3 buckets: sthree-, amzn-s3-demo-; load balancers: internal-); choose another name',
        })
      }
    }),
  )

/**
 * A host name of the project's own: lower-case DNS labels, at least two. `origin.` is put in
 * front of it for the load balancers' name, so it stays under DNS's 253 characters with room.
 */
const HOST_NAME = /^(?=.{4,240}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/

/** A service name: a name, and none of those scaleplan gives its own resources. */
const serviceName: Form<string> = (expected) =>
  matching(NAME)(expected).check(
    z.superRefine((name: string, ctx) => {
      const reserved = reservedServiceName(name)
      if (reserved !== undefined) ctx.addIssue({code: 'custom', message: reserved})
    }),
  )

/** The fields of a spec file, in the order people think about them; flags and variables by the same names. */
export const SPEC_FIELDS = {
  name: field(projectName, {
    title: 'project name',
    description: 'project name, the prefix of every stack and resource name',
    expected:
      'lower-case letters, digits and single dashes, starting with a letter and not ending with a dash, at most 24 characters',
    default: 'app',
    helpValue: 'NAME',
    ask: 'basic',
  }),
  users: field(rangeable(COUNT, {min: 1, max: MAX_USERS, integer: true}), {
    title: 'daily active users',
    description: 'daily active users',
    expected: 'a whole number from 1 to 10B, like 2500000, 2.5M, 10k or 1_000_000, or a range like 1M..5M',
    examples: ['2.5M', 2_500_000],
    helpValue: 'N',
    unit: 'daily active users',
    ask: 'basic',
  }),
  readWrite: field(ratio, {
    title: 'read/write mix',
    description: 'read/write mix of requests',
    expected: 'reads:writes like 90:10, or reads per write like 9',
    default: '90:10',
    helpValue: 'R:W',
    unit: 'reads:writes',
    ask: 'basic',
  }),
  regions: field(list(regionCode, {noun: 'region', nonEmpty: true}), {
    title: 'AWS regions',
    description: 'AWS regions, the first holding the database primaries',
    expected: 'comma-separated AWS region codes like us-east-1,eu-west-1',
    default: ['us-east-1'],
    helpValue: 'LIST',
    ask: 'basic',
  }),
  regionShares: optionalField(shares(regionCode), {
    title: 'region shares',
    description: 'percent of users per region, adding up to 100 (equal shares when not given)',
    expected: 'region=percent pairs like us-east-1=60,eu-west-1=40',
    examples: [{'us-east-1': 60, 'eu-west-1': 40}],
    helpValue: 'LIST',
  }),
  dataSize: field(rangeable(SIZE, {min: 1e6, max: 1e16}, {numbers: false}), {
    title: 'data size',
    description: 'relational data the database holds (files and media go under object data size)',
    expected: 'a size with a unit from 1MB to 10PB, like 500GB, 2TB or 750GiB, or a range like 200GB..1TB',
    default: '10GB',
    helpValue: 'SIZE',
    unit: 'bytes',
    ask: 'basic',
  }),
  objectDataSize: field(rangeable(SIZE, {min: 0, max: 1e17}, {numbers: false}), {
    title: 'object data size',
    description: 'media, uploads and other files, kept in S3 rather than the database',
    expected: 'a size with a unit up to 100PB, like 0GB, 500GB or 20TB, or a range like 1TB..5TB',
    default: '0GB',
    helpValue: 'SIZE',
    unit: 'bytes',
    ask: 'advanced',
    defaultSource: 'none unless given: data-size is the relational data only',
  }),
  requestsPerUser: field(rangeable(PLAIN_NUMBER, {min: 0, max: 1e6, exclusiveMin: true}), {
    title: 'requests per user per day',
    description:
      'requests per user per day that the application serves (pages and API calls; static files ride on them)',
    expected: 'a number above 0 and at most 1000000, like 50, or a range like 20..80',
    default: 50,
    helpValue: 'N',
    unit: 'requests/user/day',
    ask: 'advanced',
    defaultSource: 'estimate: a few dozen page views and API calls per active user a day',
  }),
  peakFactor: field(rangeable(PLAIN_NUMBER, {min: 1, max: 100}), {
    title: 'peak-to-average traffic ratio',
    description: 'peak-to-average ratio of the request rate',
    expected: 'a number from 1 to 100, like 2, or a range like 1.5..4',
    default: 2,
    helpValue: 'X',
    unit: 'x average',
    ask: 'advanced',
    defaultSource: 'Alex Xu, System Design Interview vol. 1, ch. 2: peak = 2 x average (sources: alex-xu-estimation)',
  }),
  queriesPerRequest: field(rangeable(PLAIN_NUMBER, {min: 0, max: 1000, exclusiveMin: true}), {
    title: 'database queries per request',
    description: 'database queries each request makes (a read request reads, a write request writes)',
    expected: 'a number above 0 and at most 1000, like 1 or 3.5, or a range like 1..4',
    default: 1,
    helpValue: 'N',
    unit: 'queries/request',
    ask: 'advanced',
    defaultSource: 'estimate: one query per request; measure yours (pg_stat_statements calls / requests)',
  }),
  responseSize: field(rangeable(SIZE, {min: 1, max: 1e10}, {numbers: false}), {
    title: 'bytes sent per request',
    description: 'average bytes sent to users per request, the static files it pulls in included',
    expected: 'a size with a unit from 1B to 10GB, like 20KB or 1.5MB, or a range like 10KB..60KB',
    default: '20KB',
    helpValue: 'SIZE',
    unit: 'bytes',
    ask: 'advanced',
    defaultSource: 'estimate: a mix of small API responses and the images, scripts and styles a page loads',
  }),
  staticShare: field(rangeable(FRACTION, {min: 0, max: 1}), {
    title: 'static share of bytes',
    description: 'share of those bytes that are static files a CDN can cache (images, scripts, styles, media)',
    expected: 'a fraction from 0 to 1 or a percentage, like 0.6 or 60%, or a range like 40%..80%',
    default: 0.6,
    helpValue: 'SHARE',
    unit: 'share of bytes',
    ask: 'advanced',
    defaultSource:
      'estimate: static files are 99% of the median page on a first visit (HTTP Archive Web Almanac 2024, ' +
      'sources: page-weight), less once browsers cache them',
  }),
  hotSet: field(rangeable(FRACTION, {min: 0, max: 1, exclusiveMin: true}), {
    title: 'hot set',
    description: 'share of the data that most reads touch: the working set a cache must hold (the 20 of 80/20)',
    expected: 'a fraction above 0 and at most 1, or a percentage, like 0.2 or 20%, or a range like 10%..30%',
    default: 0.2,
    helpValue: 'SHARE',
    unit: 'share of data',
    ask: 'advanced',
    defaultSource: 'the Pareto 80/20 rule: 20% of the data draws 80% of the reads (cacheHitRatio is the 80)',
  }),
  headroom: field(rangeable(FRACTION, {min: 0, max: 1, exclusiveMin: true}), {
    title: 'target utilisation',
    description:
      'share of measured capacity each node is planned to carry (app servers, tasks, caches, databases); the rest absorbs spikes',
    expected: 'a fraction above 0 and at most 1, or a percentage, like 0.6 or 60%, or a range like 50%..70%',
    default: 0.6,
    helpValue: 'SHARE',
    unit: 'share of capacity',
    ask: 'advanced',
    defaultSource:
      'estimate: queueing delay grows as 1/(1 - utilisation), so a node at 60% waits 2.5x its service time, at 90% 10x',
  }),
  availability: field(quantity(PERCENT, {min: 90, max: 99.999}), {
    title: 'availability target (%)',
    description: 'availability target in percent (from 99.9, every tier is redundant across zones)',
    expected: 'a percentage from 90 to 99.999, like 99.9',
    default: 99.5,
    helpValue: 'PCT',
    unit: '%',
    ask: 'advanced',
    defaultSource: 'the AWS Compute SLA for one EC2 instance: 99.5% (sources: aws-compute-sla)',
  }),
  services: field(list(serviceName, {noun: 'service'}), {
    title: 'services to split out at stage 7',
    description: 'independently scaled services, split out at stage 7',
    expected:
      'comma-separated service names like search,payment,profile (lower-case letters, digits and single dashes, ' +
      'starting with a letter, at most 24 characters)',
    default: [],
    examples: [['search', 'payment']],
    helpValue: 'LIST',
    ask: 'advanced',
  }),
  cacheEngine: field(oneOf(CACHE_ENGINES), {
    title: 'cache engine',
    description: 'cache engine',
    expected: alternatives(CACHE_ENGINES),
    default: 'valkey',
    helpValue: 'ENGINE',
  }),
  domain: optionalField(matching(HOST_NAME), {
    title: 'domain',
    description:
      'the host name users reach the project at, in a Route 53 hosted zone (--hosted-zone-id): ' +
      'scaleplan requests and validates its certificates and routes it to the nearest region',
    expected: 'a lower-case host name like shop.example.com',
    examples: ['shop.example.com'],
    helpValue: 'HOST',
  }),
  hostedZoneId: optionalField(matching(HOSTED_ZONE_ID), {
    title: 'hosted zone id',
    description: 'the Route 53 public hosted zone that holds --domain',
    expected: 'a Route 53 hosted zone id like Z0123456789ABCDEFGHIJ',
    examples: ['Z0123456789ABCDEFGHIJ'],
    helpValue: 'ZONE',
  }),
  growth: optionalField(userGrowth, {
    title: 'user growth',
    description: 'how fast daily active users grow, for the month-by-month timeline',
    expected: 'a rate per month or year like 8%/month, 40%/year or 2x/year',
    examples: ['8%/month', '2x/year'],
    helpValue: 'RATE',
  }),
  dataGrowth: optionalField(dataGrowth, {
    title: 'data growth',
    description: 'how fast the data size grows, for the month-by-month timeline',
    expected: 'a size or a rate per month or year like 50GB/month, 1TB/year or 5%/month',
    examples: ['50GB/month', '5%/month'],
    helpValue: 'RATE',
  }),
  horizon: optionalField(quantity(PLAIN_NUMBER, {min: 1, max: 120, integer: true}), {
    title: 'timeline horizon (months)',
    description: 'months the timeline covers when growth is given (24 when not given)',
    expected: 'a whole number of months from 1 to 120, like 24',
    examples: [24],
    helpValue: 'MONTHS',
    unit: 'months',
  }),
  // Unset, not defaulted to {} in zod: parsing {} would build the schema of every threshold,
  // which a spec that overrides none never needs (SpecSchema reads unset as no overrides).
  thresholds: optionalField(thresholdOverrides, {
    title: 'thresholds',
    description: 'overrides of the planning thresholds (README, "Thresholds")',
    expected: 'a mapping of threshold names to numbers',
    default: {},
    fileOnly: true,
  }),
}

export type SpecKey = keyof typeof SPEC_FIELDS

/** Every spec key, in declaration order. */
export const SPEC_KEYS = Object.keys(SPEC_FIELDS) as SpecKey[]

/** What a field says about itself. */
export function fieldMeta(key: SpecKey): FieldMeta {
  // Every field is built by field() or optionalField(), which register a FieldMeta.
  return z.globalRegistry.get(SPEC_FIELDS[key]) as unknown as FieldMeta
}

/**
 * True when the spec cannot do without the field: no default and not optional (only `users`).
 * Read from how the field was declared rather than by parsing `undefined`: every planning command
 * asks this of every field while it builds its flags, and a field's first parse is its slowest.
 */
export function isRequired(key: SpecKey): boolean {
  return !OPTIONAL_FIELDS.has(SPEC_FIELDS[key]) && fieldMeta(key).default === undefined
}

/** The fields a spec file may hold: the spec's, and `$schema` for editors. */
export const SpecFileSchema = z.strictObject({
  $schema: z.optional(z.string()).register(z.globalRegistry, {
    description: 'JSON Schema reference for editors; ignored by scaleplan',
  }),
  ...SPEC_FIELDS,
})

/** Cross-field rule: shares name exactly the listed regions and add up to 100. */
function checkRegionShares(regions: readonly string[], shares: Readonly<Record<string, number>> | undefined): string[] {
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

/** Cross-field rule: a domain and its hosted zone come together. */
function checkDomain(domain: string | undefined, hostedZoneId: string | undefined): {path: string; message: string}[] {
  if (domain !== undefined && hostedZoneId === undefined)
    return [
      {path: 'hostedZoneId', message: `is needed with a domain (${domain}): the Route 53 hosted zone that holds it`},
    ]
  if (domain === undefined && hostedZoneId !== undefined)
    return [
      {path: 'domain', message: `is needed with a hosted zone id (${hostedZoneId}): the host name to serve from it`},
    ]
  return []
}

/**
 * A spec file's fields -> a Spec: cross-field rules checked, region shares as fractions of users
 * in region order (equal when not given), and the editor's `$schema` reference dropped.
 */
export const SpecSchema = z.pipe(
  SpecFileSchema.check(
    z.superRefine(
      (fields: z.output<typeof SpecFileSchema>, ctx) => {
        for (const problem of checkRegionShares(fields.regions, fields.regionShares)) {
          ctx.addIssue({code: 'custom', path: ['regionShares'], message: problem})
        }
        for (const {path, message} of checkDomain(fields.domain, fields.hostedZoneId)) {
          ctx.addIssue({code: 'custom', path: [path], message})
        }
      },
      // Checked even when other fields failed (every problem at once), as long as the fields it needs parsed.
      {
        when: ({issues}) =>
          !issues.some((issue) =>
            ['regions', 'regionShares', 'domain', 'hostedZoneId'].includes(String(issue.path?.[0])),
          ),
      },
    ),
  ),
  z.transform(({$schema: _, regionShares, thresholds: inputs, ...given}: z.output<typeof SpecFileSchema>) => {
    const {points: fields, ranges} = splitRanges(given)
    const {thresholds, measured, ranges: thresholdRanges} = splitThresholds(inputs ?? {})
    for (const [name, range] of Object.entries(thresholdRanges)) ranges[`thresholds.${name}`] = range
    return {
      ...fields,
      /** Share of users per region, 0..1, in the order of `regions`, adding up to 1. */
      regionShares: fields.regions.map((region) =>
        regionShares ? regionShares[region]! / 100 : 1 / fields.regions.length,
      ),
      /** Overrides as numbers, measured ones included. */
      thresholds,
      /** Where the thresholds `scaleplan calibrate` measured came from; absent when none was. */
      ...(Object.keys(measured).length > 0 ? {measured} : {}),
      /**
       * The inputs given as ranges, by field name (`thresholds.<name>` for a threshold); absent when
       * every input is a point. Each field above holds its range's median.
       */
      ...(Object.keys(ranges).length > 0 ? {ranges: ranges as Readonly<Record<string, Range>>} : {}),
    }
  }),
)

type Points<T> = {[K in keyof T]: Exclude<T[K], Range>}

/** Fields given as ranges, set apart; each keeps its range's median in its place. */
function splitRanges<T extends Record<string, unknown>>(fields: T): {points: Points<T>; ranges: Record<string, Range>} {
  const points: Record<string, unknown> = {}
  const ranges: Record<string, Range> = {}
  for (const [key, value] of Object.entries(fields)) {
    if (isRange(value)) ranges[key] = value
    points[key] = isRange(value) ? rangeMedian(value) : value
  }

  return {points: points as Points<T>, ranges}
}

/**
 * A validated spec, every value in plain units: `users` a count, `dataSize` in bytes,
 * `availability` in percent, `readWrite` as reads and writes, `regions` with the primary first.
 */
export type Spec = Readonly<z.output<typeof SpecSchema>>
