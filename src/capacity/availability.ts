/**
 * The plan's availability composed from AWS's SLA figures, printed next to the target.
 *
 * A request passes through each tier in turn, so their availabilities multiply (in series):
 * the CDN, the load balancer and app tier, the cache, and the database. Every shard's primary is
 * in series too (the system is up when all its data is), and replicas of a shard in parallel
 * (any one serves the reads). A request in a replica region reads there and writes to the
 * primary region. The plan's figure is the share of requests that succeed: each region's reads
 * and writes weighted by its users and the read/write mix.
 *
 * SLAs are what AWS credits below, not forecasts of uptime; composed, they are a floor.
 */
import {formatNumber} from '../format/numbers.js'
import {componentOf, isPrimaryRegion, type RegionTopology, type Topology} from '../topology/types.js'

export interface SlaFigure {
  readonly percent: number
  readonly source: string
}

export const SLA = {
  ec2Instance: {percent: 99.5, source: 'Amazon Compute SLA, instance-level (sources: aws-compute-sla)'},
  ec2Region: {
    percent: 99.99,
    source:
      'Amazon Compute SLA, region-level, instances (or Fargate tasks) in two or more zones (sources: aws-compute-sla)',
  },
  loadBalancer: {
    percent: 99.99,
    source: 'Elastic Load Balancing SLA, a load balancer in two or more zones (sources: aws-slas)',
  },
  cloudFront: {percent: 99.9, source: 'Amazon CloudFront SLA (sources: aws-slas)'},
  rdsMultiAz: {percent: 99.95, source: 'Amazon RDS SLA, Multi-AZ DB instance (sources: aws-slas)'},
  rdsSingle: {percent: 99.5, source: 'Amazon RDS SLA, Single-DB instance (sources: aws-slas)'},
  cacheMultiAz: {
    percent: 99.99,
    source: 'Amazon ElastiCache SLA, Multi-AZ configuration (sources: aws-slas)',
  },
  cacheSingle: {percent: 99.5, source: 'Amazon ElastiCache SLA, Single-AZ (sources: aws-slas)'},
} as const satisfies Record<string, SlaFigure>

export interface RegionAvailability {
  readonly region: string
  /** Percent of reads served in the region that succeed. */
  readonly readPercent: number
  /** Percent of writes from the region that succeed (they reach the primary region). */
  readonly writePercent: number
}

export interface Availability {
  readonly targetPercent: number
  /** Percent of requests that succeed, from the SLAs of the plan's parts. */
  readonly percent: number
  readonly meetsTarget: boolean
  readonly regions: readonly RegionAvailability[]
  /** What would meet the target, when the plan misses it. */
  readonly suggestions: readonly string[]
}

const p = (figure: SlaFigure) => figure.percent / 100

/** The path's share up to (and without) the database: edge, load balancer and app tier, cache. */
function frontOf(region: RegionTopology, cdn: boolean): number {
  let share = 1
  if (cdn) share *= p(SLA.cloudFront)
  const loadBalanced = componentOf(region, 'load-balancer') !== undefined
  if (loadBalanced) share *= p(SLA.loadBalancer)
  // Several servers or tasks across zones are covered by the region-level SLA; one by the instance's.
  share *= loadBalanced ? p(SLA.ec2Region) : p(SLA.ec2Instance)
  const cache = componentOf(region, 'cache')
  if (cache) share *= cache.replicasPerShard > 0 ? p(SLA.cacheMultiAz) : p(SLA.cacheSingle)
  return share
}

/** Every primary up (all the data writable), from the primary region's database. */
function primariesOf(primaryRegion: RegionTopology): number {
  const database = componentOf(primaryRegion, 'database')
  if (!database || database.role !== 'primary') return 1 // stage 1: the server holds the data
  return (database.multiAz ? p(SLA.rdsMultiAz) : p(SLA.rdsSingle)) ** database.shards
}

/** The reads of a replica region: any of a shard's replicas serves them; every shard must. */
function replicasOf(region: RegionTopology): number {
  const database = componentOf(region, 'database')
  if (!database) return 1
  const shard = 1 - (1 - p(SLA.rdsSingle)) ** database.replicasPerShard
  return shard ** database.shards
}

