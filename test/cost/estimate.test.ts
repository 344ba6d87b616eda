import {describe, expect, it} from '@jest/globals'

import {recommend} from '../../src/cost/recommend.js'
import {RDS_HOURLY} from '../../src/cost/prices.js'
import {tieredUsd} from '../../src/cost/tiers.js'
import {specOf} from '../helpers/spec.js'

const line = (rec: ReturnType<typeof recommend>, component: string, region = 0) =>
  rec.cost.regions[region]!.lines.find((l) => l.component === component)?.monthlyUsd

/** A month of 730 hours, and GB of 2^30 bytes, as AWS bills. */
const MONTH_SECONDS = 730 * 3600
const GB = 2 ** 30

describe('estimateCost', () => {
  it('prices a single server by hand', () => {
    const rec = recommend(specOf({users: '50', dataSize: '1GB'}))
    // t3.medium 0.0416 $/h x 730 h = 30.368; 22 GiB gp3 x 0.08 = 1.76 -> 32.128
    expect(line(rec, 'server')).toBeCloseTo(32.128, 6)
    // 50 x 50 / 86,400 req/s x 2,628,000 s x 20,000 B / 2^30 = 1.416 GB x 0.09 $/GB (first tier) = 0.1275
    const gb = (((50 * 50) / 86_400) * MONTH_SECONDS * 20_000) / GB
    expect(line(rec, 'data-transfer')).toBeCloseTo(gb * 0.09, 8)
    expect(line(rec, 'network')).toBe(0)
    expect(rec.cost.monthlyUsd).toBeCloseTo(32.128 + gb * 0.09, 6)
  })

  it('prices CloudFront by its volume tiers and requests, not every GB at the first tier', () => {
    const rec = recommend(specOf({users: '100M', regions: 'us-east-1,eu-west-1'}))
    // 50M users in us-east-1: 50M x 50 / 86,400 x 2,628,000 s = 76.04B requests a month of 20 KB
    const requests = ((50e6 * 50) / 86_400) * MONTH_SECONDS
    const gb = (requests * 20_000) / GB // 1,416,386 GB
    // 10 TB at 0.085, 40 TB at 0.080, 100 TB at 0.060, 350 TB at 0.040, 524 TB at 0.030, the rest at 0.025
    const TB = 1024
    const egress =
      10 * TB * 0.085 + 40 * TB * 0.08 + 100 * TB * 0.06 + 350 * TB * 0.04 + 524 * TB * 0.03 + (gb - 1024 * TB) * 0.025
    // HTTPS requests at $0.01 per 10,000: the application's, and the static files' (60% of the bytes in 37 KB files)
    const staticRequests = (requests * 20_000 * 0.6) / 37_000
    expect(line(rec, 'cdn')).toBeCloseTo(egress + ((requests + staticRequests) / 1e4) * 0.01, 4)
    // The same bytes at the first tier would cost 0.085 x 1,416,386 = $120,393: the tiers take 59% off.
    expect(egress / (gb * 0.085)).toBeLessThan(0.45)
  })

  it('prices the one distribution by geography: regions in one geography add their bytes before the tiers', () => {
    // us-east-1 and us-west-2 are both North America: AWS tiers the month's volume per geography.
    const rec = recommend(specOf({users: '100M', regions: 'us-east-1,us-west-2'}))
    expect(rec.topology.edge.cdn).toBe(true)
    const requests = ((50e6 * 50) / 86_400) * MONTH_SECONDS
    const gb = (requests * 20_000) / GB
    const staticRequests = (requests * 20_000 * 0.6) / 37_000
    const fees = ((requests + staticRequests) / 1e4) * 0.01
    const NORTH_AMERICA = [10, 50, 150, 500, 1024, 5 * 1024, Infinity].map((tb, i) => ({
      upToGB: tb * 1024,
      usd: [0.085, 0.08, 0.06, 0.04, 0.03, 0.025, 0.02][i]!,
    }))
    const [east, west] = [line(rec, 'cdn', 0)!, line(rec, 'cdn', 1)!]
    // The two lines add up to the distribution's bill on both regions' bytes together.
    expect(east + west).toBeCloseTo(tieredUsd(2 * gb, NORTH_AMERICA) + 2 * fees, 4)
    // Equal halves of the users pay equal shares, each less than a region would pay on its own tiers.
    expect(east).toBeCloseTo(west, 6)
    expect(east).toBeLessThan(tieredUsd(gb, NORTH_AMERICA) + fees)
    expect(rec.cost.regions[1]!.lines.find((l) => l.component === 'cdn')!.detail).toContain(
      'north-america viewers in all',
    )
  })

  it('prices internet egress by its tiers when there is no CDN', () => {
    const rec = recommend(specOf({users: '100M'}))
    const gb = (((100e6 * 50) / 86_400) * MONTH_SECONDS * 20_000) / GB
    const TB = 1024
    // 10 TB at 0.09, 40 TB at 0.085, 100 TB at 0.07, the rest at 0.05
    const expected = 10 * TB * 0.09 + 40 * TB * 0.085 + 100 * TB * 0.07 + (gb - 150 * TB) * 0.05
    expect(line(rec, 'data-transfer')).toBeCloseTo(expected, 4)
  })

  it('prices NAT processing, object storage in S3 and cross-region replication', () => {
    const rec = recommend(specOf({users: '10M', regions: 'us-east-1,eu-west-1', objectDataSize: '100TB'}))
    const requests = ((5e6 * 50) / 86_400) * MONTH_SECONDS
    // a NAT gateway per region at $0.045/h, and 1 KB per request processed at $0.045/GB
    const nat = componentNat(rec)
    expect(line(rec, 'network')).toBeCloseTo(nat * 0.045 * 730 + ((requests * 1000) / GB) * 0.045, 4)
    // 100 TB = 93,132 GiB: 51,200 at 0.023, the rest at 0.022, plus 1 GB of front end
    const stored = 1 + 100e12 / GB
    expect(
      tieredUsd(stored, [
        {upToGB: 51_200, usd: 0.023},
        {upToGB: Infinity, usd: 0.022},
      ]),
    ).toBeCloseTo(51_200 * 0.023 + (stored - 51_200) * 0.022, 6)
    const s3 = rec.cost.regions[0]!.lines.find((l) => l.component === 'static-site')!
    expect(s3.monthlyUsd).toBeGreaterThan(51_200 * 0.023 + (stored - 51_200) * 0.022)
    // Priced once: the object data lives in the primary region's bucket, the one the CDN serves.
    expect(line(rec, 'static-site', 1)).toBeUndefined()
    // eu-west-1 receives every write's 2 KB of WAL from us-east-1, and sends its own writes there, at $0.02/GB
    const allWrites = ((10e6 * 50) / 86_400) * MONTH_SECONDS * 0.1
    const traffic = rec.load.regions[1]!.traffic
    expect(traffic.replicationInGB).toBeCloseTo((allWrites * 2000) / GB, 6)
    expect(traffic.writesOutGB).toBeCloseTo((allWrites * 2000) / 2 / GB, 6)
    const replicaDb = rec.topology.regions[1]!.components.find((c) => c.kind === 'database')!
    const transfer = (traffic.replicationInGB + traffic.writesOutGB) * 0.02
    expect(line(rec, 'database', 1)! - transfer).toBeCloseTo(
      replicaDb.kind === 'database'
        ? replicaDb.shards *
            replicaDb.replicasPerShard *
            (RDS_HOURLY[replicaDb.replicaInstanceClass]!.usd * 730 + replicaDb.storageGiB * 0.115) *
            1.086
        : 0,
      4,
    )
  })

  it('bills a Multi-AZ primary as two instances with two volumes', () => {
    const rec = recommend(specOf({users: '1000', availability: '99.9'}))
    // db.t4g.medium 0.065 x 2 x 730 = 94.90; 20 GiB x 0.115 x 2 = 4.60
    expect(line(rec, 'database')).toBeCloseTo(99.5, 6)
    // 3 NAT gateways x 0.045 x 730 = 98.55, and their processing
    expect(line(rec, 'network')).toBeGreaterThan(98.55)
  })

  it('applies the regional factor, and prices Valkey at 0.8x Redis', () => {
    const us = recommend(specOf({users: '8M'}))
    const eu = recommend(specOf({users: '8M', regions: 'eu-west-1'}))
    // 2 x cache.r7g.large at 0.219 x 0.8 (Valkey) x 730 = 255.79
    expect(line(us, 'cache')).toBeCloseTo(255.792, 6)
    // x 1.086 in eu-west-1
    expect(line(eu, 'cache')).toBeCloseTo(255.792 * 1.086, 6)
    const redis = recommend(specOf({users: '8M', cacheEngine: 'redis'}))
    expect(line(redis, 'cache')).toBeCloseTo(319.74, 6)
  })

  it('adds up lines to regions and regions to the total', () => {
    const rec = recommend(specOf({users: '2.5M', regions: 'us-east-1,eu-west-1,ap-southeast-1', services: 'search'}))
    for (const region of rec.cost.regions) {
      expect(region.monthlyUsd).toBeCloseTo(
        region.lines.reduce((sum, l) => sum + l.monthlyUsd, 0),
        6,
      )
    }

    expect(rec.cost.monthlyUsd).toBeCloseTo(
      rec.cost.regions.reduce((sum, r) => sum + r.monthlyUsd, 0),
      6,
    )
  })
})

describe('tieredUsd', () => {
  it('charges each tier its rate on the GB within it, and never falls as GB grow', () => {
    const tiers = [
      {upToGB: 10, usd: 1},
      {upToGB: 20, usd: 0.5},
      {upToGB: Infinity, usd: 0.25},
    ]
    expect(tieredUsd(0, tiers)).toBe(0)
    expect(tieredUsd(5, tiers)).toBe(5)
    expect(tieredUsd(15, tiers)).toBe(12.5)
    expect(tieredUsd(40, tiers)).toBe(10 + 5 + 5)
    let previous = 0
    for (let gb = 0; gb < 50; gb += 0.5) {
      expect(tieredUsd(gb, tiers)).toBeGreaterThanOrEqual(previous)
      previous = tieredUsd(gb, tiers)
    }
  })
})

function componentNat(rec: ReturnType<typeof recommend>): number {
  const network = rec.topology.regions[0]!.components.find((c) => c.kind === 'network')
  return network?.kind === 'network' ? network.natGateways : 0
}
