/**
 * What the planner needs to know about prices to choose the cheapest plan that carries the load.
 * `cost/` implements it from its price tables and passes it in: capacity/ comes first in the
 * pipeline and holds no prices, yet "cheapest fix first" has to compare real costs.
 *
 * The planner and the bill price through these same functions, so the plan chosen as cheapest
 * is the one the bill shows as cheapest.
 */
import type {CacheEngine, CacheComponent, Component, DatabaseComponent} from '../topology/types.js'
import type {RegionTraffic} from './load.js'

/** What a component is priced against besides itself. */
export interface PricingContext {
  readonly region: string
  /** The region holding the database primaries (cross-region replication is billed from it). */
  readonly primaryRegion: string
  readonly traffic: RegionTraffic
  /** True when the project's users are served through CloudFront. */
  readonly cdn: boolean
  /**
   * Requests for static files the region's bucket answers: its own users' without the CDN; with
   * it, the edge's misses for every region's users, all from the primary region's one bucket.
   */
  readonly siteRequests: number
}

/** One region's viewers of the project's CloudFront distribution. */
export interface CdnViewers {
  readonly region: string
  readonly traffic: RegionTraffic
}

export interface PlanPricing {
  /** Monthly USD of one component in its region. */
  component(component: Component, context: PricingContext): number
  /**
   * Monthly USD of the project's one CloudFront distribution, as each region's viewers' share (in
   * the order given). CloudFront tiers its volume per viewer geography for the whole account, so
   * regions in one geography add their bytes before the tiers apply; the shares sum to the total.
   */
  cdn(viewers: readonly CdnViewers[]): readonly number[]
  /** Monthly USD of the region's bytes sent straight to the internet (no CDN in front). */
  egress(context: PricingContext): number
  /** Monthly USD of one RDS instance of a class in a region, Single-AZ. */
  dbInstance(region: string, instanceClass: string): number
  /** Monthly USD of one GiB of RDS storage on one instance in a region. */
  dbStorageGiB(region: string): number
  /** Monthly USD of one cache node. */
  cacheNode(region: string, nodeType: string, engine: CacheEngine): number
}

/**
 * Instances and storage of a database component, priced from unit prices. The planner compares
 * candidates with this very function, and the bill's database line starts from it.
 */
export function databaseUsd(db: DatabaseComponent, region: string, pricing: PlanPricing): number {
  const primary = db.role === 'primary'
  return instancesUsd(
    primary ? db.shards * (db.multiAz ? 2 : 1) : 0,
    db.shards * db.replicasPerShard,
    primary ? pricing.dbInstance(region, db.instanceClass) : 0,
    pricing.dbInstance(region, db.replicaInstanceClass),
    db.storageGiB,
    pricing.dbStorageGiB(region),
  )
}

/**
 * Database instances and their storage from counts and unit prices: the arithmetic of
 * `databaseUsd`, which the planner also runs on candidates it has not built as components.
 */
export function instancesUsd(
  primaries: number,
  replicas: number,
  primaryUsd: number,
  replicaUsd: number,
  storageGiB: number,
  storageUsdPerGiB: number,
): number {
  return primaries * primaryUsd + replicas * replicaUsd + (primaries + replicas) * storageGiB * storageUsdPerGiB
}

/** Nodes of a cache component, priced. */
export function cacheUsd(cache: CacheComponent, region: string, pricing: PlanPricing): number {
  return cache.shards * (1 + cache.replicasPerShard) * pricing.cacheNode(region, cache.nodeType, cache.engine)
}
