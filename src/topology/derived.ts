/**
 * What tables, diagrams and prices read off a component without the Topology saying it twice:
 * how many billable units it runs and a short size label. Both follow from the fields that
 * decide them (`minCount`, `shards`, `cpuUnits`, ...), so they can never disagree with them.
 */
import type {Component, RegionTopology, Topology} from './types.js'

/** Billable units a component runs: instances, nodes, tasks. */
export function unitCount(component: Component): number {
  switch (component.kind) {
    case 'app-servers':
      return component.minCount
    case 'cache':
      return component.shards * (1 + component.replicasPerShard)
    case 'database':
      // A Multi-AZ standby is not counted: it serves nothing until a failover.
      return component.shards * ((component.role === 'primary' ? 1 : 0) + component.replicasPerShard)
    case 'service':
      return component.minTasks
    default:
      return 1
  }
}

/** A short size label for tables: an instance type, a node type, a task size, a zone count. */
export function sizeLabel(component: Component, region: Pick<RegionTopology, 'zones'>): string {
  switch (component.kind) {
    case 'network':
      return `${region.zones} zones`
    case 'server':
    case 'app-servers':
      return component.instanceType
    case 'static-site':
      return 'S3'
    case 'load-balancer':
      return 'ALB'
    case 'cache':
      return component.nodeType
    case 'database':
      return component.role === 'primary' ? component.instanceClass : component.replicaInstanceClass
    case 'service':
      return `${component.cpuUnits / 1024} vCPU / ${component.memoryMiB / 1024} GiB`
  }
}

/**
 * The project's edge in a phrase, or undefined when there is none to speak of (no CDN, no
 * domain): what serves users before any region does.
 */
export function describeEdge(topology: Pick<Topology, 'edge' | 'primaryRegion' | 'regions'>): string | undefined {
  const {cdn, domain} = topology.edge
  if (!cdn) return domain ? `${domain.name} (Route 53) to the nearest region` : undefined
  const many = topology.regions.length > 1
  const where = domain ? ` at ${domain.name}` : ''
  return (
    `CloudFront${where}, ${many ? 'one distribution for every region' : 'in front of the region'}: static files ` +
    `from the ${topology.primaryRegion} bucket, dynamic paths to ${many ? "each region's load balancer" : 'the load balancer'}`
  )
}
