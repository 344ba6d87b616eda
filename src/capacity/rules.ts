/**
 * Stage rules, cheapest fix first. Each rule compares one measured value against one named
 * threshold; when it crosses, the rule forces its stage and says so with both numbers.
 */
import type {Spec} from '../spec/schema.js'
import {formatAgainst, formatNumber} from '../format/numbers.js'
import type {StageNumber} from '../topology/types.js'
import type {Load} from './load.js'
import {THRESHOLDS, type ThresholdName, type Thresholds} from '../spec/thresholds.js'

export type RuleId =
  | 'single-server-load'
  | 'single-server-data'
  | 'app-server-load'
  | 'availability'
  | 'multi-region'
  | 'cdn-users'
  | 'database-reads'
  | 'reads-after-cache'
  | 'primary-writes'
  | 'data-per-shard'
  | 'replica-limit'
  | 'microservices-users'

export interface Reason {
  readonly rule: RuleId
  /** The stage this rule forces. */
  readonly stage: StageNumber
  /** The region whose load crossed the threshold; absent for global rules. */
  readonly region?: string
  readonly value: number
  readonly threshold: number
  /** The threshold's name in the thresholds table, or a fixed rule for `multi-region`. */
  readonly thresholdName: ThresholdName | 'regions'
  readonly unit: string
  /** `>=` for targets reached (availability, users, regions); `>` for capacities exceeded. */
  readonly comparison: '>' | '>='
  readonly message: string
}

export function crosses(reason: Pick<Reason, 'comparison' | 'threshold' | 'value'>): boolean {
  return reason.comparison === '>' ? reason.value > reason.threshold : reason.value >= reason.threshold
}

/** Read replicas one shard needs across all regions, for the replica-limit rule and sizing alike. */
export function replicasPerShardByRegion(
  readsLeftByRegion: readonly number[],
  shards: number,
  thresholds: Thresholds,
): number[] {
  return readsLeftByRegion.map((reads, i) => {
    const needed = reads / shards > thresholds.dbNodeReadRps ? Math.ceil(reads / shards / thresholds.dbNodeReadRps) : 0
    // Every region but the primary reads from local cross-region replicas, so it has at least one.
    return i === 0 ? needed : Math.max(1, needed)
  })
}

/** Reads per region that reach the database once the cache (if the stage has one) serves its share. */
export function readsLeftAfterCache(load: Load, thresholds: Thresholds): number[] {
  return load.regions.map((region) => region.readRps * (1 - thresholds.cacheHitRatio))
}

/** Shards forced by writes and by data alone, before the replica limit is considered. */
export function baseShards(load: Load, spec: Spec, thresholds: Thresholds): number {
  return Math.max(
    1,
    Math.ceil(load.writeRps / thresholds.dbPrimaryWriteRps),
    Math.ceil(spec.dataSize / 1e9 / thresholds.storagePerShardGB),
  )
}

