/**
 * The data tier: databases and caches, sized by cost.
 *
 * Three levels, each a fixed family of candidate plans:
 * - 0: one database instance per region (the primary, and one cross-region replica in each
 *   other region), of whatever class carries the load; no cache.
 * - 1: the same with a cache in every region, taking `cacheHitRatio` of the reads.
 * - 2: scaled out: read replicas in the primary region, or shards, or both; a cache wherever it
 *   makes the plan cheaper.
 * Within a level the cheapest candidate that carries the load wins; every candidate's cost only
 * grows with users, so a level's cost never falls. Between levels the plan moves up where the
 * higher level first costs no more (`crossover.ts`), and never back down.
 *
 * One instance class serves a database's primaries and replicas alike: any replica can take over.
 */
import type {Thresholds} from '../spec/thresholds.js'
import type {CacheEngine, DatabaseComponent} from '../topology/types.js'
import {CACHE_MAX_SHARDS, RDS_MAX_STORAGE_GIB, RDS_MIN_STORAGE_GIB} from './catalog.js'
import {
  ceilCount,
  dbFits,
  replicaReadQps,
  type Capacities,
  type CacheNodeCapacity,
  type DbNodeCapacity,
} from './capacity.js'
import {crossover} from './crossover.js'
import {BYTES_PER_GB} from './load.js'
import {instancesUsd, type PlanPricing} from './pricing.js'

export type DataLevel = 0 | 1 | 2

const NO_CACHE = [false] as const
const CACHED = [true] as const
const EITHER = [false, true] as const

/** Relative slack on cost bounds when pruning, far above the rounding of a sum of a few prices. */
const BOUND_MARGIN = 1e-9

/** Everything about the data tier but the number of users; loads are per daily user. */
export interface DataTierShape {
  /** The primary region first. */
  readonly regions: readonly string[]
  /** Read queries/s at peak per daily user, by region. */
  readonly readQpsPerUser: readonly number[]
  /** Write queries/s at peak per daily user, all regions together (all reach the primary). */
  readonly writeQpsPerUser: number
  readonly dataBytes: number
  /** The working set a cache holds, in GiB. */
  readonly hotSetGiB: number
  readonly multiAz: boolean
  /** Database shards already built (1 when none were split): a plan never has fewer. */
  readonly shardsBuilt: number
  readonly engine: CacheEngine
  readonly thresholds: Thresholds
  readonly capacities: Capacities
}

/** A region's cache: node type and shards, each shard a primary and one replica. */
export interface CachePlan {
  readonly node: CacheNodeCapacity
  readonly shards: number
  /** Operations/s at peak: every read asks the cache, and every miss writes the value back. */
  readonly opsPerSecond: number
  readonly usd: number
}

export interface DataTierPlan {
  readonly level: DataLevel
  /** Monthly USD of the databases and caches (cross-region replication transfer aside). */
  readonly usd: number
  readonly node: DbNodeCapacity
  readonly shards: number
  /** Read replicas per shard, by region (cross-region ones outside the primary region). */
  readonly replicasPerShard: readonly number[]
  readonly storageGiB: number
  /** The cache of each region, if it has one. */
  readonly caches: readonly (CachePlan | undefined)[]
  /** The database component of each region. */
  readonly databases: readonly DatabaseComponent[]
}

/** Shards, and replicas per shard by region. */
interface Layout {
  readonly shards: number
  readonly replicasPerShard: readonly number[]
  readonly storageGiB: number
}

/** The cheapest candidate found so far in one search. */
interface Search {
  readonly level: DataLevel
  best:
    | {readonly node: DbNodeCapacity; readonly layout: Layout; readonly caches: readonly (CachePlan | undefined)[]}
    | undefined
  /** Candidates must cost no more than this: the caller's bound, then the best so far. */
  bound: number
  /** Stop at the first candidate that carries the load: asks whether the level can, not at what cost. */
  readonly firstFit: boolean
}

