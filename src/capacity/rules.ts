/**
 * Why the plan has each part: one reason per rule that crosses, each quoting the measured value
 * and what it crossed. A capacity rule crosses where the node it names runs out at the target
 * utilisation (`capacity.ts`, the same figures the sizing uses); a cost rule crosses at the users
 * from which the part costs no more than going without it (`crossover.ts`), and says both costs.
 */
import {formatAgainst, formatNumber, formatUsd} from '../format/numbers.js'
import {plural} from '../format/words.js'
import {THRESHOLDS, type ThresholdName} from '../spec/thresholds.js'
import type {StageNumber} from '../topology/types.js'
import type {DataTierPlan} from './data-tier.js'
import {edgeCosts} from './edge.js'
import type {Load} from './load.js'
import type {Decisions, Planner} from './planner.js'

export type RuleId =
  | 'single-server-load'
  | 'single-server-data'
  | 'app-server-load'
  | 'availability'
  | 'multi-region'
  | 'cdn-cost'
  | 'read-cache'
  | 'database-scale-out'
  | 'data-per-shard'
  | 'primary-writes'
  | 'microservices-users'

export interface Reason {
  readonly rule: RuleId
  /** The stage this rule forces. */
  readonly stage: StageNumber
  /** The region whose load crossed the threshold; absent for global rules. */
  readonly region?: string
  readonly value: number
  readonly threshold: number
  /**
   * What the value is compared with: a threshold of the table (its capacity at the target
   * utilisation for capacities), `regions`, `crossover` (the daily users from which a part
   * costs no more than going without it) or `cost` (the monthly USD of the plan with the part,
   * against `value`, the plan without it).
   */
  readonly thresholdName: ThresholdName | 'regions' | 'crossover' | 'cost'
  readonly unit: string
  /** `>=` for targets reached (availability, users, regions, costs); `>` for capacities exceeded. */
  readonly comparison: '>' | '>='
  readonly message: string
}

export function crosses(reason: Pick<Reason, 'comparison' | 'threshold' | 'value'>): boolean {
  return reason.comparison === '>' ? reason.value > reason.threshold : reason.value >= reason.threshold
}

/** What the reasons at some number of users read from. */
export interface RuleContext {
  readonly planner: Planner
  readonly users: number
  readonly load: Load
  readonly decisions: Decisions
  /** The data tier as planned (absent at stage 1). */
  readonly dataTier: DataTierPlan | undefined
}

const n = (value: number) => formatNumber(value)
const usd = (value: number) => formatUsd(value)

/** Every rule that crosses at the context's users, for the parts it has. */
export function evaluateRules(context: RuleContext): Reason[] {
  const {planner, users, load, decisions} = context
  const {spec, thresholds, capacities: caps} = planner
  const reasons: Reason[] = []
  const push = (reason: Reason) => {
    if (crosses(reason)) reasons.push(reason)
  }

  const atHeadroom = (name: ThresholdName) =>
    spec.headroom === 1 ? '' : ` (${formatNumber(spec.headroom * 100)}% of its measured ${n(thresholds[name])})`
  const several = load.regions.length > 1
  for (const region of load.regions) {
    const where = several ? ` in ${region.region}` : ''
    push({
      rule: 'single-server-load',
      stage: 2,
      region: region.region,
      value: region.peakRps,
      threshold: caps.singleServerRps,
      thresholdName: 'singleServerRps',
      unit: 'req/s',
      comparison: '>',
      message:
        `peak ${formatAgainst(region.peakRps, caps.singleServerRps)} req/s${where} exceeds the ` +
        `${n(caps.singleServerRps)} req/s one server carries beside its database${atHeadroom('singleServerRps')}`,
    })
    push({
      rule: 'app-server-load',
      stage: 3,
      region: region.region,
      value: region.peakRps,
      threshold: caps.appServerRps,
      thresholdName: 'appServerRps',
      unit: 'req/s',
      comparison: '>',
      message:
        `peak ${formatAgainst(region.peakRps, caps.appServerRps)} req/s${where} exceeds the ` +
        `${n(caps.appServerRps)} req/s one app server carries${atHeadroom('appServerRps')}`,
    })
  }

  const dataGB = spec.dataSize / 1e9
  push({
    rule: 'single-server-data',
    stage: 2,
    value: dataGB,
    threshold: thresholds.singleServerDataGB,
    thresholdName: 'singleServerDataGB',
    unit: 'GB',
    comparison: '>',
    message:
      `data ${formatAgainst(dataGB, thresholds.singleServerDataGB)} GB exceeds the ` +
      `${n(thresholds.singleServerDataGB)} GB one server keeps beside the application`,
  })
  push({
    rule: 'availability',
    stage: 3,
    value: spec.availability,
    threshold: thresholds.redundancyAvailabilityPercent,
    thresholdName: 'redundancyAvailabilityPercent',
    unit: '%',
    comparison: '>=',
    message:
      `availability target ${spec.availability}% reaches ${thresholds.redundancyAvailabilityPercent}%, ` +
      'which one instance cannot meet (its SLA is 99.5%): redundant servers across zones',
  })

  if (decisions.cdn) reasons.push(...cdnReasons(context))
  reasons.push(...dataReasons(context))

  if (decisions.services) {
    push({
      rule: 'microservices-users',
      stage: 7,
      value: users,
      threshold: thresholds.microservicesUsers,
      thresholdName: 'microservicesUsers',
      unit: 'users',
      comparison: '>=',
      message:
        `${n(users)} daily users reach the ${n(thresholds.microservicesUsers)} at which ` +
        `${spec.services.length} named services (${spec.services.join(', ')}) are scaled on their own`,
    })
  }

  return reasons
}