/** The plan's availability, and what would meet the target when it falls short. */
export function composeAvailability(topology: Topology, readShare: number): Availability {
  const primary = topology.regions.find((region) => isPrimaryRegion(topology, region))!
  const primaries = primariesOf(primary)
  const regions = topology.regions.map((region): RegionAvailability => {
    const front = frontOf(region, topology.edge.cdn)
    const reads = isPrimaryRegion(topology, region) ? primaries : replicasOf(region)
    return {region: region.region, readPercent: front * reads * 100, writePercent: front * primaries * 100}
  })
  const percent = regions.reduce(
    (sum, r, i) =>
      sum + topology.regions[i]!.userShare * (readShare * r.readPercent + (1 - readShare) * r.writePercent),
    0,
  )
  const target = topology.availabilityPercent
  const meetsTarget = percent >= target - 1e-9
  return {
    targetPercent: target,
    percent,
    meetsTarget,
    regions,
    suggestions: meetsTarget ? [] : suggestions(topology, readShare, percent),
  }
}

/** What would meet the target: redundancy where the plan has none, else the parts that cap it. */
function suggestions(topology: Topology, readShare: number, percent: number): string[] {
  const target = topology.availabilityPercent
  const redundant = withRedundancy(topology)
  const out: string[] = []
  if (redundant !== topology) {
    const redundantPercent = composeAvailability(redundant, readShare).percent
    out.push(
      `redundancy across zones (a Multi-AZ database, servers in several zones behind a load balancer; what a target ` +
        `of 99.9% or more plans) gives ${formatPercent(redundantPercent)}` +
        (redundantPercent >= target ? ', which meets it' : ', still short'),
    )
    if (redundantPercent >= target) return out
  }

  // The parts whose SLAs cap the plan below the target, weakest first.
  const primary = topology.regions.find((r) => isPrimaryRegion(topology, r))!
  const caps: string[] = []
  if (topology.edge.cdn && SLA.cloudFront.percent < target) {
    caps.push(`CloudFront's SLA is ${SLA.cloudFront.percent}%`)
  }

  const database = componentOf(primary, 'database')
  if (database?.role === 'primary') {
    const each = database.multiAz ? SLA.rdsMultiAz.percent : SLA.rdsSingle.percent
    const all = 100 * (each / 100) ** database.shards
    if (all < target) {
      caps.push(
        database.shards > 1
          ? `${database.shards} primaries in series at ${each}% each give ${formatPercent(all)} (fewer, larger shards raise it)`
          : `one primary's SLA is ${each}%`,
      )
    }
  }

  const thin = topology.regions.filter((r) => !isPrimaryRegion(topology, r) && replicasOf(r) * 100 < target)
  if (thin.length > 0) {
    caps.push(
      `${thin.map((r) => r.region).join(', ')} read from one replica per shard (${SLA.rdsSingle.percent}% each)`,
    )
  }

  const capped =
    caps.length > 0
      ? `capped by ${caps.join('; ')}`
      : `each part meets ${target}% alone, but in series they compose to ${formatPercent(percent)}`
  out.push(`${capped}: beyond that takes failover the plan does not build (active-active regions), or a lower target`)
  return out
}

/** The topology with every tier made redundant, as a 99.9% target plans it. */
function withRedundancy(topology: Topology): Topology {
  let changed = false
  const regions = topology.regions.map((region): RegionTopology => {
    const components = region.components.map((component) => {
      if (component.kind === 'database' && component.role === 'primary' && !component.multiAz) {
        changed = true
        return {...component, multiAz: true}
      }

      if (component.kind === 'cache' && component.replicasPerShard === 0) {
        changed = true
        return {...component, replicasPerShard: 1}
      }

      return component
    })
    if (!componentOf(region, 'load-balancer')) {
      changed = true
      components.push({kind: 'load-balancer'})
    }

    return {...region, components}
  })
  return changed ? {...topology, regions} : topology
}

export function formatPercent(percent: number): string {
  return `${formatNumber(percent, percent >= 99.99 ? 4 : 3)}%`
}
