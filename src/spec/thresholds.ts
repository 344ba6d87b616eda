/**
 * Every number the stage rules compare against, with its default, unit, source and the range an
 * override may take.
 *
 * A spec can override any of them under `thresholds:`, so the table lives with the spec: the spec
 * validates overrides with zod built from it, and capacity/ reads it from here (spec/ comes first
 * in the pipeline and imports nothing from capacity/). Sources name their section of
 * docs/sources.md (`sources: postgresbench`), which gives the public address; a default marked
 * `estimate` has no measurement behind it and says how it was chosen.
 */
import {z} from 'zod'

import {closest} from './regions.js'
import {PLAIN_NUMBER, isRange, rangeMedian, rangeable, show, type Form, type Range} from './forms.js'
import {MeasuredProvenanceSchema, type MeasuredProvenance} from './measured.js'

export interface ThresholdDefinition {
  readonly default: number
  readonly unit: string
  readonly description: string
  readonly source: string
  /** True when no measurement backs the default: an informed guess the user should tune. */
  readonly estimate: boolean
  /** Accepted range for overrides (inclusive minimum unless `exclusiveMin`). */
  readonly min: number
  readonly max: number
  readonly exclusiveMin?: boolean
}

export const THRESHOLDS = {
  singleServerRps: {
    default: 100,
    unit: 'req/s',
    description: 'peak requests/s one machine serves while also running the database',
    source:
      'estimate: 40% of appServerRps, because the co-located database takes the other share of 2 vCPUs ' +
      '(sources: app-server-throughput measured 500-1,000 req/s for trivial queries with the DB on the same box)',
    estimate: true,
    min: 1,
    max: 1e6,
  },
  singleServerDataGB: {
    default: 100,
    unit: 'GB',
    description: 'data one machine keeps next to the application before the database needs its own server',
    source:
      'estimate: beyond ~100 GB, backups, restores and the buffer cache compete with the application ' +
      'for one instance; AWS splits the DB out early ("> 10 users", sources: aws-first-10m-users)',
    estimate: true,
    min: 1,
    max: 1e6,
  },
  appServerRps: {
    default: 250,
    unit: 'req/s',
    description: 'peak requests/s one 2-vCPU app server (m7g.large) serves',
    source:
      'estimate (sources: app-server-throughput): BinaryIgor measured 500-1,000 req/s on 2 vCPU with trivial queries; ' +
      'discounted for real ORM and templating work (a Rails app measured ~20 req/s)',
    estimate: true,
    min: 1,
    max: 1e6,
  },
  redundancyAvailabilityPercent: {
    default: 99.9,
    unit: '%',
    description: 'availability target from which every tier is redundant across zones',
    source:
      'AWS Compute SLA: a single EC2 instance is covered at 99.5% monthly uptime, so 99.9% needs ' +
      'two or more instances in separate zones; AWS adds a second AZ and Multi-AZ RDS at "> 1,000 users" (sources: aws-compute-sla, aws-first-10m-users)',
    estimate: false,
    min: 90,
    max: 100,
  },
  cdnUsers: {
    default: 100_000,
    unit: 'users',
    description: 'daily users from which a CDN pays off for a single region',
    source:
      'AWS "Scaling up to your first 10 million users": S3 + CloudFront at 10,000s-100,000s of users (sources: aws-first-10m-users)',
    estimate: false,
    min: 1,
    max: 1e10,
  },
  dbNodeReadRps: {
    default: 3_700,
    unit: 'reads/s',
    description: 'reads/s one database node (db.r7g.xlarge, 4 vCPU) serves, one query per read request',
    source:
      'PostgresBench on RDS PostgreSQL db.m5.xlarge (4 vCPU): 3,690-3,897 pgbench TPS ' +
      '(sources: postgresbench; rds_4cpu_16gb_6849.json)',
    estimate: false,
    min: 1,
    max: 1e7,
  },
  dbPrimaryWriteRps: {
    default: 2_000,
    unit: 'writes/s',
    description: 'write requests/s one primary sustains before the data must be sharded',
    source:
      'estimate: about half the 4-vCPU pgbench rate (3.7k TPS, sources: postgresbench), since an application write ' +
      'usually touches several rows and indexes; system-design-primer calls 400 writes/s "tough" (very conservative)',
    estimate: true,
    min: 1,
    max: 1e7,
  },
  storagePerShardGB: {
    default: 4_000,
    unit: 'GB',
    description: 'data one shard (primary and its replicas) holds',
    source:
      'estimate: well under the 64 TiB RDS hard limit (sources: rds-storage) so that a snapshot restore or a ' +
      'major-version upgrade of one shard stays within hours',
    estimate: true,
    min: 1,
    max: 70_000,
  },
  maxReadReplicas: {
    default: 15,
    unit: 'replicas',
    description: 'read replicas one RDS PostgreSQL primary can have, cross-region ones included',
    source:
      'AWS CreateDBInstanceReadReplica reference: "Each DB instance can have up to 15 read replicas" (sources: rds-read-replicas)',
    estimate: false,
    min: 1,
    max: 15,
  },
  cacheHitRatio: {
    default: 0.8,
    unit: 'ratio',
    description: 'share of reads the cache serves (the "80" of the 80/20 rule)',
    source: 'Pareto 80/20 rule: 80% of reads go to 20% of the data; a cache holding that 20% serves 80% of reads',
    estimate: false,
    min: 0,
    max: 0.99,
    exclusiveMin: true,
  },
  hotDataFraction: {
    default: 0.2,
    unit: 'ratio',
    description: 'share of the data that is hot and must fit in the cache (the "20" of the 80/20 rule)',
    source: 'Pareto 80/20 rule',
    estimate: false,
    min: 0,
    max: 1,
    exclusiveMin: true,
  },
  cacheNodeMemoryGiB: {
    default: 9.8,
    unit: 'GiB',
    description: 'usable memory of one cache.r7g.large node',
    source:
      '13.07 GiB raw (sources: elasticache-node-memory) x 75% left after ElastiCache reserves 25% by default ' +
      '(reserved-memory-percent, sources: elasticache-limits)',
    estimate: false,
    min: 0.1,
    max: 1000,
  },
  cacheNodeOps: {
    default: 100_000,
    unit: 'ops/s',
    description: 'operations/s one cache.r7g.large node serves',
    source:
      'estimate (sources: elasticache-throughput): consistent with AWS sizing guidance (T family up to 20k ops/s) and > 1M req/s ' +
      'measured on the 16-vCPU r7g.4xlarge',
    estimate: true,
    min: 1,
    max: 1e8,
  },
  microservicesUsers: {
    default: 500_000,
    unit: 'users',
    description: 'daily users from which named services are split out and scaled independently',
    source:
      'AWS "Scaling up to your first 10 million users": SOA and microservices at 500,000+ users (sources: aws-first-10m-users)',
    estimate: false,
    min: 1,
    max: 1e10,
  },
  serviceTaskRps: {
    default: 125,
    unit: 'req/s',
    description: 'peak requests/s one 1-vCPU Fargate task serves',
    source: 'estimate: half of appServerRps, for half the vCPUs',
    estimate: true,
    min: 1,
    max: 1e6,
  },
  storageHeadroom: {
    default: 1.25,
    unit: 'x data',
    description: 'allocated storage per database instance as a multiple of the data it holds',
    source: 'estimate: room for indexes, WAL and a year of growth; RDS storage can only grow (sources: rds-storage)',
    estimate: true,
    min: 1,
    max: 10,
  },
  autoscalingMaxFactor: {
    default: 2,
    unit: 'x min',
    description: 'auto scaling ceiling as a multiple of the servers or tasks always running',
    source: 'estimate: absorbs twice the planned peak before the plan itself must change',
    estimate: true,
    min: 1,
    max: 100,
  },
  avgResponseKB: {
    default: 20,
    unit: 'KB',
    description: 'average bytes sent per request, for data transfer and CDN cost',
    source: 'estimate: a mix of small API responses and cached static assets',
    estimate: true,
    min: 0.1,
    max: 100_000,
  },
} as const satisfies Record<string, ThresholdDefinition>

