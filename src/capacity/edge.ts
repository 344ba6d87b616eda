/**
 * The edge: whether users reach the application through CloudFront.
 *
 * For latency, users spread over two or more regions always get the CDN. Otherwise it comes in
 * where it costs no more than serving the same bytes from the region: CloudFront's volume tiers
 * and request fees against the region's internet egress tiers and S3 requests. Only the static
 * share of the bytes is cached at the edge; dynamic requests pass through it to the origin, so
 * the CDN takes no load off the app tier, only bytes and requests off S3 and the region's egress.
 */
import type {StaticSiteComponent} from '../topology/types.js'
import {crossover} from './crossover.js'
import type {RegionTraffic} from './load.js'
import type {PlanPricing, PricingContext} from './pricing.js'

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
  /** Monthly USD of the edge with CloudFront: the distribution and the S3 requests it still makes. */
  readonly withCdn: number
  /** Monthly USD without: internet egress from the region and S3 (if a bucket serves the files). */
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

/** The static-site bucket for the edge: front-end files and any object data. */
export function staticSite(shape: Pick<EdgeShape, 'objectStorageGiB'>): StaticSiteComponent {
  return shape.objectStorageGiB > 0
    ? {kind: 'static-site', objectStorageGiB: shape.objectStorageGiB}
    : {kind: 'static-site'}
}

/**
 * The edge's cost both ways at `users`. `bucket` says whether the plan has an S3 bucket without a
 * CDN (it does once the database is split out, or for object data); with a CDN it always has one.
 */
export function edgeCosts(
  shape: EdgeShape,
  pricing: PlanPricing,
  users: number,
  bucket: boolean,
  primaryRegion: string,
): EdgeCosts {
  let withCdn = 0
  let withoutCdn = 0
  const site = staticSite(shape)
  for (const [i, region] of shape.regions.entries()) {
    const traffic = scaleTraffic(shape.trafficPerUser[i]!, users)
    const context = (cdn: boolean): PricingContext => ({region, primaryRegion, traffic, cdn})
    withCdn += pricing.component({kind: 'cdn'}, context(true)) + pricing.component(site, context(true))
    withoutCdn += pricing.egress(context(false)) + (bucket ? pricing.component(site, context(false)) : 0)
  }

  return {withCdn, withoutCdn}
}

/**
 * The fewest daily users from which the plan has a CDN: 1 with users in several regions (for
 * latency), else where it first costs no more than serving from the region; null for never.
 * `bucketFrom` is the users from which the plan has a bucket without a CDN.
 */
export function cdnFrom(
  shape: EdgeShape,
  pricing: PlanPricing,
  bucketFrom: number,
  primaryRegion: string,
  maxUsers: number,
): number | null {
  if (shape.regions.length >= 2) return 1
  const better = (users: number) => {
    const {withCdn, withoutCdn} = edgeCosts(shape, pricing, users, users >= bucketFrom, primaryRegion)
    return withCdn <= withoutCdn
  }

  return better(1) ? 1 : crossover(better, 1, maxUsers)
}
