/**
 * Builds the Topology for a set of parts at some number of users: every component the parts
 * need, each sized for the load at the target utilisation.
 */
import {formatNumber} from '../format/numbers.js'
import {plural} from '../format/words.js'
import type {Component, RegionTopology, ServiceComponent, StageNumber, Topology} from '../topology/types.js'
import {ceilCount, serversFor} from './capacity.js'
import {
  APP_SERVER_INSTANCE,
  APP_SERVER_VOLUME_GIB,
  SERVICE_TASK,
  SINGLE_SERVER_BASE_GIB,
  SINGLE_SERVER_INSTANCE,
} from './catalog.js'
import type {DataTierPlan} from './data-tier.js'
import {hasBucket, staticSite} from './edge.js'
import {BYTES_PER_GB, type Load, type RegionLoad} from './load.js'
import type {Decisions, Planner} from './planner.js'
import {zonesOffered} from './zones.js'

/** The 80/20 arithmetic behind a region's cache, reported alongside the recommendation. */
export interface CacheMath {
  readonly region: string
  /** Read queries per second at peak. */
  readonly readQps: number
  readonly hitRatio: number
  /** Reads the cache serves: readQps x hitRatio. */
  readonly servedQps: number
  /** Reads that miss and reach the database: readQps x (1 - hitRatio). */
  readonly missQps: number
  readonly dataGiB: number
  /** Share of the data most reads touch (the spec's hot set). */
  readonly hotSet: number
  /** dataGiB x hotSet: what the cache must hold. */
  readonly hotSetGiB: number
  readonly nodeType: string
  readonly usableGiBPerNode: number
  /** Operations per second at peak: every read, and a write-back per miss. */
  readonly opsPerSecond: number
  /** Operations per second one node carries at the target utilisation. */
  readonly opsPerNode: number
  readonly shards: number
}

export interface Sizing {
  readonly topology: Topology
  readonly dataTier: DataTierPlan | undefined
  readonly cache: readonly CacheMath[]
  /** Limits the sizing had to stop at (a forced stage too small for the load). */
  readonly warnings: readonly string[]
}

export function buildTopology(
  planner: Planner,
  load: Load,
  decisions: Decisions,
  stage: StageNumber,
  users: number,
): Sizing {
  const {spec, capacities: caps, highlyAvailable} = planner
  if (decisions.services && spec.services.length === 0) {
    throw new RangeError('stage 7 (microservices) needs named services (--services)')
  }

  const warnings: string[] = []
  const wantedZones = highlyAvailable ? 3 : 2
  const privateTier = decisions.loadBalanced || decisions.services
  const data = decisions.split ? planner.dataTier.bestOrLargest(decisions.dataLevel, users) : undefined
  const dataTier = data?.plan
  if (dataTier && !data.fits) {
    warnings.push(
      `the database at this stage cannot carry the load: even ${plural(dataTier.shards, 'shard')} of ` +
        `${dataTier.node.dbClass.instanceClass} pass the target utilisation; a higher stage scales it out`,
    )
  }

  const cacheMath: CacheMath[] = []
  const dataGiB = spec.dataSize / BYTES_PER_GB

  const regions = load.regions.map((region, i): RegionTopology => {
    const zones = Math.min(wantedZones, zonesOffered(region.region))
    if (zones < wantedZones) {
      warnings.push(
        `${region.region} offers ${zones} availability zones to most accounts: ` +
          `the ${spec.availability}% target spans ${zones} zones instead of ${wantedZones}`,
      )
    }

    const components: Component[] = [{kind: 'network', natGateways: privateTier ? (highlyAvailable ? zones : 1) : 0}]

    if (!decisions.split) {
      const volumeGiB = SINGLE_SERVER_BASE_GIB + ceilCount(dataGiB * planner.thresholds.storageHeadroom)
      components.push({kind: 'server', instanceType: SINGLE_SERVER_INSTANCE, volumeGiB})
      if (region.peakRps > caps.singleServerRps) {
        warnings.push(overloaded(region, 'one server', caps.singleServerRps))
      }
    }

    if (decisions.split && !decisions.services) {
      const minCount = decisions.loadBalanced ? serversFor(region.peakRps, caps.appServerRps) : 1
      if (!decisions.loadBalanced && region.peakRps > caps.appServerRps) {
        warnings.push(overloaded(region, 'one app server', caps.appServerRps))
      }

      components.push({
        kind: 'app-servers',
        instanceType: APP_SERVER_INSTANCE,
        minCount,
        maxCount: decisions.loadBalanced ? ceilCount(minCount * planner.thresholds.autoscalingMaxFactor) : 1,
        volumeGiB: APP_SERVER_VOLUME_GIB,
      })
    }

    // Behind the CDN one bucket in the primary region serves every region; it holds the object data.
    const primary = i === 0
    if (hasBucket(planner.edge, primary, decisions.split, decisions.cdn)) {
      components.push(staticSite(planner.edge, primary))
    }
    if (decisions.loadBalanced) components.push({kind: 'load-balancer'})

    const cache = dataTier?.caches[i]
    if (cache) {
      const hotSetGiB = dataGiB * spec.hotSet
      components.push({
        kind: 'cache',
        engine: spec.cacheEngine,
        nodeType: cache.node.nodeType,
        shards: cache.shards,
        replicasPerShard: 1,
        hotDataGiB: round(hotSetGiB, 2),
      })
      const hitRatio = planner.thresholds.cacheHitRatio
      cacheMath.push({
        region: region.region,
        readQps: region.readQps,
        hitRatio,
        servedQps: region.readQps * hitRatio,
        missQps: region.readQps * (1 - hitRatio),
        dataGiB,
        hotSet: spec.hotSet,
        hotSetGiB,
        nodeType: cache.node.nodeType,
        usableGiBPerNode: cache.node.memoryGiB,
        opsPerSecond: cache.opsPerSecond,
        opsPerNode: cache.node.ops,
        shards: cache.shards,
      })
    }

    if (dataTier) components.push(dataTier.databases[i]!)
    if (decisions.services) components.push(...sizeServices(planner, region))

    return {region: region.region, userShare: region.userShare, zones, components}
  })

  return {
    topology: {
      name: spec.name,
      stage,
      availabilityPercent: spec.availability,
      primaryRegion: spec.regions[0]!,
      regions,
      edge: {
        cdn: decisions.cdn,
        ...(spec.domain !== undefined && spec.hostedZoneId !== undefined
          ? {domain: {name: spec.domain, hostedZoneId: spec.hostedZoneId}}
          : {}),
      },
    },
    dataTier,
    cache: cacheMath,
    warnings,
  }
}

function sizeServices(planner: Planner, region: RegionLoad): ServiceComponent[] {
  const {spec, capacities: caps, thresholds} = planner
  // Named services split the region's requests evenly: the spec names parts, not their traffic.
  const servicePeak = region.peakRps / spec.services.length
  return spec.services.map((name) => {
    const minTasks = serversFor(servicePeak, caps.serviceTaskRps)
    return {
      kind: 'service',
      name,
      path: `/${name}/*`,
      cpuUnits: SERVICE_TASK.cpuUnits,
      memoryMiB: SERVICE_TASK.memoryMiB,
      minTasks,
      maxTasks: ceilCount(minTasks * thresholds.autoscalingMaxFactor),
    }
  })
}

function overloaded(region: RegionLoad, what: string, capacity: number): string {
  return (
    `${region.region}: peak ${formatNumber(region.peakRps)} req/s is more than the ${formatNumber(capacity)} req/s ` +
    `${what} carries at the target utilisation; the stage was forced below what the load needs`
  )
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
