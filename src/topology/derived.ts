/**
 * What tables, diagrams and prices read off a component without the Topology saying it twice:
 * how many billable units it runs and a short size label. Both follow from the fields that
 * decide them (`minCount`, `shards`, `cpuUnits`, ...), so they can never disagree with them.
 */
import type {Component, RegionTopology} from './types.js'

/** Billable units a component runs: instances, nodes, tasks, distributions. */
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
    case 'cdn':
      return 'CloudFront'
    case 'cache':
      return component.nodeType
    case 'database':
      return component.role === 'primary' ? component.instanceClass : component.replicaInstanceClass
    case 'service':
      return `${component.cpuUnits / 1024} vCPU / ${component.memoryMiB / 1024} GiB`
  }
}
