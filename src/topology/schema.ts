/**
 * The Topology's runtime schema: the one contract between planning (`capacity/`) and
 * infrastructure (`infra/`), and the source of its TypeScript types (`types.ts`).
 *
 * The planner builds Topologies that satisfy it by construction; the schema is checked where a
 * Topology enters from outside (a file, a test fixture) and at the door of `infra/`. Each fact is
 * said once: the primary region by `primaryRegion` only (region order carries no meaning beyond
 * the VPC address block each region gets), counts by the fields that decide them (a table's
 * "how many" and "size" columns are derived in `derived.ts`), and every number's unit is in its
 * name.
 *
 * Renaming or removing a field is a breaking change for `recommend --json` consumers: bump the
 * Recommendation's `schemaVersion` and update the README's JSON section.
 */
import * as z from 'zod'

import {CACHE_ENGINES, FARGATE_CPU_UNITS, HOSTED_ZONE_ID} from './accepted-values.js'
import {STAGES} from './types.js'

/** RDS PostgreSQL on gp3: 20 GiB to 64 TiB per instance. */
const RDS_STORAGE_GIB = {min: 20, max: 65_536} as const
/** Read replicas RDS allows per source instance. */
const RDS_MAX_REPLICAS = 15

const count = (min: number) => z.number().int().min(min)
const gib = z.number().int().min(1)
const instanceType = z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'expected an EC2 instance type like m7g.large')
const awsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected an AWS region code like us-east-1')

/** VPC with a public and a private subnet in each of the region's zones. */
const networkSchema = z.strictObject({
  kind: z.literal('network'),
  /** NAT gateways for a private app tier: one per zone when highly available, else one; none without one. */
  natGateways: count(0),
})

/** Stage 1: one machine running both the application and its database. */
const serverSchema = z.strictObject({
  kind: z.literal('server'),
  instanceType,
  /** Root volume holding OS, application and database files. */
  volumeGiB: gib,
})

/** Stage 2 and up: EC2 application servers (one at stage 2, an auto scaling group from stage 3). */
const appServersSchema = z.strictObject({
  kind: z.literal('app-servers'),
  instanceType,
  /** Servers always running: what peak load needs plus one spare. */
  minCount: count(1),
  /** Ceiling for the auto scaling group. */
  maxCount: count(1),
  /** Root volume of each server (OS and application; the data lives in the database). */
  volumeGiB: gib,
})

/**
 * S3 bucket holding the static front end (stage 2 and up, or with object data) and the project's
 * object data (media, uploads). Below stage 4 each region serves its own front end; from stage 4
 * the one CloudFront distribution serves the primary region's bucket only. Object data lives in
 * the primary region's bucket whatever the stage.
 */
const staticSiteSchema = z.strictObject({
  kind: z.literal('static-site'),
  /** Object data the bucket holds besides the front-end files; absent when there is none. */
  objectStorageGiB: z.number().positive().optional(),
})

/** Stage 3 and up: an Application Load Balancer over the region's zones. */
const loadBalancerSchema = z.strictObject({kind: z.literal('load-balancer')})

/** A Valkey/Redis replication group holding the working set (stage 5 and up). */
const cacheSchema = z.strictObject({
  kind: z.literal('cache'),
  engine: z.enum(CACHE_ENGINES),
  nodeType: z.string().regex(/^cache\.[a-z0-9-]+\.[a-z0-9-]+$/, 'expected a node type like cache.r7g.large'),
  /** Node groups (shards); the cache runs in cluster mode from the first, so growing adds node groups. */
  shards: count(1),
  replicasPerShard: count(0),
  /** The working set the cache holds (hot set x data size). */
  hotDataGiB: z.number().min(0),
})

const dbInstanceClass = z.string().regex(/^db\.[a-z0-9-]+\.[a-z0-9-]+$/, 'expected an RDS class like db.r7g.large')

