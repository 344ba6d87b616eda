/**
 * Every number the stage rules compare against, with its default, unit, source and the range an
 * override may take.
 *
 * A spec can override any of them under `thresholds:`, so the table lives with the spec: the spec
 * validates overrides with zod built from it, and capacity/ reads it from here (spec/ comes first
 * in the pipeline and imports nothing from capacity/). Sources name their section of
 * docs/sources.md (`sources: postgresbench`), which gives the public address; a default marked
 * `estimate` has no measurement behind it and says how it was chosen. Capacities are measured at full load: the planner loads each node
 * to the spec's `headroom` of them.
 */
import * as z from 'zod/mini'

import {closest} from './regions.js'
import {PLAIN_NUMBER, isRange, rangeMedian, rangeable, show, type Form, type Range} from './forms.js'
import {measuredProvenanceSchema, type MeasuredProvenance} from './measured.js'

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
    description: 'requests/s one machine serves at full load while also running the database',
    source:
      'estimate: 40% of appServerRps, because the co-located database takes the other share of 2 vCPUs ' +
      '(sources: app-server-throughput: 500-1,000 req/s for trivial queries with the database on the same 2-vCPU box)',
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
      'for one instance; AWS splits the database out early ("> 10 users", sources: aws-first-10m-users)',
    estimate: true,
    min: 1,
    max: 1e6,
  },
  appServerRps: {
    default: 250,
    unit: 'req/s',
    description: 'requests/s one 2-vCPU app server (m7g.large) serves at full load',
    source:
      'estimate (sources: app-server-throughput): BinaryIgor measured 500-1,000 req/s on 2 vCPU with trivial ' +
      'queries, discounted for real ORM and templating work (a Rails app measured ~20 req/s on 2 cores)',
    estimate: true,
    min: 1,
    max: 1e6,
  },
  redundancyAvailabilityPercent: {
    default: 99.9,
    unit: '%',
    description: 'availability target from which every tier is redundant across zones',
    source:
      'AWS Compute SLA: a single EC2 instance is covered at 99.5% monthly uptime, instances across two or more ' +
      'zones at 99.99%; AWS adds a second AZ and Multi-AZ RDS at "> 1,000 users" (sources: aws-compute-sla, aws-first-10m-users)',
    estimate: false,
    min: 90,
    max: 100,
  },
  dbNodeReadQps: {
    default: 18_500,
    unit: 'queries/s',
    description: 'read queries/s the reference database node (db.r7g.xlarge, 4 vCPU) serves at full load',
    source:
      'PostgresBench on RDS PostgreSQL, 4 vCPU / 16 GB: 3,690-3,897 pgbench TPC-B transactions/s, 5 statements each ' +
      '(3,700 x 5 = 18,500); four of the five are writes, so reads at that rate err safe ' +
      '(sources: postgresbench, pgbench-tpcb)',
    estimate: false,
    min: 1,
    max: 1e8,
  },
  dbNodeWriteQps: {
    default: 3_700,
    unit: 'queries/s',
    description: 'write queries/s the reference database node commits at full load, each in its own transaction',
    source:
      'PostgresBench on RDS PostgreSQL, 4 vCPU: 3,690-3,897 commits/s (pgbench TPC-B); each of those commits ' +
      'carried four writes, so one write per commit at that rate errs safe (sources: postgresbench, pgbench-tpcb)',
    estimate: false,
    min: 1,
    max: 1e8,
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
      'AWS CreateDBInstanceReadReplica reference: "Each DB instance can have up to 15 read replicas" ' +
      '(sources: rds-read-replicas)',
    estimate: false,
    min: 1,
    max: 15,
  },
  cacheHitRatio: {
    default: 0.8,
    unit: 'ratio',
    description: 'share of reads a cache holding the hot set serves (the 80 of the 80/20 rule)',
    source: 'Pareto 80/20 rule: 80% of reads go to 20% of the data; a cache holding that 20% serves 80% of reads',
    estimate: false,
    min: 0,
    max: 0.99,
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
    description: 'operations/s one cache.r7g.large node serves at full load',
    source:
      'estimate (sources: elasticache-throughput): consistent with AWS sizing guidance (T family up to 20k ops/s) ' +
      'and > 1M req/s measured by AWS on the 16-vCPU cache.r7g.4xlarge',
    estimate: true,
    min: 1,
    max: 1e8,
  },
  microservicesUsers: {
    default: 500_000,
    unit: 'users',
    description: 'daily users from which named services are split out and scaled independently',
    source:
      'AWS "Scaling up to your first 10 million users": SOA and microservices at 500,000+ users ' +
      '(sources: aws-first-10m-users)',
    estimate: false,
    min: 1,
    max: 1e10,
  },
  serviceTaskRps: {
    default: 250,
    unit: 'req/s',
    description: 'requests/s one 2-vCPU Fargate task serves at full load',
    source: 'estimate: as appServerRps, for the same two vCPUs',
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
  staticObjectKB: {
    default: 37,
    unit: 'KB',
    description: 'average size of one static file, to count the requests static bytes take',
    source:
      'HTTP Archive Web Almanac 2024, page weight: the median desktop page is 2,652 KB in 71 requests (37 KB each) ' +
      '(sources: page-weight)',
    estimate: false,
    min: 0.1,
    max: 1e7,
  },
  cdnHitRatio: {
    default: 0.9,
    unit: 'ratio',
    description: 'share of static requests CloudFront answers from its cache, without asking S3',
    source: 'estimate: versioned static files stay cached; the misses are first requests per edge and expiries',
    estimate: true,
    min: 0,
    max: 1,
  },
  natKBPerRequest: {
    default: 1,
    unit: 'KB',
    description: 'bytes the app tier sends out through its NAT gateways per request (logs, metrics, third-party APIs)',
    source: 'estimate: about one log line and a metric per request; 0 when VPC endpoints carry them',
    estimate: true,
    min: 0,
    max: 1e6,
  },
  walKBPerWrite: {
    default: 2,
    unit: 'KB',
    description: 'bytes of write-ahead log one write query ships to each cross-region replica',
    source:
      'estimate: the system-design-primer assumes 1 KB of content per write (sources: system-design-primer); ' +
      'doubled for index entries and WAL records',
    estimate: true,
    min: 0,
    max: 1e6,
  },
} as const satisfies Record<string, ThresholdDefinition>