export class DataTierModel {
  private readonly storageScaledGiB: number
  /** The fewest shards any plan may have: what the data needs, and what is already built. */
  private readonly minShards: number
  /** Monthly USD of one instance, by region then class (the order of `capacities.db`). */
  private readonly instanceUsd: readonly (readonly number[])[]
  /** Monthly USD of a GiB of storage on one instance, by region. */
  private readonly storageUsd: readonly number[]
  /** Monthly USD of one cache node, by region then node type (the order of `capacities.cache`). */
  private readonly cacheNodeUsd: readonly (readonly number[])[]
  /**
   * The least one shard of a class costs at level 2, by class: its primaries, the cross-region
   * replica every other region reads from, and the smallest storage each of them can have.
   */
  private readonly shardFloorUsd: readonly number[]
  /** Scratch for `scaledOut`'s shard counts, reused: it runs thousands of times a plan. */
  private readonly shardCandidates: number[] = []
  /** Levels 0 and 1: one shard, and one cross-region replica in every other region. */
  private readonly singleLayout: Layout
  /** No cache in any region. */
  private readonly noCaches: readonly undefined[]
  /** Monthly USD of level 0's one candidate of each class, which no number of users changes. */
  private readonly singleUsd: readonly number[]

  constructor(
    readonly shape: DataTierShape,
    pricing: PlanPricing,
  ) {
    const {thresholds, dataBytes, regions, capacities, engine} = shape
    this.storageScaledGiB = (dataBytes / BYTES_PER_GB) * thresholds.storageHeadroom
    this.minShards = Math.max(
      1,
      ceilCount(dataBytes / 1e9 / thresholds.storagePerShardGB),
      ceilCount(this.storageScaledGiB / RDS_MAX_STORAGE_GIB),
      shape.shardsBuilt,
    )
    // The same unit prices the bill reads: the planner only multiplies them as the bill does.
    this.instanceUsd = regions.map((region) =>
      capacities.db.map((n) => pricing.dbInstance(region, n.dbClass.instanceClass)),
    )
    this.storageUsd = regions.map((region) => pricing.dbStorageGiB(region))
    this.cacheNodeUsd = regions.map((region) =>
      capacities.cache.map((n) => pricing.cacheNode(region, n.nodeType, engine)),
    )
    this.singleLayout = {
      shards: 1,
      replicasPerShard: regions.map((_, i) => (i === 0 ? 0 : 1)),
      storageGiB: this.storage(1),
    }
    this.noCaches = regions.map(() => undefined)
    this.singleUsd = capacities.db.map((_, c) => this.classUsd(c, this.singleLayout, this.noCaches))
    const primaries = shape.multiAz ? 2 : 1
    this.shardFloorUsd = capacities.db.map((_, c) =>
      regions.reduce(
        (usd, _region, i) =>
          usd + (i === 0 ? primaries : 1) * (this.instanceUsd[i]![c]! + RDS_MIN_STORAGE_GIB * this.storageUsd[i]!),
        0,
      ),
    )
  }

  /**
   * Monthly USD of the cheapest plan of a level for `users` that costs at most `bound`;
   * Infinity when the level cannot carry them within it. At level 2, `cached` may insist on a
   * cache in every region, or on none.
   */
  cost(level: DataLevel, users: number, bound = Infinity, cached?: boolean): number {
    const search = this.search(level, users, bound, cached)
    return search.best ? search.bound : Infinity
  }

  /**
   * The monthly USD of some plan of the level for `users` that costs at most `bound` (the first
   * found, not the cheapest), or Infinity when none does: whether the level carries the load
   * within the bound, found out without searching on for the cheapest.
   */
  costWithin(level: DataLevel, users: number, bound = Infinity): number {
    const search = this.search(level, users, bound, undefined, true)
    return search.best ? search.bound : Infinity
  }

