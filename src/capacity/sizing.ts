/**
 * Builds the Topology for a stage: every component that stage and the stages below it add,
 * each sized for the load. The stage is an input, so a forced stage (`synth --stage`) is sized
 * the same way as a recommended one.
 */
import type {Spec} from '../spec/schema.js'
import type {
  AppServersComponent,
  CacheComponent,
  Component,
  DatabaseComponent,
  RegionTopology,
  ServiceComponent,
  StageNumber,
  Topology,
} from '../topology/types.js'
import {
  APP_SERVER_INSTANCE,
  APP_SERVER_VOLUME_GIB,
  CACHE_MAX_SHARDS,
  CACHE_NODE_TYPES,
  CACHE_SHARDS_PER_CLUSTER,
  DB_CLASSES,
  RDS_MAX_STORAGE_GIB,
  RDS_MIN_STORAGE_GIB,
  SERVICE_TASK,
  SINGLE_SERVER_BASE_GIB,
  SINGLE_SERVER_INSTANCE,
  SMALL_CACHE_NODE,
} from './catalog.js'
import type {Load, RegionLoad} from './load.js'
import {baseShards, readsLeftAfterCache, replicasPerShardByRegion} from './rules.js'
import type {Thresholds} from '../spec/thresholds.js'
import {zonesOffered} from './zones.js'

const GIB = 2 ** 30

/** The 80/20 arithmetic behind a region's cache, reported alongside the recommendation. */
export interface CacheMath {
  readonly region: string
  readonly readRps: number
  readonly hitRatio: number
  /** Reads the cache serves: readRps x hitRatio. */
  readonly servedRps: number
  /** Reads that miss and reach the database: readRps x (1 - hitRatio). */
  readonly missRps: number
  readonly dataGiB: number
  readonly hotDataFraction: number
  /** dataGiB x hotDataFraction: what the cache must hold. */
  readonly hotDataGiB: number
  readonly nodeType: string
  readonly usableGiBPerNode: number
  readonly opsPerSecond: number
  readonly opsPerNode: number
  readonly shards: number
}

export interface Sizing {
  readonly topology: Topology
  readonly cache: readonly CacheMath[]
  /** Limits the sizing had to stop at; the plan is still produced. */
  readonly warnings: readonly string[]
}

export function isHighlyAvailable(spec: Spec, thresholds: Thresholds): boolean {
  return spec.availability >= thresholds.redundancyAvailabilityPercent
}

export function buildTopology(spec: Spec, load: Load, stage: StageNumber, thresholds: Thresholds): Sizing {
  if (stage === 7 && spec.services.length === 0) {
    throw new RangeError('stage 7 (microservices) needs named services (--services)')
  }

  const warnings: string[] = []
  const ha = isHighlyAvailable(spec, thresholds)
  const wantedZones = ha ? 3 : 2
  const databases = stage >= 2 ? sizeDatabases(spec, load, stage, thresholds, warnings) : []
  const cacheMath: CacheMath[] = []

  const regions = load.regions.map((region, i): RegionTopology => {
    const zones = Math.min(wantedZones, zonesOffered(region.region))
    if (zones < wantedZones) {
      warnings.push(
        `${region.region} offers ${zones} availability zones to most accounts: the ${spec.availability}% target spans ${zones} zones instead of ${wantedZones}`,
      )
    }
    // Below stage 3 nothing in a private subnet reaches out (the database needs no NAT), so no NAT gateway.
    const components: Component[] = [{kind: 'network', natGateways: stage <= 2 ? 0 : ha ? zones : 1}]

    if (stage === 1) {
      const volumeGiB = SINGLE_SERVER_BASE_GIB + Math.ceil((spec.dataSize / GIB) * thresholds.storageHeadroom)
      components.push({kind: 'server', instanceType: SINGLE_SERVER_INSTANCE, volumeGiB})
    }

    if (stage >= 2 && stage < 7) components.push(sizeAppServers(region, stage, thresholds))
    // Behind the CDN (stage 4 and up) one bucket in the primary region serves every region.
    if (stage >= 2 && (stage < 4 || i === 0)) components.push({kind: 'static-site'})
    if (stage >= 3) components.push({kind: 'load-balancer'})
    if (stage >= 5) {
      const {component, math} = sizeCache(spec, region, thresholds, warnings)
      components.push(component)
      cacheMath.push(math)
    }

    if (stage >= 2) components.push(databases[i]!)
    if (stage === 7) components.push(...sizeServices(spec, region, thresholds))

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
        cdn: stage >= 4,
        ...(spec.domain !== undefined && spec.hostedZoneId !== undefined
          ? {domain: {name: spec.domain, hostedZoneId: spec.hostedZoneId}}
          : {}),
      },
    },
    cache: cacheMath,
    warnings,
  }
}