function cdnReasons({planner, users, decisions}: RuleContext): Reason[] {
  const {spec, from} = planner
  const {withCdn, withoutCdn} = edgeCosts(planner.edge, planner.pricing, users, decisions.split, spec.regions[0]!)
  const origin = spec.regions.length >= 2 ? 'the regions' : 'the region'
  const costs = `one CloudFront distribution costs ${usd(withCdn)} a month here, serving from ${origin} ${usd(withoutCdn)}`
  if (spec.regions.length >= 2) {
    return [
      {
        rule: 'multi-region',
        stage: 4,
        value: spec.regions.length,
        threshold: 2,
        thresholdName: 'regions',
        unit: 'regions',
        comparison: '>=',
        message:
          `${spec.regions.length} regions serve users far apart: for latency, a CDN brings the static ` +
          `${formatNumber(spec.staticShare * 100)}% of bytes near each of them (${costs})`,
      },
    ]
  }

  const cdnFrom = from.cdn!
  return [
    {
      rule: 'cdn-cost',
      stage: 4,
      value: users,
      threshold: cdnFrom,
      thresholdName: 'crossover',
      unit: 'daily users',
      comparison: '>=',
      message:
        `from ${n(cdnFrom)} daily users CloudFront costs no more than serving from the region, ` +
        `its volume tiers against the region's egress (${costs})`,
    },
  ]
}

function dataReasons({planner, users, load, decisions, dataTier}: RuleContext): Reason[] {
  if (!decisions.split || dataTier === undefined) return []
  const {spec, thresholds, capacities: caps, dataPath, from} = planner
  const reasons: Reason[] = []
  const reads = n(load.readQps)

  if (decisions.dataLevel === 1) {
    const step = dataPath.steps.find((s) => s.to === 1)
    reasons.push({
      rule: 'read-cache',
      stage: 5,
      value: users,
      threshold: from.cache!,
      thresholdName: 'crossover',
      unit: 'daily users',
      comparison: '>=',
      message:
        `peak reads of ${reads} queries/s: from ${n(from.cache!)} daily users a cache is the cheapest fix` +
        (step ? ` (${usd(step.toUsd)} a month for databases and caches, against ${usd(step.fromUsd)} without)` : ''),
    })
  }

  if (decisions.dataLevel === 2) {
    const cached = dataTier.caches.some((cache) => cache !== undefined)
    if (cached) {
      const without = planner.dataTier.cost(2, users, Infinity, false)
      reasons.push({
        rule: 'read-cache',
        stage: 5,
        value: without,
        threshold: dataTier.usd,
        thresholdName: 'cost',
        unit: 'USD/month',
        comparison: '>=',
        message:
          `peak reads of ${reads} queries/s: with a cache the databases and caches cost ${usd(dataTier.usd)} a month, ` +
          `without one ${Number.isFinite(without) ? usd(without) : 'more than any plan can carry'}`,
      })
    }

    const step = dataPath.steps.find((s) => s.to === 2)
    const why = step
      ? `from ${n(step.atUsers)} daily users, replicas or shards cost ${usd(step.toUsd)} a month, against ` +
        (Number.isFinite(step.fromUsd) ? usd(step.fromUsd) : 'none that fits') +
        ` for ${step.from === 1 ? 'one instance per region behind a cache' : 'one instance per region'}`
      : 'from the first user: one instance per region cannot hold the data'
    reasons.push({
      rule: 'database-scale-out',
      stage: 6,
      value: users,
      threshold: from.scaleOut!,
      thresholdName: 'crossover',
      unit: 'daily users',
      comparison: '>=',
      message:
        `${why}: ${plural(dataTier.shards, 'shard')} of ${dataTier.node.dbClass.instanceClass}, ` +
        `${replicasEach(dataTier.replicasPerShard[0]!)} in ${spec.regions[0]}`,
    })

    const dataGB = spec.dataSize / 1e9
    if (dataGB > thresholds.storagePerShardGB) {
      reasons.push({
        rule: 'data-per-shard',
        stage: 6,
        value: dataGB,
        threshold: thresholds.storagePerShardGB,
        thresholdName: 'storagePerShardGB',
        unit: THRESHOLDS.storagePerShardGB.unit,
        comparison: '>',
        message:
          `data ${formatAgainst(dataGB, thresholds.storagePerShardGB)} GB exceeds the ` +
          `${n(thresholds.storagePerShardGB)} GB one shard holds: shards`,
      })
    }

    const largest = caps.db.at(-1)!
    if (load.writeQps > largest.writeQps) {
      reasons.push({
        rule: 'primary-writes',
        stage: 6,
        value: load.writeQps,
        threshold: largest.writeQps,
        thresholdName: 'dbNodeWriteQps',
        unit: 'queries/s',
        comparison: '>',
        message:
          `peak writes ${formatAgainst(load.writeQps, largest.writeQps)} queries/s exceed the ` +
          `${n(largest.writeQps)} one ${largest.dbClass.instanceClass} primary commits at the target utilisation: shards`,
      })
    }
  }

  return reasons
}

export function stageOf(reasons: readonly Reason[]): StageNumber {
  return reasons.reduce<StageNumber>((stage, reason) => (reason.stage > stage ? reason.stage : stage), 1)
}

/** "2 read replicas each", or "no read replicas". */
function replicasEach(replicas: number): string {
  return replicas > 0 ? `${plural(replicas, 'read replica')} each` : 'no read replicas'
}
