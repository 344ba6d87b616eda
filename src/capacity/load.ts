import type {Spec} from '../spec/schema.js'

export const SECONDS_PER_DAY = 86_400

/** Request rates at peak unless the name says average. */
export interface RegionLoad {
  readonly region: string
  readonly userShare: number
  readonly users: number
  readonly avgRps: number
  readonly peakRps: number
  readonly readRps: number
  readonly writeRps: number
}

export interface Load {
  readonly avgRps: number
  readonly peakRps: number
  /** Reads per second at peak. */
  readonly readRps: number
  /** Writes per second at peak; all of them reach the primary region's database. */
  readonly writeRps: number
  readonly regions: readonly RegionLoad[]
}

/**
 * The load model: average = users x requests per user per day / 86,400; peak = average x peak
 * factor; reads and writes split the peak by the ratio; each region takes its share of users.
 */
export function computeLoad(spec: Spec): Load {
  const avgRps = (spec.users * spec.requestsPerUser) / SECONDS_PER_DAY
  const peakRps = avgRps * spec.peakFactor
  const {reads, writes} = spec.readWrite
  const split = (share: number) => ({
    avgRps: avgRps * share,
    peakRps: peakRps * share,
    readRps: (peakRps * share * reads) / (reads + writes),
    writeRps: (peakRps * share * writes) / (reads + writes),
  })

  return {
    ...split(1),
    regions: spec.regions.map((region, i) => {
      const userShare = spec.regionShares[i]!
      return {region, userShare, users: spec.users * userShare, ...split(userShare)}
    }),
  }
}