  /** The cheapest plan of a level for `users`, or undefined when the level cannot carry them. */
  best(level: DataLevel, users: number): DataTierPlan | undefined {
    const {best, bound} = this.search(level, users, Infinity)
    return best && this.plan(level, best.node, best.layout, best.caches, bound)
  }

  /**
   * A plan of the level's structure whatever the load (for a forced stage): the cheapest that
   * carries it, or else the largest class, and whether it carries the load.
   */
  bestOrLargest(level: DataLevel, users: number): {plan: DataTierPlan; fits: boolean} {
    const plan = this.best(level, users)
    if (plan) return {plan, fits: true}
    const node = this.shape.capacities.db.at(-1)!
    const caches = (level === 1 && this.caches(users, true)) || this.shape.regions.map(() => undefined)
    const shards = this.minShards
    const replicasPerShard = this.shape.regions.map((_, i) => (i > 0 || level === 2 ? 1 : 0))
    const layout = {shards, replicasPerShard, storageGiB: this.storage(shards)}
    return {plan: this.plan(level, node, layout, caches, this.usd(node, layout, caches)), fits: false}
  }

  /** The share of reads that reach the database: those the cache misses, or all of them. */
  private missRatio(cached: boolean): number {
    return cached ? 1 - this.shape.thresholds.cacheHitRatio : 1
  }

  private loads(users: number, cached: boolean): {reads: number[]; writes: number} {
    const miss = this.missRatio(cached)
    return {
      reads: this.shape.readQpsPerUser.map((perUser) => perUser * users * miss),
      writes: this.shape.writeQpsPerUser * users,
    }
  }

  /** Allocated storage per instance for `shards` shards. */
  private storage(shards: number): number {
    return Math.max(RDS_MIN_STORAGE_GIB, ceilCount(this.storageScaledGiB / shards))
  }

  /**
   * The cheapest cache per region (none when not `wanted`), or undefined when a region's working
   * set or reads fit no cluster.
   */
  private caches(users: number, wanted: boolean): readonly (CachePlan | undefined)[] | undefined {
    if (!wanted) return this.noCaches
    const {capacities, thresholds, hotSetGiB} = this.shape
    const plans: CachePlan[] = []
    for (let i = 0; i < this.shape.regions.length; i++) {
      const opsPerSecond = this.shape.readQpsPerUser[i]! * users * (2 - thresholds.cacheHitRatio)
      let best: CachePlan | undefined
      for (const [t, node] of capacities.cache.entries()) {
        const shards = Math.max(1, ceilCount(hotSetGiB / node.memoryGiB), ceilCount(opsPerSecond / node.ops))
        if (shards > (node.single ? 1 : CACHE_MAX_SHARDS)) continue
        const usd = shards * 2 * this.cacheNodeUsd[i]![t]!
        if (!best || usd < best.usd) best = {node, shards, opsPerSecond, usd}
      }

      if (!best) return undefined
      plans.push(best)
    }

    return plans
  }

  private search(level: DataLevel, users: number, bound: number, cached?: boolean, firstFit = false): Search {
    const search: Search = {level, best: undefined, bound, firstFit}
    const cacheOptions =
      level === 0 ? NO_CACHE : level === 1 ? CACHED : cached === undefined ? EITHER : cached ? CACHED : NO_CACHE
    for (const withCache of cacheOptions) {
      const caches = this.caches(users, withCache)
      if (!caches) continue
      const classes = this.shape.capacities.db
      if (level === 2) {
        const {reads, writes} = this.loads(users, withCache)
        for (let c = 0; c < classes.length; c++) {
          this.scaledOut(search, c, classes[c]!, reads, writes, caches)
          if (firstFit && search.best) return search
        }
      } else {
        const miss = this.missRatio(withCache)
        for (let c = 0; c < classes.length; c++) {
          this.singleInstance(search, c, classes[c]!, users, miss, caches)
          if (firstFit && search.best) return search
        }
      }
    }

    return search
  }