export function evaluateRules(spec: Spec, load: Load, thresholds: Thresholds): Reason[] {
  const reasons: Reason[] = []
  // Messages are built only for rules that cross: next-stage solving evaluates the rules hundreds of times.
  type Candidate = Omit<Reason, 'threshold' | 'unit' | 'message'> & {
    thresholdName: ThresholdName
    message: () => string
  }
  const add = ({message, ...reason}: Candidate) => {
    const threshold = thresholds[reason.thresholdName]
    if (!crosses({...reason, threshold})) return
    reasons.push({...reason, threshold, unit: THRESHOLDS[reason.thresholdName].unit, message: message()})
  }

  const n = (value: number) => formatNumber(value)
  const v = formatAgainst
  const dataGB = spec.dataSize / 1e9

  for (const region of load.regions) {
    const where = load.regions.length > 1 ? ` in ${region.region}` : ''
    add({
      rule: 'single-server-load',
      stage: 2,
      region: region.region,
      value: region.peakRps,
      thresholdName: 'singleServerRps',
      comparison: '>',
      message: () =>
        `peak ${v(region.peakRps, thresholds.singleServerRps)} req/s${where} exceeds the ` +
        `${n(thresholds.singleServerRps)} req/s one server carries alongside its database`,
    })
    add({
      rule: 'app-server-load',
      stage: 3,
      region: region.region,
      value: region.peakRps,
      thresholdName: 'appServerRps',
      comparison: '>',
      message: () =>
        `peak ${v(region.peakRps, thresholds.appServerRps)} req/s${where} exceeds the ` +
        `${n(thresholds.appServerRps)} req/s one app server serves`,
    })
    add({
      rule: 'database-reads',
      stage: 5,
      region: region.region,
      value: region.readRps,
      thresholdName: 'dbNodeReadRps',
      comparison: '>',
      message: () =>
        `peak reads ${v(region.readRps, thresholds.dbNodeReadRps)}/s${where} exceed the ` +
        `${n(thresholds.dbNodeReadRps)} reads/s one database node serves`,
    })
  }

  add({
    rule: 'single-server-data',
    stage: 2,
    value: dataGB,
    thresholdName: 'singleServerDataGB',
    comparison: '>',
    message: () =>
      `data ${v(dataGB, thresholds.singleServerDataGB)} GB exceeds the ` +
      `${n(thresholds.singleServerDataGB)} GB one server keeps beside the application`,
  })
  add({
    rule: 'availability',
    stage: 3,
    value: spec.availability,
    thresholdName: 'redundancyAvailabilityPercent',
    comparison: '>=',
    message: () =>
      `availability target ${spec.availability}% reaches ${thresholds.redundancyAvailabilityPercent}%, ` +
      'which one instance cannot meet: redundant servers across zones',
  })
  if (spec.regions.length >= 2) {
    reasons.push({
      rule: 'multi-region',
      stage: 4,
      value: spec.regions.length,
      threshold: 2,
      thresholdName: 'regions',
      unit: 'regions',
      comparison: '>=',
      message: `${spec.regions.length} regions serve users far apart: a CDN brings static content near each of them`,
    })
  }

  add({
    rule: 'cdn-users',
    stage: 4,
    value: spec.users,
    thresholdName: 'cdnUsers',
    comparison: '>=',
    message: () => `${n(spec.users)} daily users reach the ${n(thresholds.cdnUsers)} at which a CDN pays off`,
  })

  const readsLeft = readsLeftAfterCache(load, thresholds)
  load.regions.forEach((region, i) => {
    const where = load.regions.length > 1 ? ` in ${region.region}` : ''
    add({
      rule: 'reads-after-cache',
      stage: 6,
      region: region.region,
      value: readsLeft[i]!,
      thresholdName: 'dbNodeReadRps',
      comparison: '>',
      message: () =>
        `reads left after the cache${where}, ${n(region.readRps)} x (1 - ${thresholds.cacheHitRatio}) = ` +
        `${v(readsLeft[i]!, thresholds.dbNodeReadRps)}/s, ` +
        `exceed the ${n(thresholds.dbNodeReadRps)} reads/s one database node serves: read replicas`,
    })
  })
  add({
    rule: 'primary-writes',
    stage: 6,
    value: load.writeRps,
    thresholdName: 'dbPrimaryWriteRps',
    comparison: '>',
    message: () =>
      `peak writes ${v(load.writeRps, thresholds.dbPrimaryWriteRps)}/s exceed the ` +
      `${n(thresholds.dbPrimaryWriteRps)} writes/s one primary sustains: shards`,
  })
  add({
    rule: 'data-per-shard',
    stage: 6,
    value: dataGB,
    thresholdName: 'storagePerShardGB',
    comparison: '>',
    message: () =>
      `data ${v(dataGB, thresholds.storagePerShardGB)} GB exceeds the ${n(thresholds.storagePerShardGB)} GB one shard holds: shards`,
  })

  const replicas = replicasPerShardByRegion(readsLeft, baseShards(load, spec, thresholds), thresholds)
  const totalReplicas = replicas.reduce((sum, r) => sum + r, 0)
  add({
    rule: 'replica-limit',
    stage: 6,
    value: totalReplicas,
    thresholdName: 'maxReadReplicas',
    comparison: '>',
    message: () =>
      `${totalReplicas} read replicas per primary would pass the RDS limit of ${thresholds.maxReadReplicas}: more shards`,
  })

  if (spec.services.length > 0) {
    add({
      rule: 'microservices-users',
      stage: 7,
      value: spec.users,
      thresholdName: 'microservicesUsers',
      comparison: '>=',
      message: () =>
        `${n(spec.users)} daily users reach the ${n(thresholds.microservicesUsers)} at which ` +
        `${spec.services.length} named services (${spec.services.join(', ')}) are scaled on their own`,
    })
  }

  return reasons
}

export function stageOf(reasons: readonly Reason[]): StageNumber {
  return reasons.reduce<StageNumber>((stage, reason) => (reason.stage > stage ? reason.stage : stage), 1)
}
