/**
 * The Topology: the one contract between planning (`capacity/`) and infrastructure (`infra/`).
 *
 * A plain, serialisable object. It is what `recommend --json` prints under `topology`, what
 * `diff` compares, and the only input of the CDKTF constructs. Every count and size in it was
 * decided by the capacity planner; nothing downstream re-derives capacity from load.
 *
 * Changing a field name here is a breaking change for `--json` consumers and for golden files.
 */

export const STAGES = [
  {number: 1, name: 'single-server', title: 'Single server'},
  {number: 2, name: 'three-tier', title: 'Three-tier'},
  {number: 3, name: 'load-balanced', title: 'Horizontal scaling behind a load balancer'},
  {number: 4, name: 'cdn', title: 'CDN in front'},
  {number: 5, name: 'cache', title: 'Read cache (80/20 rule)'},
  {number: 6, name: 'database-scaling', title: 'Database read replicas and shards'},
  {number: 7, name: 'microservices', title: 'Microservices'},
] as const

export type StageNumber = (typeof STAGES)[number]['number']
export type StageName = (typeof STAGES)[number]['name']

export interface Topology {
  /** Project name from the spec; the prefix of every stack and resource name. */
  readonly name: string
  readonly stage: StageNumber
  /** Availability target in percent (e.g. 99.9); decides Multi-AZ and zone counts. */
  readonly availabilityPercent: number
  /** The region that holds the write primaries; always `regions[0].region`. */
  readonly primaryRegion: string
  readonly regions: readonly RegionTopology[]
}

export interface RegionTopology {
  readonly region: string
  /** True for the region that holds the database primaries (the first region of the spec). */
  readonly primary: boolean
  /** Fraction of users served from this region, 0..1; all regions add up to 1. */
  readonly userShare: number
  /** Availability zones the region's subnets span. */
  readonly zones: number
  readonly components: readonly Component[]
}

export type Component =
  | NetworkComponent
  | ServerComponent
  | AppServersComponent
  | StaticSiteComponent
  | LoadBalancerComponent
  | CdnComponent
  | CacheComponent
  | DatabaseComponent
  | ServiceComponent

export type ComponentKind = Component['kind']

interface ComponentBase {
  /** How many billable units this component runs (instances, nodes, tasks, distributions). */
  readonly count: number
  /** A short size label for tables: an instance type, a node type, a task size. */
  readonly size: string
}

/** VPC with public and private subnets over `zones` zones. */
export interface NetworkComponent extends ComponentBase {
  readonly kind: 'network'
  readonly zones: number
  /** NAT gateways: one per zone when highly available, one otherwise, none at stage 1. */
  readonly natGateways: number
}

/** Stage 1: one machine running both the application and its database. */
export interface ServerComponent extends ComponentBase {
  readonly kind: 'server'
  readonly instanceType: string
  /** Root volume holding OS, application and database files. */
  readonly volumeGiB: number
}

/** Stage 2 and up: EC2 application servers (one at stage 2, an auto scaling group from stage 3). */
export interface AppServersComponent extends ComponentBase {
  readonly kind: 'app-servers'
  readonly instanceType: string
  /** Servers always running: what peak load needs plus one spare. */
  readonly minCount: number
  /** Ceiling for the auto scaling group. */
  readonly maxCount: number
}

/** Stage 2 and up: S3 bucket holding the static front end. */
export interface StaticSiteComponent extends ComponentBase {
  readonly kind: 'static-site'
}

/** Stage 3 and up: an Application Load Balancer over the region's zones. */
export interface LoadBalancerComponent extends ComponentBase {
  readonly kind: 'load-balancer'
}

/** Stage 4 and up: a CloudFront distribution for the region's static site and dynamic origin. */
export interface CdnComponent extends ComponentBase {
  readonly kind: 'cdn'
}

/** Stage 5 and up: Valkey/Redis replication group sized by the 80/20 rule. */
export interface CacheComponent extends ComponentBase {
  readonly kind: 'cache'
  readonly engine: 'valkey' | 'redis'
  readonly nodeType: string
  /** Node groups; more than one means cluster mode enabled. */
  readonly shards: number
  readonly replicasPerShard: number
  /** The hot data set the cache holds (hot-data fraction x data size), in GiB. */
  readonly hotDataGiB: number
}

/** Stage 2 and up: PostgreSQL on RDS. */
export interface DatabaseComponent extends ComponentBase {
  readonly kind: 'database'
  readonly engine: 'postgres'
  /**
   * `primary`: this region holds the writable primaries (one per shard).
   * `replica`: this region holds cross-region read replicas of the primary region's shards.
   */
  readonly role: 'primary' | 'replica'
  readonly instanceClass: string
  /** Class of the read replicas (same as the primary unless a smaller one serves the reads). */
  readonly replicaInstanceClass: string
  /** Independent primaries, each holding 1/shards of the data. 1 means unsharded. */
  readonly shards: number
  /** Read replicas per shard in this region (for `replica` regions: at least 1). */
  readonly replicasPerShard: number
  /** Allocated storage per database instance, in GiB. */
  readonly storageGiB: number
  /** Synchronous standby for each primary. Only meaningful for the `primary` role. */
  readonly multiAz: boolean
}

/** Stage 7: one independently scaled service on ECS Fargate behind `/<name>/*`. */
export interface ServiceComponent extends ComponentBase {
  readonly kind: 'service'
  readonly name: string
  /** Path pattern the load balancer routes to the service. */
  readonly path: string
  readonly cpu: number
  readonly memoryMiB: number
  /** Tasks always running: what the service's share of peak needs plus one spare. */
  readonly minTasks: number
  readonly maxTasks: number
}

export function stageInfo(stage: StageNumber): (typeof STAGES)[number] {
  return STAGES[stage - 1]!
}

/** The components of one kind in a region, typed by kind. */
export function componentsOf<K extends ComponentKind>(
  region: RegionTopology,
  kind: K,
): Extract<Component, {kind: K}>[] {
  return region.components.filter((c): c is Extract<Component, {kind: K}> => c.kind === kind)
}

/** The single component of a kind in a region, or undefined when the stage does not add it. */
export function componentOf<K extends ComponentKind>(
  region: RegionTopology,
  kind: K,
): Extract<Component, {kind: K}> | undefined {
  return componentsOf(region, kind)[0]
}