/** Class of the read replicas: never smaller than the primary, which they replay and may replace. */
const replicaInstanceClass = dbInstanceClass
/** Independent primaries, each holding 1/shards of the data. 1 means unsharded. */
const shards = count(1)
/** Allocated storage per database instance. */
const storageGiB = z.number().int().min(RDS_STORAGE_GIB.min).max(RDS_STORAGE_GIB.max)

/**
 * Stage 2 and up: PostgreSQL on RDS, discriminated on `role`. The primary region holds the
 * writable primaries (one per shard) and their replicas; every other region holds cross-region
 * read replicas of each shard's primary.
 */
const databaseSchema = z.discriminatedUnion('role', [
  z.strictObject({
    kind: z.literal('database'),
    engine: z.literal('postgres'),
    role: z.literal('primary'),
    instanceClass: dbInstanceClass,
    replicaInstanceClass,
    shards,
    /** Read replicas per shard in the primary region. */
    replicasPerShard: count(0).max(RDS_MAX_REPLICAS),
    storageGiB,
    /** A synchronous standby in another zone for each primary. */
    multiAz: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('database'),
    engine: z.literal('postgres'),
    role: z.literal('replica'),
    replicaInstanceClass,
    shards,
    /** Cross-region read replicas per shard in this region. */
    replicasPerShard: count(1).max(RDS_MAX_REPLICAS),
    storageGiB,
  }),
])

/** Stage 7: one independently scaled service on ECS Fargate behind `/<name>/*`. */
const serviceSchema = z.strictObject({
  kind: z.literal('service'),
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes'),
  /** Path pattern the load balancer routes to the service. */
  path: z.string().startsWith('/'),
  /** Task CPU in Fargate CPU units (1,024 = 1 vCPU). */
  cpuUnits: z.union(FARGATE_CPU_UNITS.map((units) => z.literal(units))),
  memoryMiB: count(512),
  /** Tasks always running: what the service's share of peak needs plus one spare. */
  minTasks: count(1),
  maxTasks: count(1),
})

export const componentSchema = z.discriminatedUnion('kind', [
  networkSchema,
  serverSchema,
  appServersSchema,
  staticSiteSchema,
  loadBalancerSchema,
  cacheSchema,
  databaseSchema,
  serviceSchema,
])

/** A host name users type: lower-case DNS labels, at least two, like shop.example.com. */
const hostName = z
  .string()
  .max(240)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    'expected a lower-case host name like shop.example.com',
  )

/**
 * What serves the project from outside any one region: the CloudFront distribution (stage 4 and
 * up, one for the whole project) and the project's own host name.
 */
const edgeSchema = z.strictObject({
  /**
   * One CloudFront distribution in front of every region: static files from the primary region's
   * bucket, dynamic paths to the regions' load balancers.
   */
  cdn: z.boolean(),
  /**
   * The host name users reach the project at, in a Route 53 public hosted zone. Absent: AWS's
   * generated names (no TLS of the project's own, and no latency routing between regions).
   */
  domain: z.strictObject({name: hostName, hostedZoneId: z.string().regex(HOSTED_ZONE_ID)}).optional(),
})

export const regionTopologySchema = z.strictObject({
  region: awsRegion,
  /** Fraction of users served from this region, 0..1; all regions add up to 1. */
  userShare: z.number().min(0).max(1),
  /** Availability zones the region's subnets span. */
  zones: z.number().int().min(2).max(6),
  components: z.array(componentSchema),
})

export const topologySchema = z
  .strictObject({
    /** Project name from the spec; the prefix of every stack and resource name. */
    name: z.string().min(1),
    stage: z.union(STAGES.map((stage) => z.literal(stage.number))),
    /** Availability target in percent (e.g. 99.9); decides Multi-AZ and zone counts. */
    availabilityPercent: z.number().min(0).max(100),
    /** The region that holds the write primaries: the first region of the spec. */
    primaryRegion: awsRegion,
    /** One entry per region, in the spec's order (which also assigns each its VPC address block). */
    regions: z.array(regionTopologySchema).min(1),
    edge: edgeSchema,
  })
  .superRefine((topology, ctx) => {
    for (const problem of consistencyProblems(topology)) ctx.addIssue({code: 'custom', ...problem})
  })