export type ThresholdName = keyof typeof THRESHOLDS

/**
 * Thresholds that were renamed, moved or removed, with what replaced them. An old spec that sets
 * one is refused with this text rather than silently reinterpreted: each changed its unit or its
 * meaning, so carrying the number over would plan against a different quantity.
 */
export const RETIRED_THRESHOLDS: Readonly<Record<string, string>> = {
  dbNodeReadRps:
    'renamed to dbNodeReadQps: database capacity is counted in queries per second now (a request makes ' +
    'queriesPerRequest of them), and the default changed from 3,700 transactions to 18,500 statements',
  dbPrimaryWriteRps:
    'renamed to dbNodeWriteQps: write queries per second one reference node commits (the primary and each ' +
    'replica replaying its writes use the same figure)',
  cdnUsers:
    'removed: the CDN is added where it costs less than serving from the region, or for latency when users are in 2+ regions',
  hotDataFraction: 'moved to the spec field hotSet (--hot-set): the working set is an input about your data now',
  avgResponseKB: 'moved to the spec field responseSize (--response-size), written as a size like 20KB',
}
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
    {value: plain, measured: measuredProvenanceSchema()},
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown key "${issue.keys[0]}"; a measured threshold has value and measured`
          : `expected ${expected}, got ${show(issue.input)}`,
    },
  )
  return z
    .optional(
      z.union([plain, measured], {
        // The branch the input was meant for says what is wrong: a mapping is a measured value.
        error: (issue) => {
          if (issue.code !== 'invalid_union') return undefined
          const input = issue.input
          const mapping = input !== null && typeof input === 'object' && !Array.isArray(input)
          const branch = issue.errors[mapping ? 1 : 0]?.[0]
          if (!branch) return `expected ${expected}, got ${show(input)}`
          return `${branch.path.length > 0 ? `${branch.path.join('.')}: ` : ''}${branch.message}`
        },
      }),
    )
    .register(z.globalRegistry, {
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

/** What replaced a retired threshold; own keys only, so "constructor" or "__proto__" is just unknown. */
function retiredThreshold(name: string): string | undefined {
  return Object.hasOwn(RETIRED_THRESHOLDS, name) ? RETIRED_THRESHOLDS[name] : undefined
}

/** The `thresholds:` mapping of a spec file: any threshold by name, each within its range. */
export const thresholdOverrides: Form<ThresholdInputs> = (expected) =>
  z.strictObject(overrideShape(), {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return `expected ${expected}, got ${show(issue.input)}`
      const unknown = issue.keys.map((key) => {
        const retired = retiredThreshold(key)
        if (retired !== undefined) return `threshold ${show(key)} was ${retired}`
        const suggestion = closest(key, THRESHOLD_NAMES)
        return `unknown threshold ${show(key)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`
      })
      // A retired name says what replaced it; the list of names helps only a typo.
      const typos = issue.keys.some((key) => retiredThreshold(key) === undefined)
      return typos ? `${unknown.join('; ')}; known: ${THRESHOLD_NAMES.join(', ')}` : unknown.join('; ')
    },
  })

/**
 * Every threshold's override, each built when zod first reads the shape (it reads it whole, at
 * the first parse or JSON Schema): a spec that overrides no threshold never builds them, and they
 * are most of the spec's schema.
 */
function overrideShape(): Record<ThresholdName, ReturnType<typeof override>> {
  const shape = {} as Record<ThresholdName, ReturnType<typeof override>>
  for (const name of THRESHOLD_NAMES) {
    Object.defineProperty(shape, name, {get: () => override(name), enumerable: true})
  }
  return shape
}
