import type {Spec} from '../spec/schema.js'
import type {Thresholds} from '../spec/thresholds.js'

export const SECONDS_PER_DAY = 86_400
/** AWS bills a month as 730 hours. */
export const HOURS_PER_MONTH = 730
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
/** AWS meters data transfer and storage in GB of 2^30 bytes. */
export const BYTES_PER_GB = 2 ** 30

/**
 * What a region sends and stores in a month, for the bill. Bills accrue on averages, capacity
 * on peaks, so these are monthly totals at the average rate.
 */
export interface RegionTraffic {
  /** Application requests (pages and API calls). */
  readonly requests: number
  /** Bytes of static files (images, scripts, styles, media) sent to users, in GB. */
  readonly staticGB: number
  /** Bytes of dynamic responses sent to users, in GB. */
  readonly dynamicGB: number
  /** Requests for static files: their bytes in files of `staticObjectKB`. */
  readonly staticRequests: number
  /** Write queries made in the region; each reaches the primary and every other region's replicas. */
  readonly writeQueries: number
  /** Bytes the region's app tier sends out through NAT gateways (logs, metrics, third-party calls), in GB. */
  readonly natGB: number
  /** Write-ahead log the region's cross-region replicas receive from the primary region, in GB (0 there). */
  readonly replicationInGB: number
  /** Writes made in a replica region and sent to the primary region, in GB (0 in the primary region). */
  readonly writesOutGB: number
  /** Requests per second at peak through the edge (application and static), for CloudFront's quota. */
  readonly peakEdgeRps: number
  /** Bits per second at peak through the edge, in Gbps, for CloudFront's quota. */
  readonly peakEdgeGbps: number
}

/** Request rates at peak unless the name says average; queries are database queries. */
export interface RegionLoad {
  readonly region: string
  readonly userShare: number
  readonly users: number
  readonly avgRps: number
  readonly peakRps: number
  readonly readRps: number
  readonly writeRps: number
  /** Read queries per second at peak: read requests x queries per request. */
  readonly readQps: number
  /** Write queries per second at peak made in this region; all of them reach the primary. */
  readonly writeQps: number
  readonly traffic: RegionTraffic
}

export interface Load {
  readonly avgRps: number
  readonly peakRps: number
  /** Reads per second at peak. */
  readonly readRps: number
  /** Writes per second at peak; all of them reach the primary region's database. */
  readonly writeRps: number
  readonly readQps: number
  /** Write queries per second at peak; all of them reach the primary region's database. */
  readonly writeQps: number
  readonly regions: readonly RegionLoad[]
}

/**
 * The load model: average = users x requests per user per day / 86,400; peak = average x peak
 * factor; reads and writes split the peak by the ratio, and each request makes `queriesPerRequest`
 * database queries; each region takes its share of users. Bytes: every request sends
 * `responseSize`, of which `staticShare` is static files.
 */
export function computeLoad(spec: Spec, thresholds: Thresholds, users: number = spec.users): Load {
  const avgRps = (users * spec.requestsPerUser) / SECONDS_PER_DAY
  const peakRps = avgRps * spec.peakFactor
  const {reads, writes} = spec.readWrite
  const readShare = reads / (reads + writes)
  const staticObjectBytes = thresholds.staticObjectKB * 1000
  const split = (share: number) => {
    const peak = peakRps * share
    return {
      avgRps: avgRps * share,
      peakRps: peak,
      readRps: peak * readShare,
      writeRps: peak * (1 - readShare),
      readQps: peak * readShare * spec.queriesPerRequest,
      writeQps: peak * (1 - readShare) * spec.queriesPerRequest,
    }
  }

  const walBytes = thresholds.walKBPerWrite * 1000
  const allWrites = avgRps * SECONDS_PER_MONTH * (1 - readShare) * spec.queriesPerRequest
  return {
    ...split(1),
    regions: spec.regions.map((region, i) => {
      const userShare = spec.regionShares[i]!
      const rates = split(userShare)
      const requests = rates.avgRps * SECONDS_PER_MONTH
      const bytes = requests * spec.responseSize
      const staticBytes = bytes * spec.staticShare
      const writeQueries = requests * (1 - readShare) * spec.queriesPerRequest
      const peakStaticRps = (rates.peakRps * spec.responseSize * spec.staticShare) / staticObjectBytes
      const traffic: RegionTraffic = {
        requests,
        staticGB: staticBytes / BYTES_PER_GB,
        dynamicGB: (bytes - staticBytes) / BYTES_PER_GB,
        staticRequests: staticBytes / staticObjectBytes,
        writeQueries,
        natGB: (requests * thresholds.natKBPerRequest * 1000) / BYTES_PER_GB,
        replicationInGB: i === 0 ? 0 : (allWrites * walBytes) / BYTES_PER_GB,
        writesOutGB: i === 0 ? 0 : (writeQueries * walBytes) / BYTES_PER_GB,
        peakEdgeRps: rates.peakRps + peakStaticRps,
        peakEdgeGbps: (rates.peakRps * spec.responseSize * 8) / 1e9,
      }
      return {region, userShare, users: users * userShare, ...rates, traffic}
    }),
  }
}