function sizeAppServers(region: RegionLoad, stage: StageNumber, thresholds: Thresholds): AppServersComponent {
  if (stage === 2) {
    return {
      kind: 'app-servers',
      instanceType: APP_SERVER_INSTANCE,
      minCount: 1,
      maxCount: 1,
      volumeGiB: APP_SERVER_VOLUME_GIB,
    }
  }

  // What peak needs, plus one spare so that losing a server (or a zone's worth) keeps peak served.
  const minCount = Math.ceil(region.peakRps / thresholds.appServerRps) + 1
  return {
    kind: 'app-servers',
    instanceType: APP_SERVER_INSTANCE,
    minCount,
    maxCount: Math.ceil(minCount * thresholds.autoscalingMaxFactor),
    volumeGiB: APP_SERVER_VOLUME_GIB,
  }
}

function sizeServices(spec: Spec, region: RegionLoad, thresholds: Thresholds): ServiceComponent[] {
  // Named services split the region's requests evenly: the spec names parts, not their traffic.
  const servicePeak = region.peakRps / spec.services.length
  return spec.services.map((name) => {
    const minTasks = Math.ceil(servicePeak / thresholds.serviceTaskRps) + 1
    return {
      kind: 'service',
      name,
      path: `/${name}/*`,
      cpuUnits: SERVICE_TASK.cpuUnits,
      memoryMiB: SERVICE_TASK.memoryMiB,
      minTasks,
      maxTasks: Math.ceil(minTasks * thresholds.autoscalingMaxFactor),
    }
  })
}

function sizeCache(
  spec: Spec,
  region: RegionLoad,
  thresholds: Thresholds,
  warnings: string[],
): {component: CacheComponent; math: CacheMath} {
  const dataGiB = spec.dataSize / GIB
  const hotDataGiB = dataGiB * thresholds.hotDataFraction
  // Every read asks the cache first; each miss also writes the value back.
  const opsPerSecond = region.readRps * (2 - thresholds.cacheHitRatio)

  let nodeType: string = SMALL_CACHE_NODE.nodeType
  let usableGiBPerNode: number = SMALL_CACHE_NODE.usableGiB
  let opsPerNode: number = SMALL_CACHE_NODE.maxOps
  let shards = 1
  if (hotDataGiB > SMALL_CACHE_NODE.usableGiB || opsPerSecond > SMALL_CACHE_NODE.maxOps) {
    const fits = CACHE_NODE_TYPES.map((node) => {
      const memory = thresholds.cacheNodeMemoryGiB * node.relativeMemory
      const ops = thresholds.cacheNodeOps * node.relativeOps
      return {node, memory, ops, shards: Math.max(1, Math.ceil(hotDataGiB / memory), Math.ceil(opsPerSecond / ops))}
    })
    const choice = fits.find((fit) => fit.shards <= CACHE_SHARDS_PER_CLUSTER) ?? fits.at(-1)!
    nodeType = choice.node.nodeType
    usableGiBPerNode = choice.memory
    opsPerNode = choice.ops
    shards = choice.shards
    if (shards > CACHE_SHARDS_PER_CLUSTER) {
      warnings.push(
        `${region.region}: the cache needs ${shards} shards of ${nodeType}, past ElastiCache's default of 90 nodes per cluster; ` +
          'request a quota increase',
      )
    }

    if (shards > CACHE_MAX_SHARDS) {
      warnings.push(
        `${region.region}: ${shards} cache shards pass ElastiCache's 500-node ceiling; capped at ${CACHE_MAX_SHARDS}`,
      )
      shards = CACHE_MAX_SHARDS
    }
  }

  // One replica per shard: losing an unreplicated node would send its share of reads, five
  // times what the database sees with the cache, straight to the database.
  const replicasPerShard = 1
  return {
    component: {
      kind: 'cache',
      engine: spec.cacheEngine,
      nodeType,
      shards,
      replicasPerShard,
      hotDataGiB: round(hotDataGiB, 2),
    },
    math: {
      region: region.region,
      readRps: round(region.readRps, 2),
      hitRatio: thresholds.cacheHitRatio,
      servedRps: round(region.readRps * thresholds.cacheHitRatio, 2),
      missRps: round(region.readRps * (1 - thresholds.cacheHitRatio), 2),
      dataGiB: round(dataGiB, 2),
      hotDataFraction: thresholds.hotDataFraction,
      hotDataGiB: round(hotDataGiB, 2),
      nodeType,
      usableGiBPerNode: round(usableGiBPerNode, 2),
      opsPerSecond: round(opsPerSecond, 2),
      opsPerNode,
      shards,
    },
  }
}

