/**
 * The edge: whether users reach the application through CloudFront.
 *
 * The edge is one decision for the project: one CloudFront distribution serves every region. For
 * latency, users spread over two or more regions always get it. Otherwise it comes in where the
 * project costs no more with it than without, summed over its regions: CloudFront's volume tiers
 * (per viewer geography) and request fees against the regions' internet egress tiers and S3 requests. Only the static
 * share of the bytes is cached at the edge; dynamic requests pass through it to the origin, so
 * the CDN takes no load off the app tier, only bytes and requests off S3 and the region's egress.
 */
import type {StaticSiteComponent} from '../topology/types.js'
import {crossover} from './crossover.js'
import type {RegionTraffic} from './load.js'
import type {CdnViewers, PlanPricing, PricingContext} from './pricing.js'

/** Everything about the edge but the number of users; traffic is per daily user. */
export interface EdgeShape {
  readonly regions: readonly string[]
  readonly trafficPerUser: readonly RegionTraffic[]
  /** Object data in S3, in GiB (0 when none). */
  readonly objectStorageGiB: number
  /** The static site's own files, in GB. */
  readonly siteGB: number
}

export interface EdgeCosts {
  /** Monthly USD of the edge with CloudFront: the distribution and the primary bucket it reads from. */
  readonly withCdn: number
  /** Monthly USD without: internet egress from every region and their buckets (where they have one). */
  readonly withoutCdn: number
}

/** Traffic scaled from one daily user to `users`. */
export function scaleTraffic(perUser: RegionTraffic, users: number): RegionTraffic {
  return {
    requests: perUser.requests * users,
    staticGB: perUser.staticGB * users,
    dynamicGB: perUser.dynamicGB * users,
    staticRequests: perUser.staticRequests * users,
    writeQueries: perUser.writeQueries * users,
    natGB: perUser.natGB * users,
    replicationInGB: perUser.replicationInGB * users,
    writesOutGB: perUser.writesOutGB * users,
    peakEdgeRps: perUser.peakEdgeRps * users,
    peakEdgeGbps: perUser.peakEdgeGbps * users,
  }
}

/**
 * A region's static-site bucket: the primary region's holds the project's object data besides the
 * front-end files; any other region's holds only its own copy of the front end (below the CDN).
 */
export function staticSite(shape: Pick<EdgeShape, 'objectStorageGiB'>, primary: boolean): StaticSiteComponent {
  return primary && shape.objectStorageGiB > 0
    ? {kind: 'static-site', objectStorageGiB: shape.objectStorageGiB}
    : {kind: 'static-site'}
}

/**
 * Whether a region has a static-site bucket. With the CDN only the primary region does (the one
 * distribution serves it to every region); without, each region serves its own front end once the
 * database is split out, and the primary region holds object data at any stage.
 */
export function hasBucket(shape: Pick<EdgeShape, 'objectStorageGiB'>, primary: boolean, split: boolean, cdn: boolean) {
  if (cdn) return primary
  return split || (primary && shape.objectStorageGiB > 0)
}

/**
 * Requests for static files each region's bucket answers, by region: with the CDN the primary
 * region's one bucket answers the edge for every region's users; without, each its own users.
 */
export function siteRequestsOf(
  viewers: readonly CdnViewers[],
  primaryRegion: string,
  cdn: boolean,
): (region: string) => number {
  const all = viewers.reduce((sum, viewer) => sum + viewer.traffic.staticRequests, 0)
  return (region) => {
    if (cdn) return region === primaryRegion ? all : 0
    return viewers.find((viewer) => viewer.region === region)?.traffic.staticRequests ?? 0
  }
}

/**
 * The edge's cost both ways at `users`, summed over the project's regions. `split` says whether
 * the database runs apart (from then each region has a bucket without the CDN).
 */
export function edgeCosts(
  shape: EdgeShape,
  pricing: PlanPricing,
  users: number,
  split: boolean,
  primaryRegion: string,
): EdgeCosts {
  const viewers = shape.regions.map((region, i) => ({region, traffic: scaleTraffic(shape.trafficPerUser[i]!, users)}))
  const bucketUsd = (cdn: boolean) => {
    const siteRequests = siteRequestsOf(viewers, primaryRegion, cdn)
    let usd = 0
    for (const {region, traffic} of viewers) {
      const primary = region === primaryRegion
      if (!hasBucket(shape, primary, split, cdn)) continue
      const context: PricingContext = {region, primaryRegion, traffic, cdn, siteRequests: siteRequests(region)}
      usd += pricing.component(staticSite(shape, primary), context)
    }
    return usd
  }

  const cdnUsd = pricing.cdn(viewers).reduce((sum, usd) => sum + usd, 0)
  const egressUsd = viewers.reduce(
    (sum, {region, traffic}) =>
      sum + pricing.egress({region, primaryRegion, traffic, cdn: false, siteRequests: traffic.staticRequests}),
    0,
  )
  return {withCdn: cdnUsd + bucketUsd(true), withoutCdn: egressUsd + bucketUsd(false)}
}

/**
 * The fewest daily users from which the plan has a CDN: 1 with users in several regions (for
 * latency), else where the whole project first costs no more with it than without; null for never.
 * `splitFrom` is the users from which the database runs apart.
 */
export function cdnFrom(
  shape: EdgeShape,
  pricing: PlanPricing,
  splitFrom: number,
  primaryRegion: string,
  maxUsers: number,
): number | null {
  if (shape.regions.length >= 2) return 1
  const better = (users: number) => {
    const {withCdn, withoutCdn} = edgeCosts(shape, pricing, users, users >= splitFrom, primaryRegion)
    return withCdn <= withoutCdn
  }

  return better(1) ? 1 : crossover(better, 1, maxUsers)
}