  /** Monthly USD of a candidate: the arithmetic of the bill's database and cache lines. */
  private usd(node: DbNodeCapacity, layout: Layout, caches: readonly (CachePlan | undefined)[]): number {
    return this.classUsd(this.shape.capacities.db.indexOf(node), layout, caches)
  }

  /** `usd` for the class at index `c` of `capacities.db`: what the searches call, thousands of times a plan. */
  private classUsd(c: number, layout: Layout, caches: readonly (CachePlan | undefined)[]): number {
    const primaries = layout.shards * (this.shape.multiAz ? 2 : 1)
    let usd = 0
    for (let i = 0; i < this.shape.regions.length; i++) {
      const price = this.instanceUsd[i]![c]!
      const replicas = layout.shards * layout.replicasPerShard[i]!
      const storageGiB = Math.min(layout.storageGiB, RDS_MAX_STORAGE_GIB)
      usd +=
        instancesUsd(i === 0 ? primaries : 0, replicas, i === 0 ? price : 0, price, storageGiB, this.storageUsd[i]!) +
        (caches[i]?.usd ?? 0)
    }

    return usd
  }

  private consider(
    search: Search,
    c: number,
    node: DbNodeCapacity,
    layout: Layout,
    caches: readonly (CachePlan | undefined)[],
    usd = this.classUsd(c, layout, caches),
  ) {
    if (usd < search.bound || (search.best === undefined && usd <= search.bound)) {
      search.best = {node, layout, caches}
      search.bound = usd
    }
  }

  /** Levels 0 and 1: one instance per region carries everything. */
  private singleInstance(
    search: Search,
    c: number,
    node: DbNodeCapacity,
    users: number,
    miss: number,
    caches: readonly (CachePlan | undefined)[],
  ): void {
    if (this.minShards > 1) return
    const {readQpsPerUser, writeQpsPerUser} = this.shape
    // A burstable class only for a database of one instance: replicas would replay its writes on credits.
    if (node.dbClass.burstable && readQpsPerUser.length > 1) return
    // Level 0's candidates cost the same at any users: priced once, and only the fit is checked.
    const usd = caches === this.noCaches ? this.singleUsd[c]! : undefined
    if (usd !== undefined && usd > search.bound) return
    // The loads as `loads` computes them, without building its arrays: level 0 is asked this dozens of times a plan.
    const writes = writeQpsPerUser * users
    for (const perUser of readQpsPerUser) if (!dbFits(node, perUser * users * miss, writes)) return
    this.consider(search, c, node, this.singleLayout, caches, usd)
  }

  /**
   * Level 2: shards and replicas. For a class, the cheapest shard count is one at which some
   * region's replica count just drops, or the fewest that fit: between those counts a shard more
   * only adds a primary. So those few counts are all that need trying.
   */
  private scaledOut(
    search: Search,
    c: number,
    node: DbNodeCapacity,
    reads: readonly number[],
    writes: number,
    caches: readonly (CachePlan | undefined)[],
  ): void {
    if (node.dbClass.burstable) return
    const {maxReadReplicas} = this.shape.thresholds
    // Shards at which each primary just carries its writes: below it nothing fits.
    const writeShards = writes / node.writeQps
    const fewest = Math.max(this.minShards, ceilCount(writeShards), 1)
    // Every shard costs at least its floor, and the caches come on top: once that passes the
    // bound, larger counts do too. The margin keeps a candidate whose sum rounds differently.
    let cachesUsd = 0
    for (const cache of caches) cachesUsd += cache?.usd ?? 0
    const floorUsd = this.shardFloorUsd[c]!
    const withinBound = (shards: number) => shards * floorUsd + cachesUsd <= search.bound * (1 + BOUND_MARGIN)
    if (!withinBound(fewest)) return
    // Counts past this are never within the bound; one more than the division says, so that its
    // rounding never drops a count `withinBound` would keep (it decides, below).
    const most = Math.floor((search.bound * (1 + BOUND_MARGIN) - cachesUsd) / floorUsd) + 1
    const candidates = this.shardCandidates
    candidates.length = 0
    candidates.push(fewest, Math.floor(writeShards) + 1, 2)
    for (const r of reads) {
      if (r <= 0) continue
      // The shard count at which n replicas per shard just suffice, for each n; fewer n need more
      // shards. At n = 1 it is also where the primaries alone serve their region's reads.
      for (let n = 1; n <= maxReadReplicas; n++) {
        const shards = ceilCount(writeShards + r / (n * node.readQps))
        if (shards < fewest) break
        if (shards <= most) candidates.push(shards)
      }
    }

    sortAscending(candidates)
    let previous = 0
    for (const shards of candidates) {
      if (shards === previous || shards < fewest) continue
      previous = shards
      if (!withinBound(shards)) break
      const layout = this.layout(node, shards, reads, writes)
      if (layout) this.consider(search, c, node, layout, caches)
      if (search.firstFit && search.best) return
    }
  }