/** Databases for every region at once: shards and the replica limit span regions. */
function sizeDatabases(
  spec: Spec,
  load: Load,
  stage: StageNumber,
  thresholds: Thresholds,
  warnings: string[],
): DatabaseComponent[] {
  const cached = stage >= 5
  const readsLeft = cached ? readsLeftAfterCache(load, thresholds) : load.regions.map((r) => r.readRps)

  // Below stage 6 the primary serves its region's reads; other regions read a cross-region replica.
  let shards = 1
  let replicas: number[] = load.regions.map((_, i) => (i === 0 ? 0 : 1))
  if (stage >= 6) {
    shards = shardsWithinReplicaLimit(readsLeft, baseShards(load, spec, thresholds), thresholds)
    replicas = replicasPerShardByRegion(readsLeft, shards, thresholds)
    if (sum(replicas) > thresholds.maxReadReplicas) {
      warnings.push(
        `${spec.regions.length - 1} regions each need a cross-region replica of every primary, past the RDS limit of ` +
          `${thresholds.maxReadReplicas} replicas; use fewer regions`,
      )
    }
  }

  const writeCost = thresholds.dbNodeReadRps / thresholds.dbPrimaryWriteRps
  const storageGiB = Math.min(
    RDS_MAX_STORAGE_GIB,
    Math.max(RDS_MIN_STORAGE_GIB, Math.ceil((spec.dataSize / shards / GIB) * thresholds.storageHeadroom)),
  )
  const multiAz = isHighlyAvailable(spec, thresholds)

  // The primary takes every region's writes, and its own region's reads when it has no replicas.
  const primaryDemand = (load.writeRps / shards) * writeCost + (replicas[0] === 0 ? readsLeft[0]! / shards : 0)
  const primaryClass = chooseDbClass(primaryDemand, thresholds, warnings, load.regions[0]!.region)

  return load.regions.map((region, i): DatabaseComponent => {
    const replicasPerShard = replicas[i]!
    const replicaReads = replicasPerShard > 0 ? readsLeft[i]! / shards / replicasPerShard : 0
    // Replicas are never smaller than their primary: they replay all its writes and may be promoted.
    const needed = chooseDbClass(replicaReads, thresholds, warnings, region.region)
    const replicaInstanceClass = (needed.relativeCapacity > primaryClass.relativeCapacity ? needed : primaryClass)
      .instanceClass
    if (i > 0)
      return {
        kind: 'database',
        engine: 'postgres',
        role: 'replica',
        replicaInstanceClass,
        shards,
        replicasPerShard,
        storageGiB,
      }
    const {instanceClass} = primaryClass
    return {
      kind: 'database',
      engine: 'postgres',
      role: 'primary',
      instanceClass,
      replicaInstanceClass,
      shards,
      replicasPerShard,
      storageGiB,
      multiAz,
    }
  })
}

/**
 * The fewest shards, at least `minShards`, whose replicas per primary (all regions together) stay
 * within the RDS limit. Replicas per shard only fall as shards grow, so a binary search finds it.
 */
function shardsWithinReplicaLimit(readsLeft: readonly number[], minShards: number, thresholds: Thresholds): number {
  const fits = (shards: number) =>
    sum(replicasPerShardByRegion(readsLeft, shards, thresholds)) <= thresholds.maxReadReplicas
  // With this many shards every region needs at most one replica per shard: the floor of what sharding achieves.
  let high = Math.max(minShards, Math.ceil(Math.max(...readsLeft) / thresholds.dbNodeReadRps))
  if (!fits(high)) return minShards
  let low = minShards
  while (low < high) {
    const middle = Math.floor((low + high) / 2)
    if (fits(middle)) high = middle
    else low = middle + 1
  }

  return low
}

function chooseDbClass(readsPerSecond: number, thresholds: Thresholds, warnings: string[], region: string) {
  const fit = DB_CLASSES.find((c) => c.relativeCapacity * thresholds.dbNodeReadRps >= readsPerSecond)
  if (fit) return fit
  const largest = DB_CLASSES.at(-1)!
  warnings.push(
    `${region}: a database node would serve ${Math.round(readsPerSecond)} reads/s, more than the largest class ` +
      `(${largest.instanceClass}) carries; lower the load per node with more shards or replicas`,
  )
  return largest
}

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0)

export function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