export type ThresholdName = keyof typeof THRESHOLDS
export type Thresholds = Record<ThresholdName, number>

export const THRESHOLD_NAMES = Object.keys(THRESHOLDS) as ThresholdName[]

export const DEFAULT_THRESHOLDS: Thresholds = Object.fromEntries(
  THRESHOLD_NAMES.map((name) => [name, THRESHOLDS[name].default]),
) as Thresholds

/** Defaults with the spec's overrides applied. */
export function resolveThresholds(overrides: Partial<Thresholds> = {}): Thresholds {
  return {...DEFAULT_THRESHOLDS, ...overrides}
}

/** "more than 0 to 0.99 (ratio)": the range an override may take. */
function range(definition: ThresholdDefinition): string {
  const low = definition.exclusiveMin ? `more than ${definition.min}` : `${definition.min}`
  return `${low} to ${definition.max} (${definition.unit})`
}

/** A value `scaleplan calibrate` measured, with where it came from. */
export interface MeasuredValue {
  readonly value: number | Range
  readonly measured: MeasuredProvenance
}

/** What a spec file may give for a threshold: a number, a range ("200..400"), or a measured value. */
export type ThresholdInputs = Partial<Record<ThresholdName, number | Range | MeasuredValue>>

/**
 * One threshold's override: a number in its range or a range of such numbers ("200..400"), or,
 * as `scaleplan calibrate` writes it, `{value, measured: {on, target, by, ...}}` with the number
 * inside.
 */
