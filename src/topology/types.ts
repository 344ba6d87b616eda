/**
 * The Topology: the one contract between planning (`capacity/`) and infrastructure (`infra/`).
 *
 * A plain, serialisable object. It is what `recommend --json` prints under `topology`, what
 * `diff` compares, and the only input of the CDKTF constructs. Every count and size in it was
 * decided by the capacity planner; nothing downstream re-derives capacity from load.
 *
 * The types come from the runtime schema (`schema.ts`), which documents each field; a field
 * renamed there is a breaking change for `--json` consumers and for golden files.
 */
import type {z} from 'zod'

import type {componentSchema, topologySchema} from './schema.js'

export const STAGES = [
  {number: 1, name: 'single-server', title: 'Single server'},
  {number: 2, name: 'three-tier', title: 'Three-tier'},
  {number: 3, name: 'load-balanced', title: 'Horizontal scaling behind a load balancer'},
  {number: 4, name: 'cdn', title: 'CDN in front'},
  {number: 5, name: 'cache', title: 'Read cache (80/20 rule)'},
  {number: 6, name: 'database-scaling', title: 'Database read replicas and shards'},
  {number: 7, name: 'microservices', title: 'Microservices'},
] as const

export type StageNumber = (typeof STAGES)[number]['number']
export type StageName = (typeof STAGES)[number]['name']

export type Topology = z.output<typeof topologySchema>
export type RegionTopology = Topology['regions'][number]
/** The project-wide edge: the one CloudFront distribution and the domain. */
export type Edge = Topology['edge']
export type Domain = NonNullable<Edge['domain']>
export type Component = z.output<typeof componentSchema>
export type ComponentKind = Component['kind']

type OfKind<K extends ComponentKind> = Extract<Component, {kind: K}>
export type NetworkComponent = OfKind<'network'>
export type ServerComponent = OfKind<'server'>
export type AppServersComponent = OfKind<'app-servers'>
export type StaticSiteComponent = OfKind<'static-site'>
export type LoadBalancerComponent = OfKind<'load-balancer'>
export type CacheComponent = OfKind<'cache'>
/** Discriminated on `role`: `primary` in the primary region, `replica` (cross-region read replicas) elsewhere. */
export type DatabaseComponent = OfKind<'database'>
export type PrimaryDatabaseComponent = Extract<DatabaseComponent, {role: 'primary'}>
export type ReplicaDatabaseComponent = Extract<DatabaseComponent, {role: 'replica'}>
export type ServiceComponent = OfKind<'service'>
export type CacheEngine = CacheComponent['engine']

export function stageInfo(stage: StageNumber): (typeof STAGES)[number] {
  return STAGES[stage - 1]!
}

/** The components of one kind in a region, typed by kind. */
export function componentsOf<K extends ComponentKind>(region: RegionTopology, kind: K): OfKind<K>[] {
  return region.components.filter((c): c is OfKind<K> => c.kind === kind)
}

/** The single component of a kind in a region, or undefined when the stage does not add it. */
export function componentOf<K extends ComponentKind>(region: RegionTopology, kind: K): OfKind<K> | undefined {
  return componentsOf(region, kind)[0]
}

/** True for the region that holds the database primaries. */
export function isPrimaryRegion(
  topology: Pick<Topology, 'primaryRegion'>,
  region: Pick<RegionTopology, 'region'>,
): boolean {
  return region.region === topology.primaryRegion
}