/** What one field alone cannot say: names that must be unique, roles that must agree, ranges between fields. */
function consistencyProblems(topology: z.output<typeof topologySchema>): {path: PropertyKey[]; message: string}[] {
  const problems: {path: PropertyKey[]; message: string}[] = []
  const names = topology.regions.map((region) => region.region)
  if (names.length > 0 && !names.includes(topology.primaryRegion)) {
    problems.push({
      path: ['primaryRegion'],
      message: `"${topology.primaryRegion}" is not one of the regions (${names.join(', ')})`,
    })
  }

  for (const [index, region] of topology.regions.entries()) {
    const at = (...path: PropertyKey[]) => ['regions', index, ...path]
    if (names.indexOf(region.region) !== index)
      problems.push({path: at('region'), message: `"${region.region}" appears twice`})
    const primary = region.region === topology.primaryRegion
    const seen = new Set<string>()
    for (const [position, component] of region.components.entries()) {
      const identity = component.kind === 'service' ? `service ${component.name}` : component.kind
      if (seen.has(identity)) problems.push({path: at('components', position), message: `a second ${identity}`})
      seen.add(identity)
      if (component.kind === 'database' && (component.role === 'primary') !== primary) {
        problems.push({
          path: at('components', position, 'role'),
          message: primary
            ? `the primary region (${region.region}) holds the primary databases, got role "replica"`
            : `only the primary region (${topology.primaryRegion}) holds primary databases; ${region.region} holds replicas`,
        })
      }

      if (component.kind === 'static-site' && component.objectStorageGiB !== undefined && !primary) {
        problems.push({
          path: at('components', position, 'objectStorageGiB'),
          message: `object data lives in the primary region's bucket (${topology.primaryRegion}), not in ${region.region}`,
        })
      }

      if (component.kind === 'app-servers' && component.maxCount < component.minCount) {
        problems.push({
          path: at('components', position, 'maxCount'),
          message: `${component.maxCount} is below minCount ${component.minCount}`,
        })
      }

      if (component.kind === 'service' && component.maxTasks < component.minTasks) {
        problems.push({
          path: at('components', position, 'maxTasks'),
          message: `${component.maxTasks} is below minTasks ${component.minTasks}`,
        })
      }
    }

    if (!seen.has('network'))
      problems.push({path: at('components'), message: 'no network component; every region needs one'})
    if (topology.edge.cdn && !primary && seen.has('static-site')) {
      problems.push({
        path: at('components'),
        message: `a static site in ${region.region}: behind the CDN only the primary region (${topology.primaryRegion}) holds one`,
      })
    }
  }

  const primaryRegion = topology.regions.find((region) => region.region === topology.primaryRegion)
  if (topology.edge.cdn && primaryRegion && !primaryRegion.components.some((c) => c.kind === 'static-site')) {
    problems.push({
      path: ['edge', 'cdn'],
      message: `the CDN needs a static site in the primary region (${topology.primaryRegion})`,
    })
  }

  return problems
}

export type TopologyParse =
  | {readonly ok: true; readonly topology: z.output<typeof topologySchema>}
  | {readonly ok: false; readonly problems: readonly string[]}

/**
 * Checks a Topology from outside (a file, JSON, a fixture): every problem at once, each as
 * `path: what is wrong`, e.g. `regions[1].components[3].cpuUnits: ...`.
 */
export function parseTopology(value: unknown): TopologyParse {
  const result = topologySchema.safeParse(value)
  if (result.success) return {ok: true, topology: result.data}
  return {ok: false, problems: result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`)}
}

function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('') ||
    '(topology)'
  )
}
