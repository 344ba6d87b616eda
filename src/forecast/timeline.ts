/**
 * Planning over time: the spec planned again at each month's users and data, from this month
 * (month 0) to the horizon, naming the first month each stage and each replacing change is
 * needed and when work on it must start.
 *
 * Every month is an ordinary plan of a point spec, so a month of the timeline is exactly what
 * `recommend` says for that month's users and data, given the database shards the months before
 * it split (`RecommendOptions.shardsBuilt`): a timeline never merges shards back.
 */
import type {Spec} from '../spec/schema.js'
import {MAX_USERS} from '../spec/schema.js'
import type {Growth} from '../spec/growth.js'
import {
  componentOf,
  isPrimaryRegion,
  stageInfo,
  type StageName,
  type StageNumber,
  type Topology,
} from '../topology/types.js'
import {topologyChanges, type TopologyChange} from './changes.js'
import type {Plan} from './simulate.js'

/** Months covered when growth is given without a horizon. */
export const DEFAULT_HORIZON = 24

/** Data sizes the spec accepts: a month's data stays inside them. */
const DATA_BOUNDS = {min: 1e6, max: 1e16}

/**
 * Months of work before a change is needed, by kind of change: estimates for a team that plans,
 * builds, load-tests and migrates in production without downtime. A new stage brings a new tier
 * (design, build, load test); a shard split moves data between primaries and changes how the
 * application finds it; retiring a component means building its replacement and cutting over.
 */
export const LEAD_TIME_MONTHS = {stage: 3, shards: 6, replace: 2} as const

export interface TimelineMonth {
  readonly month: number
  readonly users: number
  readonly dataSizeBytes: number
  readonly stage: StageNumber
  readonly monthlyUsd: number
  /** What changes from the month before (none in month 0). */
  readonly changes: readonly TopologyChange[]
}

export interface TimelineEvent {
  /** The first month it is needed. */
  readonly month: number
  readonly kind: 'stage' | 'replace'
  /** "stage 6 (database-scaling)", or the change in words. */
  readonly what: string
  readonly stage?: StageNumber
  readonly stageName?: StageName
  readonly regions?: readonly string[]
  readonly leadTimeMonths: number
  /** The month work must start: `month - leadTimeMonths`, which may be now (0) or already past (below 0). */
  readonly startBy: number
}

export interface Timeline {
  readonly horizon: number
  readonly growth: string
  readonly dataGrowth: string
  readonly months: readonly TimelineMonth[]
  readonly events: readonly TimelineEvent[]
}

const NO_GROWTH: Growth = {kind: 'rate', monthlyFactor: 1, text: '0%/month'}

/** A quantity `month` months on. */
function grown(value: number, growth: Growth, month: number): number {
  return growth.kind === 'rate' ? value * growth.monthlyFactor ** month : value + growth.monthlyBytes * month
}

/** The users and data of month `month` (users whole, both inside what the spec accepts). */
export function monthInputs(spec: Spec, month: number): {users: number; dataSize: number} {
  const users = Math.min(MAX_USERS, Math.max(1, Math.round(grown(spec.users, spec.growth ?? NO_GROWTH, month))))
  const data = grown(spec.dataSize, spec.dataGrowth ?? NO_GROWTH, month)
  return {users, dataSize: Math.min(DATA_BOUNDS.max, Math.max(DATA_BOUNDS.min, Math.round(data)))}
}

/** The spec of month `month`: its users and data grown, everything else as given. */
export function specAtMonth(spec: Spec, month: number): Spec {
  return month === 0 ? spec : {...spec, ...monthInputs(spec, month)}
}

/** The timeline of `spec` (a point spec: ranges are planned at their medians) to its horizon. */
export function timeline(spec: Spec, plan: Plan): Timeline {
  const horizon = spec.horizon ?? DEFAULT_HORIZON
  const months: TimelineMonth[] = []
  const events: TimelineEvent[] = []
  const seen = new Set<string>()
  let previous
  // Shards once split stay split: each month keeps at least the shards of the months before it.
  let shardsBuilt = 1
  for (let month = 0; month <= horizon; month++) {
    const monthSpec = specAtMonth(spec, month)
    const recommendation = plan(monthSpec, shardsBuilt > 1 ? {shardsBuilt} : {})
    shardsBuilt = Math.max(shardsBuilt, databaseShards(recommendation.topology))
    const stage = recommendation.stage.number
    const changes = previous ? topologyChanges(previous.topology, recommendation.topology) : []
    if (previous && stage > previous.stage.number && !seen.has(`stage ${stage}`)) {
      seen.add(`stage ${stage}`)
      events.push(
        event(month, 'stage', `stage ${stage} (${stageInfo(stage).name})`, LEAD_TIME_MONTHS.stage, {
          stage,
          stageName: stageInfo(stage).name,
        }),
      )
    }

    for (const change of changes.filter((c) => c.replaces && !seen.has(c.what))) {
      seen.add(change.what)
      const lead = change.split ? LEAD_TIME_MONTHS.shards : LEAD_TIME_MONTHS.replace
      events.push(event(month, 'replace', change.what, lead, {regions: change.regions}))
    }

    months.push({
      month,
      users: monthSpec.users,
      dataSizeBytes: monthSpec.dataSize,
      stage,
      monthlyUsd: recommendation.cost.monthlyUsd,
      changes,
    })
    previous = recommendation
  }

  return {
    horizon,
    growth: spec.growth?.text ?? NO_GROWTH.text,
    dataGrowth: spec.dataGrowth?.text ?? NO_GROWTH.text,
    months,
    events,
  }
}

/** Shards of the primary region's database; 1 when it has none apart from the app. */
function databaseShards(topology: Topology): number {
  const primary = topology.regions.find((region) => isPrimaryRegion(topology, region))
  const database = primary && componentOf(primary, 'database')
  return database?.shards ?? 1
}

function event(
  month: number,
  kind: TimelineEvent['kind'],
  what: string,
  leadTimeMonths: number,
  extra: Partial<TimelineEvent>,
): TimelineEvent {
  return {month, kind, what, ...extra, leadTimeMonths, startBy: month - leadTimeMonths}
}
