/**
 * The largest Topology scaleplan synthesizes. The planner may recommend more (it answers "what
 * would this load need?" for any load in the spec's ranges), but Terraform for a million RDS
 * instances is neither buildable nor reviewable, and writing it would take minutes and gigabytes.
 *
 * Each bound follows an AWS limit or quota where one applies (sources in docs/sources.md), and
 * the two totals keep `synth` within a few seconds and a few hundred MB (bench/synth.mjs measures
 * the largest case). Counts are read off the Topology, never off sizing code.
 */
import type {Component, Topology} from './types.js'

export interface TopologyBound {
  readonly max: number
  /** What is counted, plural: "database instances". */
  readonly counts: string
  /** Where the limit comes from, in a phrase. */
  readonly because: string
}

export const TOPOLOGY_BOUNDS = {
  databaseInstancesPerRegion: {
    max: 200,
    counts: 'database instances in one region',
    because: 'RDS allows 40 DB instances per Region by default; 200 is a fivefold quota increase',
  },
  databaseInstances: {
    max: 1000,
    counts: 'database instances in all regions',
    because: "each is a resource in the stacks' Terraform, and synth stays within seconds up to here",
  },
  appServersPerRegion: {
    max: 1000,
    counts: 'app servers (the auto scaling ceiling) in one region',
    because: 'an Application Load Balancer takes 1,000 targets by default',
  },
  tasksPerService: {
    max: 1000,
    counts: 'tasks (the auto scaling ceiling) of one service',
    because: 'a target group takes 1,000 targets by default',
  },
  cacheNodesPerRegion: {
    max: 500,
    counts: 'cache nodes in one region',
    because: 'ElastiCache allows at most 500 nodes per cluster, even after a quota increase',
  },
  servicesPerRegion: {
    max: 99,
    counts: 'services',
    because: 'an Application Load Balancer has at most 100 target groups, one of them for the app servers',
  },
  serviceDeployments: {
    max: 200,
    counts: 'service deployments (services x regions)',
    because: 'each is a dozen resources in Terraform, and synth stays within seconds up to here',
  },
} as const satisfies Record<string, TopologyBound>

export type BoundName = keyof typeof TOPOLOGY_BOUNDS

/** One count past its bound. */
export interface Excess {
  readonly bound: BoundName
  /** The region counted, for per-region bounds. */
  readonly region?: string
  /** The service counted, for per-service bounds. */
  readonly service?: string
  readonly count: number
  readonly max: number
  /** `us-east-1 needs 2,222,224 database instances in one region; scaleplan synthesizes at most 200 (RDS ...)`. */
  readonly message: string
}

/** Database instances a component runs: a primary per shard plus replicas, or replicas only. */
function databaseInstances(component: Component): number {
  if (component.kind !== 'database') return 0
  return component.shards * ((component.role === 'primary' ? 1 : 0) + component.replicasPerShard)
}

/** Every count of `topology` past its bound; empty when scaleplan can synthesize it. */
export function topologyExcesses(topology: Topology): Excess[] {
  const excesses: Excess[] = []
  const past = (bound: BoundName, count: number, where: {region?: string; service?: string}) => {
    const {max, counts, because} = TOPOLOGY_BOUNDS[bound]
    if (count <= max) return
    const subject = where.service ? `service ${where.service} in ${where.region}` : (where.region ?? 'the plan')
    excesses.push({
      bound,
      ...where,
      count,
      max,
      message:
        `${subject} needs ${count.toLocaleString('en-US')} ${counts}; ` +
        `scaleplan synthesizes at most ${max.toLocaleString('en-US')} (${because})`,
    })
  }

  let allDatabases = 0
  let deployments = 0
  for (const {region, components} of topology.regions) {
    const databases = components.reduce((sum, component) => sum + databaseInstances(component), 0)
    allDatabases += databases
    past('databaseInstancesPerRegion', databases, {region})
    const services = components.filter((component) => component.kind === 'service')
    deployments += services.length
    past('servicesPerRegion', services.length, {region})
    for (const component of components) {
      if (component.kind === 'app-servers') past('appServersPerRegion', component.maxCount, {region})
      if (component.kind === 'cache') {
        const nodes = component.shards * (1 + component.replicasPerShard)
        past('cacheNodesPerRegion', nodes, {region})
      }

      if (component.kind === 'service') {
        past('tasksPerService', component.maxTasks, {region, service: component.name})
      }
    }
  }

  past('databaseInstances', allDatabases, {})
  past('serviceDeployments', deployments, {})
  return excesses
}
