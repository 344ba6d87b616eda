/**
 * The planner for one spec at any number of users.
 *
 * Everything in a spec but `users` fixes where each part of the architecture comes in: the
 * users from which the database is split out, the load balancer, the CDN, the cache, read
 * replicas or shards, the services. Each is found once (`from*`); the plan at any users then
 * follows without searching again, which is what makes ranges and timelines over users cheap.
 * Every part, once in, stays in as users grow, so the stage never falls, and each comes in where
 * it costs no less than going without (a rule) or where it is cheaper (a crossover), so the cost
 * never falls either.
 */
import {MAX_USERS, type Spec} from '../spec/schema.js'
import type {Thresholds} from '../spec/thresholds.js'
import type {StageNumber} from '../topology/types.js'
import {capacities, type Capacities} from './capacity.js'
import {STATIC_SITE_GB} from './catalog.js'
import {DataTierModel, dataTierPath, levelAt, type DataLevel, type DataTierPath} from './data-tier.js'
import {cdnFrom, type EdgeShape} from './edge.js'
import {BYTES_PER_GB, computeLoad, type Load} from './load.js'
import type {PlanPricing} from './pricing.js'

/** The parts of the architecture a plan has at some number of users. */
export interface Decisions {
  /** The database runs apart from the app (stage 2). */
  readonly split: boolean
  /** Servers behind a load balancer, across zones (stage 3). */
  readonly loadBalanced: boolean
  readonly cdn: boolean
  /** The data tier's level: 1 adds a cache (stage 5), 2 scales the database out (stage 6). */
  readonly dataLevel: DataLevel
  readonly services: boolean
}

/** The fewest daily users from which each part is in the plan; null when users alone never bring it. */
export interface PartsFrom {
  readonly split: number | null
  readonly loadBalanced: number | null
  readonly cdn: number | null
  readonly cache: number | null
  readonly scaleOut: number | null
  readonly services: number | null
}

export class Planner {
  readonly thresholds: Thresholds
  readonly capacities: Capacities
  readonly highlyAvailable: boolean
  /** The load of one daily user, which every other load scales. */
  readonly perUser: Load
  readonly dataTier: DataTierModel
  readonly dataPath: DataTierPath
  readonly edge: EdgeShape
  /** First users past each capacity rule. */
  readonly firstUsers: {
    readonly singleServerLoad: number | null
    readonly singleServerData: number | null
    readonly appServerLoad: number | null
  }

  readonly from: PartsFrom

  /**
   * @param shardsBuilt Database shards already built: the plan keeps at least this many (the
   *   growth timeline's months after a split; nobody merges shards back to save a little).
   */
  constructor(
    readonly spec: Spec,
    thresholds: Thresholds,
    readonly pricing: PlanPricing,
    shardsBuilt = 1,
  ) {
    this.thresholds = thresholds
    this.capacities = capacities(thresholds, spec.headroom)
    this.highlyAvailable = spec.availability >= thresholds.redundancyAvailabilityPercent
    this.perUser = computeLoad(spec, thresholds, 1)
    const primaryRegion = spec.regions[0]!

    this.dataTier = new DataTierModel(
      {
        regions: spec.regions,
        readQpsPerUser: this.perUser.regions.map((r) => r.readQps),
        writeQpsPerUser: this.perUser.writeQps,
        dataBytes: spec.dataSize,
        hotSetGiB: (spec.dataSize / BYTES_PER_GB) * spec.hotSet,
        multiAz: this.highlyAvailable,
        shardsBuilt,
        engine: spec.cacheEngine,
        thresholds,
        capacities: this.capacities,
      },
      pricing,
    )
    this.dataPath = dataTierPath(this.dataTier, MAX_USERS)

    const peaks = this.perUser.regions.map((r) => r.peakRps)
    this.firstUsers = {
      singleServerLoad: firstUsersAbove(peaks, this.capacities.singleServerRps),
      singleServerData: spec.dataSize / 1e9 > thresholds.singleServerDataGB ? 1 : null,
      appServerLoad: firstUsersAbove(peaks, this.capacities.appServerRps),
    }

    const services = spec.services.length > 0 ? Math.min(thresholds.microservicesUsers, MAX_USERS) : null
    const cache = levelFrom(this.dataPath, 1)
    const scaleOut = levelFrom(this.dataPath, 2)
    const loadBalanced = earliest(this.firstUsers.appServerLoad, this.highlyAvailable ? 1 : null, services)
    // Users in several regions read from replicas of one database: it runs apart from the app from the start.
    const severalRegions = spec.regions.length >= 2 ? 1 : null
    const split = earliest(
      this.firstUsers.singleServerLoad,
      this.firstUsers.singleServerData,
      severalRegions,
      loadBalanced,
      cache,
      scaleOut,
      services,
    )
    this.edge = {
      regions: spec.regions,
      trafficPerUser: this.perUser.regions.map((r) => r.traffic),
      objectStorageGiB: spec.objectDataSize / BYTES_PER_GB,
      siteGB: STATIC_SITE_GB,
    }
    const cdn = cdnFrom(this.edge, pricing, split ?? Infinity, primaryRegion, MAX_USERS)
    this.from = {split, loadBalanced, cdn, cache, scaleOut, services}
  }