  /** Replicas per shard for `shards` shards of `node`, or undefined when they cannot carry the load. */
  private layout(node: DbNodeCapacity, shards: number, reads: readonly number[], writes: number): Layout | undefined {
    const perShardWrites = writes / shards
    if (!dbFits(node, 0, perShardWrites)) return undefined
    const storageGiB = this.storage(shards)
    if (storageGiB > RDS_MAX_STORAGE_GIB) return undefined
    const replicaReads = replicaReadQps(node, perShardWrites)
    const replicasPerShard: number[] = []
    let total = 0
    for (const [i, r] of reads.entries()) {
      const perShardReads = r / shards
      let replicas: number
      if (i === 0 && shards > 1 && dbFits(node, perShardReads, perShardWrites)) {
        replicas = 0 // the primaries serve their region's reads
      } else {
        if (perShardReads > 0 && replicaReads <= 0) return undefined
        const needed = perShardReads > 0 ? ceilCount(perShardReads / replicaReads) : 0
        // Level 2 scales out: one shard has at least one replica in the primary region; other
        // regions read from at least one cross-region replica of every shard.
        replicas = Math.max(needed, i > 0 || shards === 1 ? 1 : 0)
      }

      total += replicas
      if (total > this.shape.thresholds.maxReadReplicas) return undefined
      replicasPerShard.push(replicas)
    }

    return {shards, replicasPerShard, storageGiB}
  }

  private plan(
    level: DataLevel,
    node: DbNodeCapacity,
    layout: Layout,
    caches: readonly (CachePlan | undefined)[],
    usd: number,
  ): DataTierPlan {
    const {regions, multiAz} = this.shape
    const instanceClass = node.dbClass.instanceClass
    const {shards, replicasPerShard} = layout
    const storageGiB = Math.min(layout.storageGiB, RDS_MAX_STORAGE_GIB)
    // Literals rather than a spread of shared fields: this runs for every plan a forecast samples.
    const databases = regions.map((_, i): DatabaseComponent =>
      i === 0
        ? {
            kind: 'database',
            engine: 'postgres',
            replicaInstanceClass: instanceClass,
            shards,
            replicasPerShard: replicasPerShard[i]!,
            storageGiB,
            role: 'primary',
            instanceClass,
            multiAz,
          }
        : {
            kind: 'database',
            engine: 'postgres',
            replicaInstanceClass: instanceClass,
            shards,
            replicasPerShard: replicasPerShard[i]!,
            storageGiB,
            role: 'replica',
          },
    )
    return {
      level,
      usd,
      node,
      shards: layout.shards,
      replicasPerShard: layout.replicasPerShard,
      storageGiB: layout.storageGiB,
      caches,
      databases,
    }
  }
}

/** How the data tier's level changes with users: where it starts, and where it moves up. */
export interface DataTierPath {
  readonly start: DataLevel
  readonly steps: readonly DataTierStep[]
}

