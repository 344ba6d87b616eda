/**
 * The instance sizes the planner chooses from, smallest first, with how much load each carries
 * relative to the reference node its thresholds describe. Each source names its section of
 * docs/sources.md (`sources: postgresbench`).
 */

export interface DbClass {
  readonly instanceClass: string
  readonly vcpu: number
  readonly memoryGiB: number
  /** Sustained throughput as a multiple of the reference node (db.r7g.xlarge, 4 vCPU). */
  readonly relativeCapacity: number
  /**
   * Burstable: runs above its CPU-credit baseline only while credits last, so it is planned at
   * the baseline, and only for a database of one instance (no replicas, no shards).
   */
  readonly burstable: boolean
  readonly source: string
}

export const DB_CLASSES: readonly DbClass[] = [
  {
    instanceClass: 'db.t4g.medium',
    vcpu: 2,
    memoryGiB: 4,
    relativeCapacity: 0.1,
    burstable: true,
    source:
      'AWS burstable performance instances: a t4g.medium earns credits for a 20% baseline on each of its 2 vCPUs, ' +
      'a tenth of the 4-vCPU reference node (sources: burstable-credits)',
  },
  {
    instanceClass: 'db.r7g.large',
    vcpu: 2,
    memoryGiB: 16,
    relativeCapacity: 0.5,
    burstable: false,
    source: 'estimate: half the 4-vCPU PostgresBench measurement, by vCPU (sources: postgresbench)',
  },
  {
    instanceClass: 'db.r7g.xlarge',
    vcpu: 4,
    memoryGiB: 32,
    relativeCapacity: 1,
    burstable: false,
    source:
      'the reference node: PostgresBench, RDS PostgreSQL on 4 vCPU, 3,690-3,897 TPC-B transactions/s ' +
      '(sources: postgresbench)',
  },
  {
    instanceClass: 'db.r7g.2xlarge',
    vcpu: 8,
    memoryGiB: 64,
    relativeCapacity: 1.5,
    burstable: false,
    source: 'estimate: between the measured 4-vCPU and 16-vCPU PostgresBench results (sources: postgresbench)',
  },
  {
    instanceClass: 'db.r7g.4xlarge',
    vcpu: 16,
    memoryGiB: 128,
    relativeCapacity: 2,
    burstable: false,
    source:
      'PostgresBench, RDS PostgreSQL on 16 vCPU: 7,197-8,098 TPC-B transactions/s, about 2x the 4-vCPU node ' +
      '(sources: postgresbench)',
  },
]

export interface CacheNodeType {
  readonly nodeType: string
  readonly vcpu: number
  /** Usable memory and throughput as multiples of `cacheNodeMemoryGiB` / `cacheNodeOps` (cache.r7g.large). */
  readonly relativeMemory: number
  readonly relativeOps: number
  readonly source: string
}

/** Node types for cache shards, smallest first. */
export const CACHE_NODE_TYPES: readonly CacheNodeType[] = [
  {
    nodeType: 'cache.r7g.large',
    vcpu: 2,
    relativeMemory: 1,
    relativeOps: 1,
    source: 'the reference node: 13.07 GiB raw (sources: elasticache-node-memory)',
  },
  {
    nodeType: 'cache.r7g.xlarge',
    vcpu: 4,
    relativeMemory: 2,
    relativeOps: 2,
    source: '26.32 GiB raw (sources: elasticache-node-memory); ops estimated 2x',
  },
  {
    nodeType: 'cache.r7g.2xlarge',
    vcpu: 8,
    relativeMemory: 4,
    relativeOps: 4,
    source: 'estimate: 2x xlarge, the r7g family doubles per size',
  },
  {
    nodeType: 'cache.r7g.4xlarge',
    vcpu: 16,
    relativeMemory: 8,
    relativeOps: 10,
    source: '> 1M req/s measured by AWS on Redis 7.1 (sources: elasticache-throughput)',
  },
]

/** A burstable node for a small hot set: one shard only. */
export const SMALL_CACHE_NODE = {
  nodeType: 'cache.t4g.small',
  /** 1.37 GiB raw x 75% usable after ElastiCache's default reserve (sources: elasticache-limits, elasticache-node-memory). */
  usableGiB: 1.03,
  /** AWS sizing guidance: the T family up to 20,000 ops/s (sources: elasticache-throughput). */
  maxOps: 20_000,
} as const

/**
 * ElastiCache's hard ceiling of 500 nodes per cluster (after a quota increase from the default
 * 90): 250 shards of a primary and one replica (sources: elasticache-limits).
 */
export const CACHE_MAX_SHARDS = 250

export const SINGLE_SERVER_INSTANCE = 't3.medium'
export const APP_SERVER_INSTANCE = 'm7g.large'
/** vCPUs of the instance types above, for the EC2 vCPU quota. */
export const INSTANCE_VCPUS: Readonly<Record<string, number>> = {'t3.medium': 2, 'm7g.large': 2}
/**
 * Fargate task size for a service: 2 vCPU and 8 GiB, the resources of an app server (m7g.large),
 * so a service is sized in the same unit as the servers it replaces (a valid Fargate size,
 * sources: fargate-task-sizes). Fargate charges a premium for the same resources, so the services
 * never cost less than the servers did.
 */
export const SERVICE_TASK = {cpuUnits: 2048, memoryMiB: 8192} as const
/** Root volume of each app server: OS and application (the data lives in the database). */
export const APP_SERVER_VOLUME_GIB = 20
/** OS and application files on the single server, besides the data. */
export const SINGLE_SERVER_BASE_GIB = 20
/** RDS gp3 minimum allocated storage (sources: rds-storage). */
export const RDS_MIN_STORAGE_GIB = 20
/** RDS maximum allocated storage per instance, 64 TiB: a hard limit (sources: rds-storage). */
export const RDS_MAX_STORAGE_GIB = 65_536
/** Front-end files of the static site, besides any object data, in GB. */
export const STATIC_SITE_GB = 1