  /** The parts the load needs at `users`. */
  decisionsAt(users: number): Decisions {
    const has = (from: number | null) => from !== null && users >= from
    return {
      split: has(this.from.split),
      loadBalanced: has(this.from.loadBalanced),
      cdn: has(this.from.cdn),
      dataLevel: levelAt(this.dataPath, users),
      services: has(this.from.services),
    }
  }

  /** The parts of a forced stage: that stage's own part, and the needed parts below it, none above. */
  forcedDecisions(stage: StageNumber, users: number): Decisions {
    const needed = this.decisionsAt(users)
    return {
      split: stage >= 2,
      loadBalanced: stage === 3 || stage === 7 || (stage > 3 && needed.loadBalanced),
      cdn: stage === 4 || (stage > 4 && needed.cdn),
      dataLevel: stage === 5 ? 1 : stage === 6 ? 2 : stage === 7 ? needed.dataLevel : 0,
      services: stage === 7,
    }
  }

  /** The fewest daily users from which the plan reaches each stage (1 is always reached). */
  stageFrom(): Record<StageNumber, number | null> {
    const {from} = this
    return {1: 1, 2: from.split, 3: from.loadBalanced, 4: from.cdn, 5: from.cache, 6: from.scaleOut, 7: from.services}
  }
}

/** The stage a set of parts makes: the highest stage any of them belongs to. */
export function stageOfDecisions(decisions: Decisions): StageNumber {
  if (decisions.services) return 7
  if (decisions.dataLevel === 2) return 6
  if (decisions.dataLevel === 1) return 5
  if (decisions.cdn) return 4
  if (decisions.loadBalanced) return 3
  if (decisions.split) return 2
  return 1
}

/** The fewest users from which the data tier is at `level` or above. */
function levelFrom(path: DataTierPath, level: DataLevel): number | null {
  if (path.start >= level) return 1
  return path.steps.find((step) => step.to >= level)?.atUsers ?? null
}

function earliest(...users: (number | null)[]): number | null {
  const known = users.filter((u): u is number => u !== null)
  return known.length === 0 ? null : Math.min(...known)
}

/**
 * The fewest whole daily users at which any region's per-user rate times users passes
 * `threshold`; null past the largest spec.
 */
export function firstUsersAbove(perUser: readonly number[], threshold: number): number | null {
  let first: number | null = null
  for (const rate of perUser) {
    if (rate <= 0) continue
    let users = Math.max(1, Math.floor(threshold / rate) + 1)
    // Floating point: settle on the exact whole number where the product first passes.
    while (users > 1 && (users - 1) * rate > threshold) users--
    while (users * rate <= threshold) users++
    if (users <= MAX_USERS && (first === null || users < first)) first = users
  }

  return first
}
