/**
 * Default AWS service quotas a plan can pass, each with its section of docs/sources.md, and the check of a plan
 * against them. An adjustable quota past its default is a warning that names the increase to
 * request before applying; a hard limit is never passed, because the sizing splits instead (more
 * shards before 15 replicas per primary or 64 TiB per instance, larger cache nodes before 500
 * per cluster).
 */
import {formatNumber} from '../format/numbers.js'
import {unitCount} from '../topology/derived.js'
import {componentOf, componentsOf, type Topology} from '../topology/types.js'
import {INSTANCE_VCPUS} from './catalog.js'
import type {Load} from './load.js'

export interface QuotaDefinition {
  /** AWS's name for the quota, as Service Quotas shows it. */
  readonly name: string
  /** Service Quotas service code, for `aws service-quotas request-service-quota-increase`. */
  readonly service: string
  /** Service Quotas quota code, where AWS documents one. */
  readonly code?: string
  readonly limit: number
  readonly unit: string
  /** What one quota covers. */
  readonly per: 'region' | 'load balancer' | 'distribution' | 'cache cluster'
  readonly adjustable: boolean
  readonly source: string
}

export const QUOTAS = {
  ec2Vcpus: {
    name: 'Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances',
    service: 'ec2',
    code: 'L-1216C47A',
    limit: 1152,
    unit: 'vCPUs',
    per: 'region',
    adjustable: true,
    source:
      'Amazon EC2 FAQs, On-Demand Instance limits: 1,152 vCPUs for standard instances (sources: ec2-quotas); ' +
      'new accounts may start lower, so read yours in Service Quotas',
  },
  albTargets: {
    name: 'Targets per Application Load Balancer',
    service: 'elasticloadbalancing',
    code: 'L-7E6692B2',
    limit: 1000,
    unit: 'targets',
    per: 'load balancer',
    adjustable: true,
    source: 'Quotas for your Application Load Balancers (sources: alb-quotas)',
  },
  rdsInstances: {
    name: 'DB instances',
    service: 'rds',
    code: 'L-7B6409FD',
    limit: 40,
    unit: 'instances',
    per: 'region',
    adjustable: true,
    source: 'Quotas and constraints for Amazon RDS (sources: rds-quotas)',
  },
  rdsStorage: {
    name: 'Total storage for all DB instances',
    service: 'rds',
    code: 'L-7ADDB58A',
    limit: 100_000,
    unit: 'GB',
    per: 'region',
    adjustable: true,
    source: 'Quotas and constraints for Amazon RDS (sources: rds-quotas)',
  },
  cloudfrontRequests: {
    name: 'Request rate per distribution',
    service: 'cloudfront',
    limit: 250_000,
    unit: 'requests/s',
    per: 'distribution',
    adjustable: true,
    source: 'Quotas for Amazon CloudFront (sources: cloudfront-quotas)',
  },
  cloudfrontTransfer: {
    name: 'Data transfer rate per distribution',
    service: 'cloudfront',
    limit: 150,
    unit: 'Gbps',
    per: 'distribution',
    adjustable: true,
    source: 'Quotas for Amazon CloudFront (sources: cloudfront-quotas)',
  },
  elasticacheNodes: {
    name: 'Nodes per cluster (cluster mode enabled)',
    service: 'elasticache',
    limit: 90,
    unit: 'nodes',
    per: 'cache cluster',
    adjustable: true,
    source:
      'ElastiCache, Working with shards: 90 nodes per cluster by default, up to 500 on request ' +
      '(sources: elasticache-limits)',
  },
} as const satisfies Record<string, QuotaDefinition>

export type QuotaName = keyof typeof QUOTAS

/** A quota the plan passes. */
export interface QuotaFinding {
  readonly quota: QuotaName
  readonly name: string
  readonly service: string
  readonly code?: string
  readonly region: string
  readonly planned: number
  readonly limit: number
  readonly unit: string
  readonly adjustable: boolean
  readonly message: string
}

/** Every default quota the plan passes, per region. */
export function checkQuotas(topology: Topology, load: Load): QuotaFinding[] {
  const findings: QuotaFinding[] = []
  const check = (quota: QuotaName, region: string, planned: number, what: string) => {
    const definition: QuotaDefinition = QUOTAS[quota]
    if (planned <= definition.limit) return
    const request = `request an increase in Service Quotas (${definition.service}${definition.code ? ` ${definition.code}` : ''})`
    findings.push({
      quota,
      name: definition.name,
      service: definition.service,
      ...(definition.code ? {code: definition.code} : {}),
      region,
      planned,
      limit: definition.limit,
      unit: definition.unit,
      adjustable: definition.adjustable,
      message:
        `${region}: ${what} ${formatNumber(planned)} ${definition.unit} pass the default quota "${definition.name}" ` +
        `of ${formatNumber(definition.limit)} per ${definition.per}: ${request} before apply`,
    })
  }

  for (const region of topology.regions) {
    const name = region.region
    const server = componentOf(region, 'server')
    const app = componentOf(region, 'app-servers')
    // The auto scaling ceiling is what the account must allow, not the servers always running.
    const vcpus =
      (server ? (INSTANCE_VCPUS[server.instanceType] ?? 2) : 0) +
      (app ? app.maxCount * (INSTANCE_VCPUS[app.instanceType] ?? 2) : 0)
    check('ec2Vcpus', name, vcpus, 'app servers at their auto scaling ceiling need')

    const services = componentsOf(region, 'service')
    const targets = (app?.maxCount ?? 0) + services.reduce((sum, s) => sum + s.maxTasks, 0)
    if (componentOf(region, 'load-balancer')) check('albTargets', name, targets, 'the load balancer would register')

    const database = componentOf(region, 'database')
    if (database) {
      // A Multi-AZ standby is not a DB instance of its own.
      const instances = unitCount(database)
      check('rdsInstances', name, instances, 'the databases take')
      check('rdsStorage', name, instances * database.storageGiB, 'their allocated storage takes')
    }

    const cache = componentOf(region, 'cache')
    if (cache) check('elasticacheNodes', name, unitCount(cache), 'the cache cluster has')
  }

  // One distribution serves every region's users; it is planned in the primary region's stack.
  if (topology.edge.cdn) {
    const peakRps = load.regions.reduce((sum, r) => sum + r.traffic.peakEdgeRps, 0)
    const peakGbps = load.regions.reduce((sum, r) => sum + r.traffic.peakEdgeGbps, 0)
    const whose = topology.regions.length > 1 ? "the project's one distribution" : 'its distribution'
    check('cloudfrontRequests', topology.primaryRegion, peakRps, `${whose} would serve at peak`)
    check('cloudfrontTransfer', topology.primaryRegion, peakGbps, `${whose} would send at peak`)
  }

  return findings
}