function override(name: ThresholdName) {
  const definition: ThresholdDefinition = THRESHOLDS[name]
  const expected = `a number from ${range(definition)}, or a range of them like LOW..HIGH`
  const plain = rangeable(PLAIN_NUMBER, definition)(expected)
  const measured = z.strictObject(
    {value: plain, measured: MeasuredProvenanceSchema},
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown key "${issue.keys[0]}"; a measured threshold has value and measured`
          : `expected ${expected}, got ${show(issue.input)}`,
    },
  )
  return z
    .union([plain, measured], {
      // The branch the input was meant for says what is wrong: a mapping is a measured value.
      error: (issue) => {
        if (issue.code !== 'invalid_union') return undefined
        const input = issue.input
        const mapping = input !== null && typeof input === 'object' && !Array.isArray(input)
        const branch = issue.errors[mapping ? 1 : 0]?.[0]
        if (!branch) return `expected ${expected}, got ${show(input)}`
        return `${branch.path.length > 0 ? `${branch.path.join('.')}: ` : ''}${branch.message}`
      },
    })
    .optional()
    .meta({
      description: `${definition.description} (${definition.unit}; default ${definition.default}). Source: ${definition.source}`,
      default: definition.default,
    })
}

/**
 * The numbers the planner uses (a range's median where a range was given), the ranges, and the
 * provenance of those `scaleplan calibrate` measured.
 */
export function splitThresholds(inputs: ThresholdInputs): {
  thresholds: Partial<Thresholds>
  measured: Partial<Record<ThresholdName, MeasuredProvenance>>
  ranges: Partial<Record<ThresholdName, Range>>
} {
  const thresholds: Partial<Thresholds> = {}
  const measured: Partial<Record<ThresholdName, MeasuredProvenance>> = {}
  const ranges: Partial<Record<ThresholdName, Range>> = {}
  for (const name of Object.keys(inputs) as ThresholdName[]) {
    const input = inputs[name]
    if (input === undefined) continue
    const value = typeof input === 'number' || isRange(input) ? input : input.value
    if (typeof input === 'object' && !isRange(input)) measured[name] = input.measured
    if (isRange(value)) ranges[name] = value
    thresholds[name] = isRange(value) ? rangeMedian(value) : value
  }

  return {thresholds, measured, ranges}
}

/** The `thresholds:` mapping of a spec file: any threshold by name, each within its range. */
export const thresholdOverrides: Form<ThresholdInputs> = (expected) =>
  z.strictObject(
    Object.fromEntries(THRESHOLD_NAMES.map((name) => [name, override(name)])) as Record<
      ThresholdName,
      ReturnType<typeof override>
    >,
    {
      error: (issue) => {
        if (issue.code !== 'unrecognized_keys') return `expected ${expected}, got ${show(issue.input)}`
        const unknown = issue.keys.map((key) => {
          const suggestion = closest(key, THRESHOLD_NAMES)
          return `unknown threshold ${show(key)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`
        })
        return `${unknown.join('; ')}; known: ${THRESHOLD_NAMES.join(', ')}`
      },
    },
  )
