/**
 * The instance sizes the planner chooses from, smallest first, with how much load each carries
 * relative to the reference node the thresholds describe.
 */

export interface DbClass {
  readonly instanceClass: string
  readonly vcpu: number
  readonly memoryGiB: number
  /** Throughput as a multiple of `dbNodeReadRps` (which describes db.r7g.xlarge). */
  readonly relativeCapacity: number
  readonly source: string
}

export const DB_CLASSES: readonly DbClass[] = [
  {
    instanceClass: 'db.t4g.medium',
    vcpu: 2,
    memoryGiB: 4,
    relativeCapacity: 0.25,
    source:
      'estimate: burstable; sustained throughput falls well below 2-vCPU r7g once CPU credits run out (sources: postgresbench)',
  },
  {
    instanceClass: 'db.r7g.large',
    vcpu: 2,
    memoryGiB: 16,
    relativeCapacity: 0.5,
    source: 'estimate: 1.5-2k pgbench TPS extrapolated by vCPU from PostgresBench (sources: postgresbench)',
  },
  {
    instanceClass: 'db.r7g.xlarge',
    vcpu: 4,
    memoryGiB: 32,
    relativeCapacity: 1,
    source: 'the reference node: PostgresBench 4 vCPU 3,690-3,897 TPS (sources: postgresbench)',
  },
  {
    instanceClass: 'db.r7g.2xlarge',
    vcpu: 8,
    memoryGiB: 64,
    relativeCapacity: 1.5,
    source: 'estimate: between the measured 4-vCPU and 16-vCPU PostgresBench results (sources: postgresbench)',
  },
  {
    instanceClass: 'db.r7g.4xlarge',
    vcpu: 16,
    memoryGiB: 128,
    relativeCapacity: 2,
    source: 'PostgresBench 16 vCPU: 7,197-8,098 TPS, about 2x the 4-vCPU node (sources: postgresbench)',
  },
]

export interface CacheNodeType {
  readonly nodeType: string
  /** Usable memory and throughput as multiples of `cacheNodeMemoryGiB` / `cacheNodeOps` (cache.r7g.large). */
  readonly relativeMemory: number
  readonly relativeOps: number
  readonly source: string
}

/** Node types for cache shards; cache.t4g.small is chosen separately, for small hot sets only. */
export const CACHE_NODE_TYPES: readonly CacheNodeType[] = [
  {
    nodeType: 'cache.r7g.large',
    relativeMemory: 1,
    relativeOps: 1,
    source: 'the reference node (13.07 GiB raw, sources: elasticache-node-memory)',
  },
  {
    nodeType: 'cache.r7g.xlarge',
    relativeMemory: 2,
    relativeOps: 2,
    source: '26.32 GiB raw (sources: elasticache-node-memory); ops estimated 2x',
  },
  {
    nodeType: 'cache.r7g.2xlarge',
    relativeMemory: 4,
    relativeOps: 4,
    source: 'estimate: 2x xlarge, the r7g family doubles per size',
  },
  {
    nodeType: 'cache.r7g.4xlarge',
    relativeMemory: 8,
    relativeOps: 10,
    source: '> 1M req/s measured by AWS on Redis 7.1 (sources: elasticache-throughput)',
  },
]

export const SMALL_CACHE_NODE = {
  nodeType: 'cache.t4g.small',
  /** 1.37 GiB raw x 75% usable (sources: elasticache-limits, elasticache-node-memory). */
  usableGiB: 1.03,
  /** AWS sizing guidance: T family up to 20,000 ops/s (sources: elasticache-throughput). */
  maxOps: 20_000,
} as const

/**
 * Shards per cache cluster before a larger node type is preferred: 90 nodes is ElastiCache's
 * default per cluster (sources: elasticache-limits), and each shard here has a primary and one replica.
 */
export const CACHE_SHARDS_PER_CLUSTER = 45
/** ElastiCache's ceiling after a quota increase: 500 nodes (sources: elasticache-limits), so 250 two-node shards. */
export const CACHE_MAX_SHARDS = 250

export const SINGLE_SERVER_INSTANCE = 't3.medium'
export const APP_SERVER_INSTANCE = 'm7g.large'
/** Fargate task size for a service: 1 vCPU, 2 GiB (sources: fargate-task-sizes). */
export const SERVICE_TASK = {cpuUnits: 1024, memoryMiB: 2048} as const
/** Root volume of each app server: OS and application (the data lives in the database). */
export const APP_SERVER_VOLUME_GIB = 20
/** OS and application files on the single server, besides the data. */
export const SINGLE_SERVER_BASE_GIB = 20
/** RDS gp3 minimum allocated storage (sources: rds-storage). */
export const RDS_MIN_STORAGE_GIB = 20
/** RDS maximum allocated storage per instance, 64 TiB (sources: rds-storage). */
export const RDS_MAX_STORAGE_GIB = 65_536