export interface DataTierStep {
  readonly from: DataLevel
  readonly to: DataLevel
  readonly atUsers: number
  /** Monthly USD of the cheapest plan at the level left behind and at the level taken, at `atUsers`. */
  readonly fromUsd: number
  readonly toUsd: number
}

/** Walks the levels up from one user: at each level, the users at which a higher one first costs no more. */
export function dataTierPath(model: DataTierModel, maxUsers: number): DataTierPath {
  const levels: DataLevel[] = [0, 1, 2]
  /** The cheapest of `candidates` costing at most `bound`; ties go to the higher level. */
  const cheapestFrom = (users: number, candidates: readonly DataLevel[], bound = Infinity) => {
    let level: DataLevel | undefined
    let usd = bound
    for (const candidate of candidates) {
      const cost = model.cost(candidate, users, usd)
      if (Number.isFinite(cost) && cost <= usd) {
        level = candidate
        usd = cost
      }
    }

    return {level, usd}
  }

  const first = cheapestFrom(1, levels)
  let current: DataLevel = first.level ?? 2
  const start = current
  const steps: DataTierStep[] = []
  let low = 1
  while (current < 2) {
    const here = current
    const above = levels.filter((level) => level > here)
    const better = costsNoMore(model, here, above)
    const atUsers = crossover(better, low, maxUsers)
    if (atUsers === null) break
    const taken = cheapestFrom(atUsers, above)
    steps.push({from: here, to: taken.level!, atUsers, fromUsd: model.cost(here, atUsers), toUsd: taken.usd})
    current = taken.level!
    low = atUsers
  }

  return {start, steps}
}

/**
 * Whether some level of `above` costs no more than `here` at a number of users: the question a
 * crossover asks, answered as cheaply as it can be.
 * - Any plan above within the cost of `here` answers it, so the search stops at the first such
 *   plan rather than going on for the cheapest.
 * - It remembers what each answer proved. Every level's cost only grows with users, so where the
 *   levels above cost more than X at `a`, they do at every count past `a`; where one costs at
 *   most Y at `b`, it does at every count below `b`. A bisection closes in on its point from both
 *   sides, so most of its steps are settled this way, and only the cost of `here`, a single
 *   instance per region, is computed for them.
 */
function costsNoMore(model: DataTierModel, here: DataLevel, above: readonly DataLevel[]): (users: number) => boolean {
  /** The levels above cost more than `usd` at `users` and past it (Infinity: they carry none of those counts). */
  const exceeds: {readonly users: number; readonly usd: number}[] = []
  /** One level above costs at most `usd` at `users` and below it. */
  const within: {readonly users: number; readonly usd: number}[] = []
  return (users) => {
    // Infinity past what `here` carries: then any level above that carries the load is better.
    const own = model.cost(here, users)
    if (within.some((known) => known.users >= users && known.usd <= own)) return true
    if (exceeds.some((known) => known.users <= users && known.usd >= own)) return false
    for (const level of above) {
      const usd = model.costWithin(level, users, own)
      if (Number.isFinite(usd)) {
        within.push({users, usd})
        return true
      }
    }

    exceeds.push({users, usd: own})
    return false
  }
}

/** The level of the data tier at `users`. */
export function levelAt(path: DataTierPath, users: number): DataLevel {
  let level = path.start
  for (const step of path.steps) if (users >= step.atUsers) level = step.to
  return level
}

/**
 * Sorts a few dozen numbers in place, ascending. Insertion sort: `Array.prototype.sort` with a
 * comparator was the top of the planner's profile, called thousands of times a plan on short
 * lists that arrive in runs.
 */
function sortAscending(values: number[]): void {
  for (let i = 1; i < values.length; i++) {
    const value = values[i]!
    let j = i - 1
    while (j >= 0 && values[j]! > value) {
      values[j + 1] = values[j]!
      j--
    }

    values[j + 1] = value
  }
}
